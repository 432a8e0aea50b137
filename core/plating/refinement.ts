import type { Db, Trx } from '../db/schema';
import { conducts } from './faraday';
import { Calendar } from './schedule/calendar';
import type { CalendarSettings, RefinementStation } from './settings';

// Refinement before plating: the steps a design needs, and the queue per station in due-date
// order within its capacity (loads of at most capacityPieces, minutesPerLoad each).

export const refinementSteps = ['polish', 'tumble', 'clean'] as const;
export type RefinementStep = (typeof refinementSteps)[number];

/** Metal is polished, tumbled and cleaned; horn, bone and wood are polished and cleaned, never tumbled. */
export function stepsFor(materials: readonly string[]): RefinementStep[] {
  return materials.some(conducts) ? ['polish', 'tumble', 'clean'] : ['polish', 'clean'];
}

export interface RefiningLot {
  lotId: string;
  pieces: number;
  dueAt: string;
  materials: string[];
  /** Pieces already through each step. */
  done: Partial<Record<RefinementStep, number>>;
}

export interface QueuedLoad {
  stationId: string;
  lotId: string;
  step: RefinementStep;
  pieces: number;
  start: string;
  end: string;
}

/**
 * Plans the refinement queue: steps in order, each lot's remaining pieces split into loads on the
 * station of that step that frees first, lots taken in due-date order. Returns the loads and, per
 * lot, when its last step ends (its ready time for plating).
 */
export function planRefinement(
  lots: readonly RefiningLot[],
  stations: readonly RefinementStation[],
  now: Date,
  /** The earliest start at or after t for a load of ms inside a shift. */
  fit: (t: number, ms: number) => number = (t) => t,
): { loads: QueuedLoad[]; readyAt: Map<string, Date> } {
  const freeAt = new Map(stations.map((s) => [s.id, now.getTime()]));
  const readyAt = new Map<string, Date>();
  const loads: QueuedLoad[] = [];
  const ordered = [...lots].sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.lotId.localeCompare(b.lotId));
  const stepEnd = new Map(ordered.map((l) => [l.lotId, now.getTime()]));
  for (const step of refinementSteps) {
    const at = stations.filter((s) => s.step === step);
    for (const lot of ordered) {
      if (!stepsFor(lot.materials).includes(step)) continue;
      let remaining = Math.max(0, lot.pieces - (lot.done[step] ?? 0));
      let end = stepEnd.get(lot.lotId)!;
      while (remaining > 0 && at.length > 0) {
        const station = at.reduce((best, s) => (freeAt.get(s.id)! < freeAt.get(best.id)! ? s : best));
        const pieces = Math.min(remaining, station.capacityPieces);
        const start = fit(Math.max(freeAt.get(station.id)!, stepEnd.get(lot.lotId)!), station.minutesPerLoad * 60_000);
        end = Math.max(end, start + station.minutesPerLoad * 60_000);
        freeAt.set(station.id, start + station.minutesPerLoad * 60_000);
        loads.push({ stationId: station.id, lotId: lot.lotId, step, pieces, start: new Date(start).toISOString(), end: new Date(start + station.minutesPerLoad * 60_000).toISOString() });
        remaining -= pieces;
      }
      stepEnd.set(lot.lotId, end);
    }
  }
  for (const lot of ordered) readyAt.set(lot.lotId, new Date(stepEnd.get(lot.lotId)!));
  return { loads, readyAt };
}

/**
 * Pieces done per step for the given lots and still in refining: every piece reported through the
 * step, less the pieces that left for plating in a batch that started (they leave as refined ones),
 * never below 0. A sum of facts, so every station gets the same whatever order they arrived in.
 */
export async function refinementDone(db: Db | Trx, lotIds: readonly string[]): Promise<Map<string, Partial<Record<RefinementStep, number>>>> {
  const done = new Map<string, Partial<Record<RefinementStep, number>>>();
  for (let i = 0; i < lotIds.length; i += 500) {
    const piece = lotIds.slice(i, i + 500);
    const rows = await db.selectFrom('refinement_progress').selectAll().where('lot_id', 'in', piece).execute();
    const plated = await db
      .selectFrom('plating_batch_items')
      .innerJoin('plating_batches', 'plating_batches.id', 'plating_batch_items.batch_id')
      .select(['plating_batch_items.lot_id', (eb) => eb.fn.sum<number>('plating_batch_items.pieces').as('pieces')])
      .where('plating_batch_items.lot_id', 'in', piece)
      .where('plating_batches.state', '!=', 'planned')
      .groupBy('plating_batch_items.lot_id')
      .execute();
    const left = new Map(plated.map((p) => [p.lot_id, Number(p.pieces)]));
    for (const r of rows) done.set(r.lot_id, { ...done.get(r.lot_id), [r.step]: Math.max(0, r.pieces - (left.get(r.lot_id) ?? 0)) });
  }
  return done;
}

/** Loads run inside the shifts; one longer than every shift (a tumbler left on overnight) starts when its station is free. */
export function shiftFit(calendar: CalendarSettings, now: Date): (t: number, ms: number) => number {
  const shifts = new Calendar(calendar, now.getTime());
  const longest = shifts.longestWindow(now.getTime());
  return (t, ms) => (ms > longest ? t : shifts.nextFit(t, ms));
}
