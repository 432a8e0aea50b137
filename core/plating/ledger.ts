import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../kernel/errors';
import type { Ctx } from '../app/context';
import type { Db } from '../db/schema';
import { depositGrams } from './faraday';
import { metalWeighed } from './events';
import { metalOffPct } from './run';
import { readSettings, type PlatingSettings } from './settings';

// The metal ledger: brass weighed into and out of refinement and plating per lot (and batch),
// gold used per batch against Faraday's expectation, and the loss of each step against its norm,
// flagged when above it, per process, line and artisan.

export interface Weighing {
  lotId: string;
  batchId: string | null;
  step: 'refining' | 'plating';
  direction: 'in' | 'out';
  pieces: number;
  grams: number;
}

export async function recordWeighing(ctx: Ctx, w: Weighing): Promise<void> {
  const lot = await ctx.db.selectFrom('lots').innerJoin('designs', 'designs.sku', 'lots.design_sku').select(['lots.received_qty', 'designs.unit_weight_g']).where('lots.id', '=', w.lotId).executeTakeFirst();
  if (!lot) throw new AppError('lot.notFound', `No lot ${w.lotId}`, { lot: w.lotId });
  if (w.pieces < 1 || w.pieces > lot.received_qty) throw new AppError('plating.weighPieces', `${w.pieces} pieces is not part of lot ${w.lotId} (${lot.received_qty})`, { lot: w.lotId, pieces: w.pieces, received: lot.received_qty });
  // More than half off the design's unit weight is a slip of the finger, not a loss.
  const perPiece = w.grams / w.pieces;
  if (perPiece < lot.unit_weight_g * 0.5 || perPiece > lot.unit_weight_g * 1.5)
    throw new AppError('plating.weighAbsurd', `${w.grams} g for ${w.pieces} pieces of ${lot.unit_weight_g} g each cannot be right`, { grams: w.grams, pieces: w.pieces, unit: lot.unit_weight_g });
  if (w.batchId) {
    const item = await ctx.db.selectFrom('plating_batch_items').select('pieces').where('batch_id', '=', w.batchId).where('lot_id', '=', w.lotId).executeTakeFirst();
    if (!item) throw new AppError('plating.lotNotInBatch', `Lot ${w.lotId} is not in batch ${w.batchId}`, { lot: w.lotId, batch: w.batchId });
  }
  await ctx.write(({ record }) => record(metalWeighed, { weighingId: uuidv7(), ...w }));
}

export interface LedgerRow {
  step: 'refining' | 'plating' | 'gold';
  lotId: string | null;
  batchId: string | null;
  lineId: string | null;
  artisanId: string | null;
  artisanName: string | null;
  inG: number;
  outG: number;
  /** What the step should have added (the plate) or, for gold, used by Faraday. */
  expectedG: number;
  lossPct: number;
  normPct: number;
  flagged: boolean;
  /** Gold used far from Faraday's that a supervisor let stand: why, and who (their name). */
  override: { reason: string; by: string } | null;
}

export interface LedgerTotal {
  by: 'step' | 'line' | 'artisan';
  key: string;
  name: string;
  step: 'refining' | 'plating' | 'gold';
  inG: number;
  outG: number;
  lossPct: number;
  flagged: boolean;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Loss in per cent of what went in: (in + expected gain − out) / in. */
const lossOf = (inG: number, outG: number, expectedG: number) => (inG > 0 ? round2(((inG + expectedG - outG) / inG) * 100) : 0);

export async function readLedger(db: Db, since: string): Promise<{ rows: LedgerRow[]; totals: LedgerTotal[]; norms: PlatingSettings['lossNorms'] }> {
  const settings = await readSettings(db);
  const norms = settings.lossNorms;
  const weighings = await db
    .selectFrom('metal_weighings')
    .innerJoin('lots', 'lots.id', 'metal_weighings.lot_id')
    .innerJoin('artisans', 'artisans.id', 'lots.artisan_id')
    .innerJoin('designs', 'designs.sku', 'lots.design_sku')
    .leftJoin('plating_batches', 'plating_batches.id', 'metal_weighings.batch_id')
    .select(['metal_weighings.lot_id', 'metal_weighings.batch_id', 'metal_weighings.step', 'metal_weighings.direction', 'metal_weighings.pieces', 'metal_weighings.grams', 'lots.artisan_id', 'artisans.name', 'designs.plating_area_cm2', 'plating_batches.line_id', 'plating_batches.finish'])
    .where('metal_weighings.at', '>=', since)
    .orderBy('metal_weighings.at')
    .execute();
  // Pair ins and outs per lot, step and batch; a step weighed only one way is not a loss yet.
  const pairs = new Map<string, { w: (typeof weighings)[number]; inG: number; inPieces: number; outG: number; outPieces: number }>();
  for (const w of weighings) {
    const key = `${w.lot_id}|${w.step}|${w.batch_id ?? ''}`;
    const p = pairs.get(key) ?? { w, inG: 0, inPieces: 0, outG: 0, outPieces: 0 };
    if (w.direction === 'in') {
      p.inG += w.grams;
      p.inPieces += w.pieces;
    } else {
      p.outG += w.grams;
      p.outPieces += w.pieces;
    }
    pairs.set(key, p);
  }
  const rows: LedgerRow[] = [];
  for (const { w, inG, inPieces, outG, outPieces } of pairs.values()) {
    if (inG === 0 || outG === 0) continue;
    // Compared per piece, so pieces taken out between the weighings are not counted as lost.
    const outScaled = inPieces === outPieces ? outG : (outG / outPieces) * inPieces;
    const recipe = w.step === 'plating' && w.finish ? settings.recipes.find((r) => r.finish === w.finish) : undefined;
    const expected = recipe ? depositGrams(recipe.metal, recipe.thicknessUm, w.plating_area_cm2 * inPieces) : 0;
    const lossPct = lossOf(inG, outScaled, expected);
    const normPct = norms[w.step];
    rows.push({ step: w.step, lotId: w.lot_id, batchId: w.batch_id, lineId: w.line_id, artisanId: w.artisan_id, artisanName: w.name, inG: round2(inG), outG: round2(outScaled), expectedG: round2(expected), lossPct, normPct, flagged: lossPct > normPct, override: null });
  }
  const batches = await db
    .selectFrom('plating_batches')
    .leftJoin('users', 'users.id', 'plating_batches.metal_override_by')
    .select(['plating_batches.id', 'line_id', 'expected_metal_g', 'gold_used_g', 'metal_override_reason', 'users.name'])
    .where('state', '=', 'done')
    .where('finished_at', '>=', since)
    .execute();
  for (const b of batches) {
    if (b.gold_used_g === null || b.expected_metal_g <= 0) continue;
    const lossPct = round2(((b.gold_used_g - b.expected_metal_g) / b.expected_metal_g) * 100);
    // Far from Faraday either way (none used is -100 %) is flagged as a loss above the norm is, overridden or not.
    const flagged = lossPct > norms.gold || b.gold_used_g === 0 || metalOffPct(b.gold_used_g, b.expected_metal_g) > norms.goldUsed;
    const override = b.metal_override_reason === null ? null : { reason: b.metal_override_reason, by: b.name ?? '' };
    rows.push({ step: 'gold', lotId: null, batchId: b.id, lineId: b.line_id, artisanId: null, artisanName: null, inG: b.gold_used_g, outG: b.expected_metal_g, expectedG: b.expected_metal_g, lossPct, normPct: norms.gold, flagged, override });
  }
  return { rows, totals: totalsOf(rows, norms), norms };
}

function totalsOf(rows: LedgerRow[], norms: PlatingSettings['lossNorms']): LedgerTotal[] {
  const totals = new Map<string, LedgerTotal & { expectedG: number; norm: number }>();
  const add = (by: LedgerTotal['by'], key: string | null, name: string | null, row: LedgerRow) => {
    if (!key) return;
    const id = `${by}|${key}|${row.step}`;
    const t = totals.get(id) ?? { by, key, name: name ?? key, step: row.step, inG: 0, outG: 0, expectedG: 0, lossPct: 0, flagged: false, norm: norms[row.step] };
    t.inG += row.inG;
    t.outG += row.outG;
    t.expectedG += row.expectedG;
    totals.set(id, t);
  };
  for (const row of rows) {
    if (row.step === 'gold') {
      add('step', 'gold', null, row);
      add('line', row.lineId, row.lineId, row);
      continue;
    }
    add('step', row.step, null, row);
    add('line', row.lineId, row.lineId, row);
    add('artisan', row.artisanId, row.artisanName, row);
  }
  return [...totals.values()].map(({ expectedG, norm, ...t }) => {
    const lossPct = t.step === 'gold' ? round2(((t.inG - t.outG) / t.outG) * 100) : lossOf(t.inG, t.outG, expectedG);
    return { ...t, inG: round2(t.inG), outG: round2(t.outG), lossPct, flagged: lossPct > norm };
  });
}
