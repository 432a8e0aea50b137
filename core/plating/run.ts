import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../kernel/errors';
import type { Ctx } from '../app/context';
import type { Db } from '../db/schema';
import { printQueued } from '../printing/events';
import { batchFinished, batchStarted, checkMoved, lotChecked, lotStarted, metalOverridden, readingLogged } from './events';
import { replannedAway } from './batchIds';
import { platingMinutes } from './faraday';
import { refinementDone, stepsFor, type RefinementStep } from './refinement';
import { readSettings } from './settings';

// The line: the operator scans a batch's traveller to start and finish it, logs the bath and
// the XRF thickness, the metal used, and checks each lot after plating.

export async function readBatch(db: Db, batchId: string) {
  const batch = await db.selectFrom('plating_batches').selectAll().where('id', '=', batchId).executeTakeFirst();
  if (!batch) throw (await replannedAway(db, batchId)) ?? new AppError('plating.batchNotFound', `No batch ${batchId}`, { batch: batchId });
  const items = await db
    .selectFrom('plating_batch_items')
    .innerJoin('lots', 'lots.id', 'plating_batch_items.lot_id')
    .innerJoin('designs', 'designs.sku', 'lots.design_sku')
    .select(['plating_batch_items.lot_id', 'plating_batch_items.pieces', 'plating_batch_items.checked', 'lots.design_sku', 'designs.name', 'designs.plating_area_cm2'])
    .where('plating_batch_items.batch_id', '=', batchId)
    .orderBy('plating_batch_items.lot_id')
    .execute();
  const readings = await db.selectFrom('plating_readings').selectAll().where('batch_id', '=', batchId).orderBy('at').execute();
  const overrideBy = batch.metal_override_by && (await db.selectFrom('users').select('name').where('id', '=', batch.metal_override_by).executeTakeFirst());
  const settings = await readSettings(db);
  const recipe = settings.recipes.find((r) => r.finish === batch.finish) ?? null;
  const line = settings.lines.find((l) => l.id === batch.line_id);
  const efficiency = recipe ? (line?.bathEfficiency[batch.finish] ?? recipe.efficiency) : null;
  return {
    id: batch.id,
    lineId: batch.line_id,
    finish: batch.finish,
    state: batch.state,
    startAt: batch.start_at,
    endAt: batch.end_at,
    locked: batch.locked === 1 || batch.state !== 'planned',
    startedAt: batch.started_at,
    finishedAt: batch.finished_at,
    expectedMetalG: batch.expected_metal_g,
    metalUsedG: batch.gold_used_g,
    override: batch.metal_override_reason === null ? null : { reason: batch.metal_override_reason, by: overrideBy ? overrideBy.name : '' },
    recipe: recipe && { ...recipe, efficiency: efficiency!, bathMinutes: Math.round(platingMinutes({ ...recipe, efficiency: efficiency! }) * 10) / 10 },
    items: items.map((i) => ({ lotId: i.lot_id, designSku: i.design_sku, designName: i.name, pieces: i.pieces, checked: i.checked, areaCm2: i.plating_area_cm2 })),
    readings: readings.map((r) => ({ id: r.id, kind: r.kind, temperatureC: r.temperature_c, currentA: r.current_a, minutes: r.minutes, sample: r.sample, thicknessUm: r.thickness_um, at: r.at })),
  };
}
export type BatchDetail = Awaited<ReturnType<typeof readBatch>>;

/** The first lot of a batch whose pieces are not yet through a refinement step their design needs, if any. */
export async function unrefined(db: Db, batchId: string): Promise<{ lotId: string; step: RefinementStep } | null> {
  const items = await db
    .selectFrom('plating_batch_items')
    .innerJoin('lots', 'lots.id', 'plating_batch_items.lot_id')
    .innerJoin('designs', 'designs.sku', 'lots.design_sku')
    .select(['plating_batch_items.lot_id', 'plating_batch_items.pieces', 'lots.refining', 'designs.materials'])
    .where('plating_batch_items.batch_id', '=', batchId)
    .orderBy('plating_batch_items.lot_id')
    .execute();
  const done = await refinementDone(db, items.map((i) => i.lot_id));
  for (const item of items)
    for (const step of stepsFor(JSON.parse(item.materials) as string[]))
      if (Math.min(item.refining, done.get(item.lot_id)?.[step] ?? 0) < item.pieces) return { lotId: item.lot_id, step };
  return null;
}

/** Starting a batch moves its pieces from refining to plating, in one transaction with the start; they must be refined. */
export async function startBatch(ctx: Ctx, batchId: string): Promise<void> {
  const batch = await readBatch(ctx.db, batchId);
  if (batch.state !== 'planned') throw new AppError('plating.alreadyStarted', `Batch ${batchId} is already ${batch.state}`, { batch: batchId });
  const notYet = await unrefined(ctx.db, batchId);
  if (notYet) throw new AppError('plating.notRefined', `Lot ${notYet.lotId} has not been through ${notYet.step} yet`, { lot: notYet.lotId, step: notYet.step });
  await ctx.write(async ({ record }) => {
    await record(batchStarted, { batchId });
    for (const item of batch.items) await record(lotStarted, { batchId, lotId: item.lotId, pieces: item.pieces });
  });
}

/** How far gold used is from Faraday's expectation, in per cent of it (none used, or any used where none was expected, is all of it). */
export function metalOffPct(usedG: number, expectedG: number): number {
  if (expectedG <= 0) return usedG > 0 ? Infinity : 0;
  return usedG === 0 ? 100 : (Math.abs(usedG - expectedG) / expectedG) * 100;
}

/** A supervisor's word that a figure far from what was expected stands, and why. */
export interface Override {
  reason: string;
}

/**
 * Finishing records the metal used. Far from Faraday's expectation (beyond the tolerance in
 * settings), or none at all, is a weighing slip or metal gone missing: only a supervisor's override
 * with a reason lets it stand, recorded with the finish so the batch and the ledger say who and why.
 */
export async function finishBatch(ctx: Ctx, batchId: string, metalUsedG: number, override: Override | null = null): Promise<void> {
  const batch = await readBatch(ctx.db, batchId);
  if (batch.state !== 'running') throw new AppError('plating.notRunning', `Batch ${batchId} is not running`, { batch: batchId });
  if (!(metalUsedG >= 0) || metalUsedG > Math.max(10, batch.expectedMetalG * 10))
    throw new AppError('plating.metalOutOfRange', `${metalUsedG} g is not believable for a batch expected to use ${batch.expectedMetalG} g`, { grams: metalUsedG, expected: batch.expectedMetalG });
  const tolerance = (await readSettings(ctx.db)).lossNorms.goldUsed;
  const offPct = metalOffPct(metalUsedG, batch.expectedMetalG);
  const outside = metalUsedG === 0 || offPct > tolerance;
  if (outside) overrideOrRefuse(ctx, override, { grams: metalUsedG, expected: round3(batch.expectedMetalG), off: Number.isFinite(offPct) ? Math.round(offPct) : 100, tolerance });
  await ctx.write(async ({ record }) => {
    if (outside) await record(metalOverridden, { batchId, metalUsedG, expectedG: batch.expectedMetalG, reason: override!.reason.trim() });
    await record(batchFinished, { batchId, metalUsedG });
  });
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** Refuses unless a supervisor (or admin) overrides, saying why in at least 5 characters. */
function overrideOrRefuse(ctx: Ctx, override: Override | null, off: { grams: number; expected: number; off: number; tolerance: number }): void {
  if (!override) throw new AppError('plating.metalNeedsOverride', `${off.grams} g used is ${off.off} % off the ${off.expected} g Faraday expects (more than ${off.tolerance} %): a supervisor must override it, saying why`, off);
  if (!ctx.user().roles.some((r) => r === 'supervisor' || r === 'admin')) throw new AppError('plating.overrideNotAllowed', 'Only a supervisor or an admin may override', {});
  if (override.reason.trim().length < 5) throw new AppError('plating.overrideReasonShort', 'Say why in at least 5 characters', { min: 5 });
}

/** What a bath and an XRF reading may be; anything outside is a typing slip, refused. */
export const readingLimits = {
  temperatureC: [15, 90],
  currentA: [0.01, 500],
  minutes: [0.1, 240],
  thicknessUm: [0.01, 25],
} as const;

type Range = { value: number | string; min: number; max: number };
const outOfRange = {
  temperatureC: (p: Range) => new AppError('plating.temperatureOutOfRange', `Temperature ${p.value} °C is outside ${p.min} to ${p.max} °C`, p),
  currentA: (p: Range) => new AppError('plating.currentOutOfRange', `Current ${p.value} A is outside ${p.min} to ${p.max} A`, p),
  minutes: (p: Range) => new AppError('plating.minutesOutOfRange', `Time ${p.value} min is outside ${p.min} to ${p.max} min`, p),
  thicknessUm: (p: Range) => new AppError('plating.thicknessOutOfRange', `Thickness ${p.value} µm is outside ${p.min} to ${p.max} µm`, p),
};

export interface Reading {
  kind: 'bath' | 'xrf';
  temperatureC: number | null;
  currentA: number | null;
  minutes: number | null;
  sample: number | null;
  thicknessUm: number | null;
}

export async function logReading(ctx: Ctx, batchId: string, reading: Reading): Promise<void> {
  const batch = await readBatch(ctx.db, batchId);
  if (batch.state === 'planned') throw new AppError('plating.notRunning', `Batch ${batchId} is not running`, { batch: batchId });
  const needed = reading.kind === 'bath' ? (['temperatureC', 'currentA', 'minutes'] as const) : (['thicknessUm'] as const);
  for (const field of needed) {
    const value = reading[field];
    const [min, max] = readingLimits[field];
    if (value === null || !(value >= min && value <= max)) throw outOfRange[field]({ value: value ?? '', min, max });
  }
  const pieces = batch.items.reduce((s, i) => s + i.pieces, 0);
  if (reading.kind === 'xrf' && (reading.sample === null || reading.sample < 1 || reading.sample > pieces))
    throw new AppError('plating.sampleOutOfRange', `Sample piece ${reading.sample ?? '(none)'} is not one of the batch's ${pieces}`, { sample: reading.sample ?? '', pieces });
  // Reading one piece twice passes off one piece's plate as two pieces'.
  const same = reading.kind === 'xrf' && batch.readings.find((r) => r.kind === 'xrf' && r.sample === reading.sample);
  if (same) throw new AppError('plating.sampleRepeated', `Sample piece ${reading.sample} was already read (${same.thicknessUm} µm)`, { sample: reading.sample!, thickness: same.thicknessUm ?? '' });
  await ctx.write(({ record }) =>
    record(readingLogged, {
      readingId: uuidv7(),
      batchId,
      kind: reading.kind,
      temperatureC: reading.kind === 'bath' ? reading.temperatureC : null,
      currentA: reading.kind === 'bath' ? reading.currentA : null,
      minutes: reading.kind === 'bath' ? reading.minutes : null,
      sample: reading.kind === 'xrf' ? reading.sample : null,
      thicknessUm: reading.kind === 'xrf' ? reading.thicknessUm : null,
    }),
  );
}

export interface LotCheck {
  lotId: string;
  passed: number;
  rework: number;
  thicknessOk: boolean;
  adhesionOk: boolean;
  colourOk: boolean;
}

/** The first XRF reading under the thickness the finish's recipe plates, if any: the batch's plate is too thin. */
export function thinReading(batch: Pick<BatchDetail, 'recipe' | 'readings'>): { sample: number; thicknessUm: number; minimumUm: string } | null {
  const minimum = batch.recipe?.thicknessUm;
  const thin = minimum === undefined ? undefined : batch.readings.find((r) => r.kind === 'xrf' && r.thicknessUm !== null && r.thicknessUm < minimum);
  if (!thin) return null;
  // "1.0 µm" as a finish is named, not "1 µm".
  return { sample: thin.sample ?? 0, thicknessUm: thin.thicknessUm!, minimumUm: Number.isInteger(minimum) ? minimum!.toFixed(1) : String(minimum) };
}

/** After plating: pieces that pass go to finished stock, the rest back to rework; none pass where an XRF reading is under the finish's thickness. */
export async function checkPlatedLot(ctx: Ctx, batchId: string, check: LotCheck): Promise<void> {
  const batch = await readBatch(ctx.db, batchId);
  if (batch.state !== 'done') throw new AppError('plating.notFinished', `Batch ${batchId} is not finished yet`, { batch: batchId });
  const item = batch.items.find((i) => i.lotId === check.lotId);
  if (!item) throw new AppError('plating.lotNotInBatch', `Lot ${check.lotId} is not in batch ${batchId}`, { lot: check.lotId, batch: batchId });
  const open = item.pieces - item.checked;
  if (check.passed + check.rework === 0 || check.passed + check.rework > open)
    throw new AppError('plating.checkCount', `${check.passed + check.rework} pieces checked; ${open} of ${check.lotId} wait for the check`, { lot: check.lotId, count: check.passed + check.rework, open });
  const thin = thinReading(batch);
  if (thin && (check.passed > 0 || check.thicknessOk))
    throw new AppError('plating.underMinimum', `XRF piece ${thin.sample}: ${thin.thicknessUm} µm, under the ${thin.minimumUm} µm minimum: the check fails on thickness`, thin);
  if (check.passed > 0 && !(check.thicknessOk && check.adhesionOk && check.colourOk))
    throw new AppError('plating.checkFailedCannotPass', `Pieces cannot pass a check that failed on thickness, adhesion or colour`, { lot: check.lotId });
  await ctx.write(async ({ record }) => {
    const { id: checkId } = await record(lotChecked, { batchId, ...check });
    const moved = { batchId, checkId, lotId: check.lotId };
    if (check.passed > 0) await record(checkMoved, { ...moved, to: 'finished', quantity: check.passed, reason: `passed after batch ${batchId}` });
    if (check.rework > 0) await record(checkMoved, { ...moved, to: 'rework', quantity: check.rework, reason: `plating check failed, batch ${batchId}` });
  });
}

/** The batch traveller for the receipt printer: the rack sheet with its lots, recipe and planned times. */
export async function printTraveller(ctx: Ctx, batchId: string): Promise<{ jobId: string }> {
  const batch = await readBatch(ctx.db, batchId);
  const jobId = uuidv7();
  await ctx.write(({ record }) =>
    record(printQueued, {
      jobId,
      template: 'plating-traveller',
      printer: 'receipt',
      lotId: null,
      data: {
        batchId: batch.id,
        barcode: batch.id,
        line: batch.lineId,
        finish: batch.finish,
        plannedStart: batch.startAt,
        plannedEnd: batch.endAt,
        recipe: batch.recipe,
        expectedMetalG: batch.expectedMetalG,
        lots: batch.items.map((i) => ({ lotId: i.lotId, designSku: i.designSku, designName: i.designName, pieces: i.pieces })),
        pieces: batch.items.reduce((s, i) => s + i.pieces, 0),
      },
    }),
  );
  return { jobId };
}
