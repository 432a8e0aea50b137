import { sql, type Kysely } from 'kysely';

// Schema 19: a batch finished with gold used far from Faraday's expectation carries the
// supervisor's override (why, and who) on its row, and the override is a fact of the batch's run,
// recomputed with it (core/plating/rebuild.ts), so the index a batch's recompute reads its events
// through lists its type too.
export async function up(db: Kysely<unknown>): Promise<void> {
  await addOverrideColumns(db);
  await sql`DROP INDEX events_batch`.execute(db);
  await sql`CREATE INDEX events_batch ON events(json_extract(payload, '$.batchId')) WHERE type IN ('plating.batchStarted', 'plating.readingLogged', 'plating.metalOverridden', 'plating.batchFinished', 'plating.lotChecked')`.execute(db);
}

/** The part the PostgreSQL upstream runs too (its events have no such index). */
export async function addOverrideColumns(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE plating_batches ADD COLUMN metal_override_reason TEXT`.execute(db);
  await sql`ALTER TABLE plating_batches ADD COLUMN metal_override_by TEXT`.execute(db);
}
