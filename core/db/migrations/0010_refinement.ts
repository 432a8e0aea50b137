import { sql, type Kysely } from 'kysely';

// Schema 10: refinement_progress holds every piece reported through a step, ever; the pieces that
// left for plating are counted off when it is read (core/plating/refinement.ts refinementDone), so
// that the result does not depend on the order a station learnt the facts in. Until now a batch's
// start took its pieces off the stored count: they are given back here.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`UPDATE refinement_progress SET pieces = pieces + coalesce((
      SELECT sum(i.pieces) FROM plating_batch_items i JOIN plating_batches b ON b.id = i.batch_id
      WHERE i.lot_id = refinement_progress.lot_id AND b.state != 'planned'), 0)`.execute(db);
}
