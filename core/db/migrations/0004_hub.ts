import { sql, type Kysely } from 'kysely';

// An upstream can itself sync onward (the HQ hub): its link to its own upstream, each event's place
// in that upstream's order, and which enrolled stations are hubs relaying other stations' events.
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `ALTER TABLE events ADD COLUMN parent_seq INTEGER`,
    `CREATE UNIQUE INDEX events_parent_order ON events(parent_seq) WHERE parent_seq IS NOT NULL`,
    `ALTER TABLE upstream_stations ADD COLUMN relay INTEGER NOT NULL DEFAULT 0 CHECK (relay IN (0, 1))`,
    `CREATE TABLE upstream_parent (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      url TEXT NOT NULL,
      upstream_id TEXT NOT NULL,
      code TEXT NOT NULL,
      token TEXT NOT NULL,
      cursor INTEGER NOT NULL DEFAULT 0,
      last_success_at TEXT,
      last_error TEXT)`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
