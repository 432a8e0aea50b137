import { AppError } from '../kernel/errors';
import type { Ctx } from '../app/context';
import type { Db } from '../db/schema';
import { lotMoved } from '../lots/events';
import { refinementStepDone } from './events';
import { planRefinement, refinementDone, shiftFit, stepsFor, type RefinementStep } from './refinement';
import { readSettings } from './settings';
import { waitingLots } from './waiting';

// Refinement at the stations: the queue per station, a step done for a lot's pieces, and the
// final check that sends unplated finishes (raw brass, polished, horn, bone, wood) to finished stock.

export async function readRefinement(db: Db, now: Date) {
  const settings = await readSettings(db);
  const lots = await waitingLots(db, settings, now);
  const done = await refinementDone(db, lots.map((l) => l.lotId));
  const { loads } = planRefinement(
    lots.map((l) => ({ lotId: l.lotId, pieces: l.pieces, dueAt: l.dueAt, materials: l.materials, done: done.get(l.lotId) ?? {} })),
    settings.stations,
    now,
    shiftFit(settings.calendar, now),
  );
  return {
    stations: settings.stations.map((s) => ({ ...s, queue: loads.filter((q) => q.stationId === s.id).slice(0, 50) })),
    lots: lots.map((l) => {
      const steps = stepsFor(l.materials);
      const d = done.get(l.lotId) ?? {};
      return {
        lotId: l.lotId,
        designSku: l.designSku,
        finish: l.finish,
        pieces: l.pieces,
        dueAt: l.dueAt,
        orderId: l.order?.id ?? null,
        plated: l.plated,
        steps: steps.map((step) => ({ step, done: Math.min(l.pieces, d[step] ?? 0) })),
        refined: steps.every((step) => (d[step] ?? 0) >= l.pieces),
      };
    }),
  };
}

export async function recordStepDone(ctx: Ctx, lotId: string, step: RefinementStep, pieces: number): Promise<void> {
  const lot = await ctx.db.selectFrom('lots').innerJoin('designs', 'designs.sku', 'lots.design_sku').select(['lots.refining', 'designs.materials']).where('lots.id', '=', lotId).executeTakeFirst();
  if (!lot) throw new AppError('lot.notFound', `No lot ${lotId}`, { lot: lotId });
  if (!stepsFor(JSON.parse(lot.materials) as string[]).includes(step)) throw new AppError('refinement.stepNotNeeded', `Lot ${lotId} does not go through ${step}`, { lot: lotId, step });
  // Pieces that left refining were the refined ones: what is done never counts above what is there.
  const done = Math.min(lot.refining, (await refinementDone(ctx.db, [lotId])).get(lotId)?.[step] ?? 0);
  if (pieces < 1 || done + pieces > lot.refining)
    throw new AppError('refinement.tooMany', `${pieces} more pieces of ${lotId} through ${step}: ${lot.refining - done} wait for it`, { lot: lotId, step, pieces, open: Math.max(0, lot.refining - done) });
  await ctx.write(({ record }) => record(refinementStepDone, { lotId, step, pieces }));
}

/** The final check of an unplated finish: good pieces to finished stock, the rest to rework. */
export async function finalCheck(ctx: Ctx, lotId: string, passed: number, rework: number): Promise<void> {
  const settings = await readSettings(ctx.db);
  const lot = await ctx.db.selectFrom('lots').select(['finish', 'refining']).where('id', '=', lotId).executeTakeFirst();
  if (!lot) throw new AppError('lot.notFound', `No lot ${lotId}`, { lot: lotId });
  if (settings.recipes.some((r) => r.finish === lot.finish)) throw new AppError('refinement.goesToPlating', `Lot ${lotId} is ${lot.finish}: it goes to plating, not to finished stock`, { lot: lotId, finish: lot.finish });
  if (passed + rework < 1 || passed + rework > lot.refining)
    throw new AppError('refinement.checkCount', `${passed + rework} pieces checked; ${lot.refining} of ${lotId} are in refining`, { lot: lotId, count: passed + rework, open: lot.refining });
  await ctx.write(async ({ record }) => {
    if (passed > 0) await record(lotMoved, { lotId, from: 'refining', to: 'finished', quantity: passed, reason: 'final check passed' });
    if (rework > 0) await record(lotMoved, { lotId, from: 'refining', to: 'rework', quantity: rework, reason: 'final check failed' });
  });
}
