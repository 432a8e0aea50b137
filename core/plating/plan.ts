import { AppError } from '../kernel/errors';
import type { Ctx } from '../app/context';
import { batchLocked, batchMoved, planMadeAt, planPublished } from './events';
import { solve, type Batch } from './schedule';
import { expectedMetalG } from './waiting';
import { continuedIds } from './batchIds';
import { batchEnd, boardBatches, checkPlanned, introduced, planningInput, planVersion, toScheduleBatch, type PlanViolation } from './board';

// Changing the plan: re-plan the unlocked batches, move one, lock one. Each change carries the
// plan version it was made on; the store refuses it when the plan has moved on since.

async function currentVersion(ctx: Ctx, basedOn: number): Promise<void> {
  const current = await planVersion(ctx.db);
  if (current !== basedOn) throw new AppError('plating.planChanged', `The plan is at version ${current}, this change was made on version ${basedOn}`, { current, basedOn });
}

/** Solves the waiting lots around the locked batches and publishes the result as the next version. */
export async function replan(ctx: Ctx, basedOn: number, timeLimitMs = 1500): Promise<{ version: number; batches: number }> {
  await currentVersion(ctx, basedOn);
  const now = ctx.now();
  const input = await planningInput(ctx.db, now);
  const planned = (await boardBatches(ctx.db, now)).filter((b) => b.state === 'planned');
  // A lock in the past (the batch was not started in time) cannot hold: it is planned again.
  // A lock that can no longer hold (its time passed, its lots are not refined in time) is planned again.
  const candidates = planned.filter((b) => b.locked && b.startAt >= input.instance.start);
  const broken = new Set(checkPlanned(input, candidates).violations.filter((v) => v.batchId && v.rule !== 'pieces').map((v) => v.batchId));
  const locked = candidates.filter((b) => !broken.has(b.id));
  const keyOf = (b: Batch) => `${b.line}|${b.start}|${b.finish}`;
  const lockedIds = new Map(locked.map((b) => [keyOf(toScheduleBatch(b)), b.id]));
  let batches: Batch[];
  try {
    batches = solve(input.instance, { locked: locked.map(toScheduleBatch), timeLimitMs }).batches;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('plating.cannotPlan', `The plan could not be made: ${error instanceof Error ? error.message : String(error)}`, { reason: error instanceof Error ? error.message : String(error) });
  }
  for (const b of locked) if (!batches.some((s) => keyOf(s) === keyOf(toScheduleBatch(b)))) batches.push(toScheduleBatch(b));
  const area = new Map(input.lots.map((l) => [l.lotId, l.areaCm2PerPiece]));
  return ctx.write(async ({ actor, record, trx }) => {
    const version = basedOn + 1;
    const sorted = [...batches].sort((a, b) => a.start.localeCompare(b.start) || a.line.localeCompare(b.line));
    // The batches re-planned keep their ids where a new batch continues them (core/plating/batchIds.ts).
    const continued = continuedIds(
      planned.filter((b) => !locked.includes(b)),
      sorted.map((b) => (lockedIds.has(keyOf(b)) ? { finish: b.finish, items: [] } : { finish: b.finish, items: b.items.map((i) => ({ lotId: i.lot, pieces: i.pieces })) })),
    );
    await record(planPublished, {
      basedOn,
      basedOnAt: await planMadeAt(trx),
      batches: sorted.map((b, n) => ({
        id: lockedIds.get(keyOf(b)) ?? continued[n] ?? `PB-${actor.station}-${version}-${String(n + 1).padStart(3, '0')}`,
        lineId: b.line,
        finish: b.finish,
        startAt: b.start,
        endAt: b.end,
        locked: lockedIds.has(keyOf(b)),
        expectedMetalG: expectedMetalG(input.settings, b.finish, b.items.map((i) => ({ areaCm2PerPiece: area.get(i.lot) ?? 0, pieces: i.pieces }))),
        items: b.items.map((i) => ({ lotId: i.lot, pieces: i.pieces })),
      })),
    });
    return { version, batches: sorted.length };
  });
}

export interface BatchMove {
  basedOn: number;
  batchId: string;
  lineId: string;
  startAt: string;
}

/** What moving a batch would give: its new end, and every rule it would break that is not broken now. */
export async function previewMove(ctx: Ctx, move: BatchMove): Promise<{ endAt: string; introduced: PlanViolation[]; violations: PlanViolation[] }> {
  await currentVersion(ctx, move.basedOn);
  const now = ctx.now();
  const input = await planningInput(ctx.db, now);
  const planned = (await boardBatches(ctx.db, now)).filter((b) => b.state === 'planned');
  const batch = planned.find((b) => b.id === move.batchId);
  if (!batch) {
    const any = await ctx.db.selectFrom('plating_batches').select('state').where('id', '=', move.batchId).executeTakeFirst();
    if (any) throw new AppError('plating.batchNotPlanned', `Batch ${move.batchId} has already started`, { batch: move.batchId });
    throw new AppError('plating.batchNotFound', `No batch ${move.batchId}`, { batch: move.batchId });
  }
  const startAt = new Date(Math.round(Date.parse(move.startAt) / 60_000) * 60_000).toISOString();
  const endAt = batchEnd(input.settings, batch, move.lineId, startAt);
  const before = checkPlanned(input, planned).violations;
  const after = checkPlanned(
    input,
    planned.map((b) => (b.id === batch.id ? { ...b, lineId: move.lineId, startAt, endAt } : b)),
  ).violations;
  return { endAt, introduced: introduced(before, after), violations: after };
}

/** Moves a batch; a move that breaks a rule is refused unless the planner overrides it (kept on the event). */
export async function moveBatch(ctx: Ctx, move: BatchMove & { override: boolean }): Promise<{ version: number }> {
  const preview = await previewMove(ctx, move);
  const broken = preview.introduced;
  if (broken.length > 0 && !move.override)
    throw new AppError('plating.moveBreaksRule', `The move breaks a rule: ${broken[0]!.message}`, { rule: broken[0]!.rule, detail: broken[0]!.message });
  const startAt = new Date(Math.round(Date.parse(move.startAt) / 60_000) * 60_000).toISOString();
  await ctx.write(async ({ record, trx }) =>
    record(batchMoved, { basedOn: move.basedOn, basedOnAt: await planMadeAt(trx), batchId: move.batchId, lineId: move.lineId, startAt, endAt: preview.endAt, overridden: broken.map((v) => v.message.slice(0, 300)).slice(0, 50) }),
  );
  return { version: move.basedOn + 1 };
}

export async function lockBatch(ctx: Ctx, basedOn: number, batchId: string, locked: boolean): Promise<{ version: number }> {
  await currentVersion(ctx, basedOn);
  await ctx.write(async ({ record, trx }) => record(batchLocked, { basedOn, basedOnAt: await planMadeAt(trx), batchId, locked }));
  return { version: basedOn + 1 };
}
