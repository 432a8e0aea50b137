import { sql, type Kysely } from 'kysely';

// Schema 14: a box's and a batch's events found by their id when sync recomputes the box or batch
// (two stations acted on it while apart), instead of reading every event of those types. Partial
// indexes on the payload's id, written with the same literal lists of types as inScope() asks
// (core/sync/scope.ts), so that SQLite uses them. A station's own: the upstream recomputes nothing.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX events_box ON events(json_extract(payload, '$.boxId')) WHERE type IN ('packing.boxOpened', 'packing.shipped')`.execute(db);
  await sql`CREATE INDEX events_batch ON events(json_extract(payload, '$.batchId')) WHERE type IN ('plating.batchStarted', 'plating.batchFinished', 'plating.lotChecked')`.execute(db);
}
