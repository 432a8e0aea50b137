import { sql, type Kysely } from 'kysely';

// Schema 12: each lot check a batch counted (plating.lotChecked), by its event. Its pieces move by
// a fact of the lot's own (plating.checkMoved) that applies only if the check is here, so a check
// refused or left out (two stations checked the same pieces while apart) moves nothing. Cleared
// for a batch when the batch is recomputed from its events, which count them again. Checks made
// before are not listed: their pieces moved by lot.moved, which needs none.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE plating_checks (
      event_id TEXT PRIMARY KEY,
      batch_id TEXT NOT NULL REFERENCES plating_batches(id) ON DELETE CASCADE,
      lot_id TEXT NOT NULL)`.execute(db);
  await sql`CREATE INDEX plating_checks_batch ON plating_checks(batch_id)`.execute(db);
}
