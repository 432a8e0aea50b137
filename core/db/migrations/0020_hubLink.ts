import { sql, type Kysely } from 'kysely';

// The HQ hub's link to its own upstream, kept from its first attempt on (even one that fails, when
// no upstream_parent row exists yet), so its status says since when and why it has not reached the
// cloud; and, at a station, its hub's link as the hub last told it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await upHub(db);
  await sql.raw(`ALTER TABLE sync_state ADD COLUMN upstream_link TEXT`).execute(db);
}

/** The hub's side alone: the PostgreSQL upstream's twin (it has no sync_state). */
export async function upHub(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `CREATE TABLE upstream_link (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      url TEXT NOT NULL,
      started_at TEXT NOT NULL,
      last_push_at TEXT,
      last_pull_at TEXT,
      waiting INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      last_error_at TEXT)`,
    // Kept in upstream_link from now on, with the error's code.
    `ALTER TABLE upstream_parent DROP COLUMN last_success_at`,
    `ALTER TABLE upstream_parent DROP COLUMN last_error`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
