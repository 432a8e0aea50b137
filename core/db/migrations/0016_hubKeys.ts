import { sql, type Kysely } from 'kysely';

// A hub is made a hub by the upstream's admin, never by asking: the admin issues it a code (H1...)
// and a one-time key (`hq upstream add-hub`), which the hub presents once to enroll as that relay.
// Only the key's hash is kept; used_at marks it spent.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `CREATE TABLE upstream_hub_keys (
      code TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      key_hash TEXT NOT NULL UNIQUE,
      issued_at TEXT NOT NULL,
      used_at TEXT)`,
    )
    .execute(db);
}
