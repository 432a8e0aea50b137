import { sql, type Kysely } from 'kysely';

// Schema 15: a batch's readings are facts of its run, recomputed with it (core/plating/rebuild.ts),
// so the index a batch's recompute reads its events through lists their type too. Readings left on
// a batch that is planned (its start was left out) go: they belonged to a run that, in the
// upstream's order, did not happen here, and they kept the plan from ever replacing the batch.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX events_batch`.execute(db);
  await sql`CREATE INDEX events_batch ON events(json_extract(payload, '$.batchId')) WHERE type IN ('plating.batchStarted', 'plating.readingLogged', 'plating.batchFinished', 'plating.lotChecked')`.execute(db);
  await sql`DELETE FROM plating_readings WHERE batch_id IN (SELECT id FROM plating_batches WHERE state = 'planned')`.execute(db);
}
