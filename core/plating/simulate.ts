import type { Ctx } from '../app/context';
import type { Random } from '../demo/random';
import { planVersion } from './board';
import { replan } from './plan';
import { refinementDone } from './refinement';
import { recordStepDone } from './refinementService';
import { checkPlatedLot, finishBatch, logReading, startBatch, unrefined } from './run';

// One valid plating operation for `hq simulate`: log a reading on or finish the running batch,
// check a finished batch's lot, start the next planned batch, do a refinement step for one that
// waits on it, or re-plan when nothing planned can start.
// Returns false when there is nothing to do (no lots waiting for plating).
export async function simulatePlating(ctx: Ctx, random: Random): Promise<boolean> {
  const db = ctx.db;
  const running = await db.selectFrom('plating_batches').select(['id', 'expected_metal_g']).where('state', '=', 'running').orderBy('start_at').executeTakeFirst();
  if (running) {
    if (random.chance(0.5))
      await logReading(ctx, running.id, { kind: 'bath', temperatureC: random.int(45, 65), currentA: random.int(5, 30), minutes: random.int(3, 12), sample: null, thicknessUm: null });
    else await finishBatch(ctx, running.id, Math.round(running.expected_metal_g * (0.95 + random.next() * 0.2) * 1000) / 1000);
    return true;
  }
  // Pieces the random mover took elsewhere meanwhile are not checked here: only what is still in plating.
  const unchecked = await db
    .selectFrom('plating_batch_items')
    .innerJoin('plating_batches', 'plating_batches.id', 'plating_batch_items.batch_id')
    .innerJoin('lots', 'lots.id', 'plating_batch_items.lot_id')
    .select(['plating_batch_items.batch_id', 'plating_batch_items.lot_id', 'plating_batch_items.pieces', 'plating_batch_items.checked', 'lots.plating'])
    .where('plating_batches.state', '=', 'done')
    .whereRef('plating_batch_items.checked', '<', 'plating_batch_items.pieces')
    .where('lots.plating', '>', 0)
    .limit(1)
    .executeTakeFirst();
  if (unchecked) {
    const open = Math.min(unchecked.pieces - unchecked.checked, unchecked.plating);
    // Now and then some pieces peel: they go back to rework, the rest pass at the next check.
    const rework = random.chance(0.2) ? random.int(1, open) : 0;
    await checkPlatedLot(ctx, unchecked.batch_id, { lotId: unchecked.lot_id, passed: rework ? 0 : open, rework, thicknessOk: true, adhesionOk: rework === 0, colourOk: true });
    return true;
  }
  const planned = await db.selectFrom('plating_batches').select('id').where('state', '=', 'planned').orderBy('start_at').limit(5).execute();
  let toRefine: Awaited<ReturnType<typeof unrefined>> = null;
  for (const batch of planned) {
    const short = await db
      .selectFrom('plating_batch_items')
      .innerJoin('lots', 'lots.id', 'plating_batch_items.lot_id')
      .select('lots.id')
      .where('plating_batch_items.batch_id', '=', batch.id)
      .whereRef('lots.refining', '<', 'plating_batch_items.pieces')
      .executeTakeFirst();
    if (short) continue;
    const missing = await unrefined(db, batch.id);
    if (missing) {
      toRefine ??= missing;
      continue;
    }
    await startBatch(ctx, batch.id);
    return true;
  }
  // The refinement room works on a planned batch's lots, a step at a time.
  if (toRefine) {
    const lot = await db.selectFrom('lots').select('refining').where('id', '=', toRefine.lotId).executeTakeFirstOrThrow();
    const done = (await refinementDone(db, [toRefine.lotId])).get(toRefine.lotId)?.[toRefine.step] ?? 0;
    await recordStepDone(ctx, toRefine.lotId, toRefine.step, lot.refining - Math.min(lot.refining, done));
    return true;
  }
  const { batches } = await replan(ctx, await planVersion(db), 0);
  return batches > 0;
}
