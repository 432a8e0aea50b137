import { z } from 'zod';
import { AppError } from '../kernel/errors';
import { chunks } from '../db/batch';
import type { Trx } from '../db/schema';
import { defineEvent, type EventDefinition } from '../events/define';
import { lotMoved } from '../lots/events';
import { joinRun } from '../lots/runs';
import { operators, planners, supervisors } from '../api/roles';

// The plating facts. Settings are upserts keyed by their id; the plan carries the version it was
// based on, so a change made on a stale plan (another station moved on) is refused, here and
// when pulled elsewhere: a conflict for a supervisor, never a silent overwrite.

const id = z.string().min(1).max(60);
const iso = z.string().max(40);
const finish = z.string().min(1).max(40);

export const recipeSaved = defineEvent({
  type: 'plating.recipeSaved',
  payload: z.object({
    finish,
    metal: z.enum(['gold', 'silver']),
    base: z.enum(['brass', 'sterling']),
    thicknessUm: z.number().positive().max(50),
    currentDensity: z.number().positive().max(20),
    efficiency: z.number().positive().max(1),
  }),
  lotId: () => null,
  authority: { by: 'person', roles: planners },
  async apply(trx, p) {
    const row = { metal: p.metal, base: p.base, thickness_um: p.thicknessUm, current_density: p.currentDensity, efficiency: p.efficiency };
    await trx.insertInto('plating_recipes').values({ finish: p.finish, ...row }).onConflict((oc) => oc.column('finish').doUpdateSet(row)).execute();
  },
});

export const shift = z.object({
  weekdays: z.array(z.number().int().min(1).max(7)).min(1),
  start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  end: z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/),
});

export const calendarSaved = defineEvent({
  type: 'plating.calendarSaved',
  payload: z.object({ timeZone: z.string().min(1).max(60), shifts: z.array(shift).min(1).max(21), closed: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).max(400) }),
  lotId: () => null,
  authority: { by: 'person', roles: planners },
  async apply(trx, p) {
    const row = { time_zone: p.timeZone, shifts: JSON.stringify(p.shifts), closed: JSON.stringify(p.closed) };
    await trx.insertInto('plating_calendar').values({ id: 1, ...row }).onConflict((oc) => oc.column('id').doUpdateSet(row)).execute();
  },
});

export const refinementStationSaved = defineEvent({
  type: 'refinement.stationSaved',
  payload: z.object({ id, name: z.string().min(1).max(80), step: z.enum(['polish', 'tumble', 'clean']), capacityPieces: z.number().int().positive().max(100_000), minutesPerLoad: z.number().positive().max(1440) }),
  lotId: () => null,
  authority: { by: 'person', roles: planners },
  async apply(trx, p) {
    const row = { name: p.name, step: p.step, capacity_pieces: p.capacityPieces, minutes_per_load: p.minutesPerLoad };
    await trx.insertInto('refinement_stations').values({ id: p.id, ...row }).onConflict((oc) => oc.column('id').doUpdateSet(row)).execute();
  },
});

export const lossNormSaved = defineEvent({
  type: 'metal.lossNormSaved',
  payload: z.object({ step: z.enum(['refining', 'plating', 'gold', 'goldUsed']), normPct: z.number().min(0).max(100) }),
  lotId: () => null,
  authority: { by: 'person', roles: planners },
  async apply(trx, p) {
    await trx.insertInto('metal_loss_norms').values({ step: p.step, norm_pct: p.normPct }).onConflict((oc) => oc.column('step').doUpdateSet({ norm_pct: p.normPct })).execute();
  },
});

/**
 * The version a change was made on, named also by when that version was made (the plan's
 * changed_at): a version of the same number reached by other changes elsewhere is another plan.
 * Null for the first; absent from changes made before it was named.
 */
const basedOnAt = iso.nullable().optional();

/** When the plan's current version was made (null before the first), to name the version a change is made on. */
export async function planMadeAt(trx: Trx): Promise<string | null> {
  return (await trx.selectFrom('plating_plan').select('changed_at').executeTakeFirst())?.changed_at ?? null;
}

/** The plan moves on one version per change; a change based on another version (or one of its number made elsewhere) is refused. */
export async function advancePlan(trx: Trx, basedOn: number, at: string, by: string, madeAt?: string | null): Promise<void> {
  const plan = await trx.selectFrom('plating_plan').select(['version', 'changed_at']).executeTakeFirst();
  const current = plan?.version ?? 0;
  if (current !== basedOn || (madeAt !== undefined && madeAt !== (plan?.changed_at ?? null)))
    throw new AppError('plating.planChanged', `The plan is at version ${current}, this change was made on version ${basedOn}`, { current, basedOn });
  const row = { version: current + 1, changed_at: at, changed_by: by };
  await trx.insertInto('plating_plan').values({ id: 1, ...row }).onConflict((oc) => oc.column('id').doUpdateSet(row)).execute();
}

export const plannedBatch = z.object({
  id,
  lineId: id,
  finish,
  startAt: iso,
  endAt: iso,
  locked: z.boolean(),
  expectedMetalG: z.number().min(0),
  items: z.array(z.object({ lotId: id, pieces: z.number().int().positive() })).min(1),
});

export const planPublished = defineEvent({
  type: 'plating.planPublished',
  payload: z.object({ basedOn: z.number().int().min(0), basedOnAt, batches: z.array(plannedBatch).max(20_000) }),
  lotId: () => null,
  authority: { by: 'person', roles: planners, maxBytes: 8 << 20 },
  async apply(trx, p, e) {
    await advancePlan(trx, p.basedOn, e.at, e.userId, p.basedOnAt);
    // Batches not started yet are the plan; running and done ones are history and stay.
    await trx.deleteFrom('plating_batches').where('state', '=', 'planned').execute();
    // One started since (a plan replayed after a sync) stays as it ran; the others are written a few hundred to a statement.
    const taken = new Set<string>();
    for (const ids of chunks(p.batches.map((b) => b.id)))
      for (const row of await trx.selectFrom('plating_batches').select('id').where('id', 'in', ids).execute()) taken.add(row.id);
    const fresh: typeof p.batches = [];
    for (const b of p.batches) {
      if (taken.has(b.id)) continue;
      taken.add(b.id);
      fresh.push(b);
    }
    const rows = fresh.map((b) => ({ id: b.id, line_id: b.lineId, finish: b.finish, start_at: b.startAt, end_at: b.endAt, locked: b.locked ? 1 : 0, expected_metal_g: b.expectedMetalG }));
    for (const piece of chunks(rows, 400)) await trx.insertInto('plating_batches').values(piece).execute();
    const items = fresh.flatMap((b) => b.items.map((i) => ({ batch_id: b.id, lot_id: i.lotId, pieces: i.pieces })));
    for (const piece of chunks(items, 1000)) await trx.insertInto('plating_batch_items').values(piece).execute();
  },
});

async function plannedBatchOrRefuse(trx: Trx, batchId: string) {
  const batch = await trx.selectFrom('plating_batches').select(['id', 'state']).where('id', '=', batchId).executeTakeFirst();
  if (!batch) throw new AppError('plating.batchNotFound', `No batch ${batchId}`, { batch: batchId });
  if (batch.state !== 'planned') throw new AppError('plating.batchNotPlanned', `Batch ${batchId} has already started`, { batch: batchId });
}

export const batchMoved = defineEvent({
  type: 'plating.batchMoved',
  payload: z.object({ basedOn: z.number().int().min(0), basedOnAt, batchId: id, lineId: id, startAt: iso, endAt: iso, overridden: z.array(z.string().max(300)).max(50) }),
  lotId: () => null,
  authority: { by: 'person', roles: planners, maxBytes: 32 << 10 },
  async apply(trx, p, e) {
    await plannedBatchOrRefuse(trx, p.batchId);
    await advancePlan(trx, p.basedOn, e.at, e.userId, p.basedOnAt);
    await trx.updateTable('plating_batches').set({ line_id: p.lineId, start_at: p.startAt, end_at: p.endAt }).where('id', '=', p.batchId).execute();
  },
});

export const batchLocked = defineEvent({
  type: 'plating.batchLocked',
  payload: z.object({ basedOn: z.number().int().min(0), basedOnAt, batchId: id, locked: z.boolean() }),
  lotId: () => null,
  authority: { by: 'person', roles: planners },
  async apply(trx, p, e) {
    await plannedBatchOrRefuse(trx, p.batchId);
    await advancePlan(trx, p.basedOn, e.at, e.userId, p.basedOnAt);
    await trx.updateTable('plating_batches').set({ locked: p.locked ? 1 : 0 }).where('id', '=', p.batchId).execute();
  },
});

export const batchStarted = defineEvent({
  type: 'plating.batchStarted',
  payload: z.object({ batchId: id }),
  lotId: () => null,
  authority: { by: 'person', roles: operators },
  readsLots: false,
  readsAppends: false,
  async apply(trx, p, e) {
    const done = await trx
      .updateTable('plating_batches')
      .set({ state: 'running', started_at: e.at, started_by: e.userId })
      .where('id', '=', p.batchId)
      .where('state', '=', 'planned')
      .executeTakeFirst();
    if (done.numUpdatedRows === 0n) {
      const batch = await trx.selectFrom('plating_batches').select('state').where('id', '=', p.batchId).executeTakeFirst();
      if (!batch) throw new AppError('plating.batchNotFound', `No batch ${p.batchId}`, { batch: p.batchId });
      throw new AppError('plating.alreadyStarted', `Batch ${p.batchId} is already ${batch.state}`, { batch: p.batchId });
    }
    // Its pieces leave refining as refined ones: refinementDone counts them off, whatever order the facts arrive in.
  },
});

/**
 * A started batch's pieces of one lot leave refining for plating: recorded with the start, once
 * per lot and batch, so a second station's start of the same batch moves nothing (made before, a
 * lot.moved went with the start).
 */
export const lotStarted = defineEvent({
  type: 'plating.lotStarted',
  payload: z.object({ batchId: id, lotId: id, pieces: z.number().int().positive().max(1_000_000) }),
  lotId: (p) => p.lotId,
  authority: { by: 'person', roles: operators },
  async apply(trx, p, e) {
    // Its batch's start came first (the same write): a start refused (the batch planned away) takes its pieces' move with it.
    const batch = await trx.selectFrom('plating_batches').select('state').where('id', '=', p.batchId).executeTakeFirst();
    if (batch?.state !== 'running' && batch?.state !== 'done') throw new AppError('plating.batchNotFound', `No batch ${p.batchId} has started`, { batch: p.batchId });
    await joinRun(trx, p.lotId, `batch:${p.batchId}`, () => new AppError('plating.alreadyStarted', `Batch ${p.batchId} has already started`, { batch: p.batchId }));
    await lotMoved.apply(trx, { lotId: p.lotId, from: 'refining', to: 'plating', quantity: p.pieces, reason: `batch ${p.batchId}` }, e);
  },
});

/**
 * A supervisor lets a batch's gold used stand where it is far from Faraday's expectation (or
 * zero), saying why: recorded by the supervisor with the finish, in the same write, before it.
 */
export const metalOverridden = defineEvent({
  type: 'plating.metalOverridden',
  payload: z.object({ batchId: id, metalUsedG: z.number().min(0).max(100_000), expectedG: z.number().min(0), reason: z.string().trim().min(5).max(500) }),
  lotId: () => null,
  authority: { by: 'person', roles: supervisors },
  readsLots: false,
  readsAppends: false,
  async apply(trx, p, e) {
    const done = await trx
      .updateTable('plating_batches')
      .set({ metal_override_reason: p.reason, metal_override_by: e.userId })
      .where('id', '=', p.batchId)
      .where('state', '=', 'running')
      .executeTakeFirst();
    if (done.numUpdatedRows === 0n) throw new AppError('plating.notRunning', `Batch ${p.batchId} is not running`, { batch: p.batchId });
  },
});

export const batchFinished = defineEvent({
  type: 'plating.batchFinished',
  payload: z.object({ batchId: id, metalUsedG: z.number().min(0).max(100_000) }),
  lotId: () => null,
  authority: { by: 'person', roles: operators },
  readsLots: false,
  readsAppends: false,
  async apply(trx, p, e) {
    const done = await trx
      .updateTable('plating_batches')
      .set({ state: 'done', finished_at: e.at, finished_by: e.userId, gold_used_g: p.metalUsedG })
      .where('id', '=', p.batchId)
      .where('state', '=', 'running')
      .executeTakeFirst();
    if (done.numUpdatedRows === 0n) throw new AppError('plating.notRunning', `Batch ${p.batchId} is not running`, { batch: p.batchId });
  },
});

export const readingLogged = defineEvent({
  type: 'plating.readingLogged',
  payload: z.object({
    readingId: id,
    batchId: id,
    kind: z.enum(['bath', 'xrf']),
    temperatureC: z.number().nullable(),
    currentA: z.number().nullable(),
    minutes: z.number().nullable(),
    sample: z.number().int().positive().nullable(),
    thicknessUm: z.number().nullable(),
  }),
  lotId: () => null,
  authority: { by: 'person', roles: operators },
  readsLots: false,
  readsAppends: false,
  async apply(trx, p, e) {
    // A reading is of a run: on a batch that has not started here (its start left out, two stations ran it), it is refused with it.
    const batch = await trx.selectFrom('plating_batches').select('state').where('id', '=', p.batchId).executeTakeFirst();
    if (batch?.state !== 'running' && batch?.state !== 'done') throw new AppError('plating.notRunning', `Batch ${p.batchId} is not running`, { batch: p.batchId });
    await trx
      .insertInto('plating_readings')
      .values({ id: p.readingId, batch_id: p.batchId, kind: p.kind, temperature_c: p.temperatureC, current_a: p.currentA, minutes: p.minutes, sample: p.sample, thickness_um: p.thicknessUm, at: e.at, by: e.userId })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  },
});

export const lotChecked = defineEvent({
  type: 'plating.lotChecked',
  payload: z.object({
    batchId: id,
    lotId: id,
    passed: z.number().int().min(0),
    rework: z.number().int().min(0),
    thicknessOk: z.boolean(),
    adhesionOk: z.boolean(),
    colourOk: z.boolean(),
  }),
  // Counted on the batch, not the lot: a lot recomputed after a pull replays its own events, and
  // this count must not be added twice (the pieces move by checkMoved, which is the lot's).
  lotId: () => null,
  authority: { by: 'person', roles: operators },
  readsLots: false,
  readsAppends: false,
  async apply(trx, p, e) {
    const done = await trx
      .updateTable('plating_batch_items')
      .set((eb) => ({ checked: eb('checked', '+', p.passed + p.rework) }))
      .where('batch_id', '=', p.batchId)
      .where('lot_id', '=', p.lotId)
      .where((eb) => eb('pieces', '>=', eb('checked', '+', p.passed + p.rework)))
      .executeTakeFirst();
    if (done.numUpdatedRows === 0n) throw new AppError('plating.checkTooMany', `More pieces of ${p.lotId} checked than batch ${p.batchId} holds`, { lot: p.lotId, batch: p.batchId });
    // Counted: its pieces may move (checkMoved). The batch's recompute clears these and counts again.
    await trx.insertInto('plating_checks').values({ event_id: e.id, batch_id: p.batchId, lot_id: p.lotId }).execute();
  },
});

/**
 * A checked lot's pieces leave plating, to finished stock or back to rework: recorded with the
 * check (`checkId`, its event), one per destination, and applied only where that check was
 * counted, so a check refused or left out (another station checked those pieces first) moves
 * nothing, even where the lot holds more pieces in plating from another batch. Checks made before
 * moved their pieces by lot.moved.
 */
export const checkMoved = defineEvent({
  type: 'plating.checkMoved',
  payload: z.object({ batchId: id, checkId: id, lotId: id, to: z.enum(['finished', 'rework']), quantity: z.number().int().positive().max(1_000_000), reason: z.string().max(500) }),
  lotId: (p) => p.lotId,
  authority: { by: 'person', roles: operators },
  async apply(trx, p, e) {
    const check = await trx.selectFrom('plating_checks').select('event_id').where('event_id', '=', p.checkId).where('batch_id', '=', p.batchId).where('lot_id', '=', p.lotId).executeTakeFirst();
    if (!check) throw new AppError('plating.checkNotCounted', `That check of ${p.lotId} after batch ${p.batchId} was not counted`, { lot: p.lotId, batch: p.batchId });
    await lotMoved.apply(trx, { lotId: p.lotId, from: 'plating', to: p.to, quantity: p.quantity, reason: p.reason }, e);
  },
});

export const metalWeighed = defineEvent({
  type: 'metal.weighed',
  payload: z.object({
    weighingId: id,
    lotId: id,
    batchId: id.nullable(),
    step: z.enum(['refining', 'plating']),
    direction: z.enum(['in', 'out']),
    pieces: z.number().int().positive(),
    grams: z.number().positive().max(1_000_000),
  }),
  lotId: (p) => p.lotId,
  authority: { by: 'person', roles: operators },
  append: (p, e) => ({
    table: 'metal_weighings',
    row: { id: p.weighingId, lot_id: p.lotId, batch_id: p.batchId, step: p.step, direction: p.direction, pieces: p.pieces, grams: p.grams, at: e.at, by: e.userId },
  }),
});

/** Pieces of a lot through a step of refinement. refinement_progress adds them up, ever (see refinementDone). */
export const refinementStepDone = defineEvent({
  type: 'refinement.stepDone',
  payload: z.object({ lotId: id, step: z.enum(['polish', 'tumble', 'clean']), pieces: z.number().int().positive() }),
  // Added up per step: kept off the lot's replayed events so a recomputed lot never counts it twice.
  lotId: () => null,
  authority: { by: 'person', roles: operators },
  readsLots: false,
  readsAppends: false,
  async apply(trx, p) {
    await trx
      .insertInto('refinement_progress')
      .values({ lot_id: p.lotId, step: p.step, pieces: p.pieces })
      .onConflict((oc) => oc.columns(['lot_id', 'step']).doUpdateSet((eb) => ({ pieces: eb('refinement_progress.pieces', '+', p.pieces) })))
      .execute();
  },
});

// The plating events (joined in core/events/catalog.ts).
export const platingEvents = [
  recipeSaved,
  calendarSaved,
  refinementStationSaved,
  lossNormSaved,
  planPublished,
  batchMoved,
  batchLocked,
  batchStarted,
  lotStarted,
  metalOverridden,
  batchFinished,
  readingLogged,
  lotChecked,
  checkMoved,
  metalWeighed,
  refinementStepDone,
] as unknown as EventDefinition<never>[];
