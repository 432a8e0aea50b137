import { Calendar } from './calendar';
import type { Instance } from './types';

// The instance in numbers, for the checker and the solver: indices for lines, lots and finishes,
// times in epoch ms, cycle and changeover times in ms per line and finish.

export const minute = 60_000;
/** Area sums are compared with this tolerance (dm²). */
export const areaSlack = 1e-9;

export interface ModelLine {
  id: string;
  capacity: number;
  maxPieces: number;
  /** Cycle in ms per finish index; NaN where the line cannot run the finish. */
  cycle: number[];
  /** Changeover in ms from finish a to finish b: changeover[a * finishes + b]. */
  changeover: number[];
}

export interface ModelLot {
  id: string;
  finish: number;
  pieces: number;
  area: number;
  ready: number;
  due: number;
  weight: number;
}

export interface Model {
  instance: Instance;
  start: number;
  finishes: string[];
  lines: ModelLine[];
  lots: ModelLot[];
  lineIndex: Map<string, number>;
  lotIndex: Map<string, number>;
  finishIndex: Map<string, number>;
  calendar: Calendar;
}

export function buildModel(instance: Instance, calendarFrom?: number): Model {
  const start = Date.parse(instance.start);
  const finishes = [...new Set([...instance.lines.flatMap((l) => l.finishes), ...instance.lots.map((l) => l.finish)])];
  const finishIndex = new Map(finishes.map((f, i) => [f, i]));
  const n = finishes.length;
  const lines = instance.lines.map((line): ModelLine => {
    const cycle = finishes.map((f) => (line.finishes.includes(f) && line.cycleMinutes[f] !== undefined ? Math.round(line.cycleMinutes[f] * minute) : Number.NaN));
    const fallback = Math.round(line.changeoverMinutes.default! * minute);
    const changeover = Array.from({ length: n * n }, (_, k) => (Math.floor(k / n) === k % n ? 0 : fallback));
    for (const [key, minutes] of Object.entries(line.changeoverMinutes)) {
      const [from, to] = key.split('->');
      if (from !== undefined && to !== undefined && finishIndex.has(from) && finishIndex.has(to)) changeover[finishIndex.get(from)! * n + finishIndex.get(to)!] = Math.round(minutes * minute);
    }
    return { id: line.id, capacity: line.capacityDm2, maxPieces: line.maxPieces, cycle, changeover };
  });
  const lots = instance.lots.map(
    (lot): ModelLot => ({
      id: lot.id,
      finish: finishIndex.get(lot.finish)!,
      pieces: lot.pieces,
      area: lot.areaDm2PerPiece,
      ready: Date.parse(lot.readyAt),
      due: Date.parse(lot.dueAt),
      weight: lot.weight,
    }),
  );
  return {
    instance,
    start,
    finishes,
    lines,
    lots,
    lineIndex: new Map(lines.map((l, i) => [l.id, i])),
    lotIndex: new Map(lots.map((l, i) => [l.id, i])),
    finishIndex,
    calendar: new Calendar(instance.calendar, Math.min(start, calendarFrom ?? start)),
  };
}

/** Changeover ms on a line between consecutive batches of finishes a then b (0 for the first batch or the same finish). */
export function changeoverMs(model: Model, line: number, from: number, to: number): number {
  return from < 0 || from === to ? 0 : model.lines[line]!.changeover[from * model.finishes.length + to]!;
}

/** Pieces of a lot that fit one batch on a line by pieces and area. */
export function piecesPerBatch(line: ModelLine, lot: ModelLot): number {
  return Math.min(line.maxPieces, Math.floor(line.capacity / lot.area + areaSlack));
}

export const iso = (ms: number) => new Date(ms).toISOString();

/** Tardiness of a lot completed at `completion`, in weighted minutes. */
export function weightedTardiness(lot: ModelLot, completion: number): number {
  return completion > lot.due ? ((completion - lot.due) / minute) * lot.weight : 0;
}
