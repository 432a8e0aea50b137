import { sql, type Kysely } from 'kysely';

// A new station's first load from a snapshot (core/sync/snapshot.ts): where its download stands,
// the parts received so far (kept in the store, so a crash or a cut resumes where it stopped),
// the upstream sequence the snapshot stands at (events up to it are history: stored, never
// applied again), how far that history has arrived, and each lot as the snapshot had it, so a lot
// can be recomputed before its history is here.
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `ALTER TABLE sync_state ADD COLUMN snapshot_id TEXT`,
    `ALTER TABLE sync_state ADD COLUMN snapshot_bytes INTEGER`,
    `ALTER TABLE sync_state ADD COLUMN snapshot_sha256 TEXT`,
    `ALTER TABLE sync_state ADD COLUMN snapshot_seq INTEGER`,
    `ALTER TABLE sync_state ADD COLUMN history_cursor INTEGER`,
    `CREATE TABLE sync_snapshot_parts (
      offset INTEGER PRIMARY KEY CHECK (offset >= 0),
      data BLOB NOT NULL)`,
    `CREATE TABLE sync_snapshot_lots (
      id TEXT PRIMARY KEY,
      row TEXT NOT NULL)`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
