import { buildModel, weightedTardiness } from './model';
import { makeBatch, openCursor, place, type Item, type LineCursor, type PlanBatch } from './plan';
import type { Instance } from './types';

// The exact optimum of a tiny instance, by trying every schedule: every way to cut the lots'
// pieces into batches, on every line, in every order, each batch timed as early as the rules allow
// (for a given order that is optimal: every objective only grows with completion times). Lines
// are filled one after another, so no schedule is counted twice for the order its lines were
// filled in. For tests: it grows explosively beyond a dozen pieces.

export interface Optimum {
  weightedTardinessMinutes: number;
  changeovers: number;
  makespan: number;
}

export function exhaustiveOptimum(instance: Instance): Optimum {
  const model = buildModel(instance);
  const totalPieces = model.lots.reduce((n, l) => n + l.pieces, 0);
  if (totalPieces > 12) throw new Error(`Exhaustive search is for tiny instances: ${totalPieces} pieces`);
  const left = model.lots.map((l) => l.pieces);
  const batches: PlanBatch[] = [];
  let best: Optimum = { weightedTardinessMinutes: Infinity, changeovers: Infinity, makespan: Infinity };
  let changeovers = 0;

  const better = (a: Optimum, b: Optimum) =>
    a.weightedTardinessMinutes < b.weightedTardinessMinutes - 1e-9 ||
    (Math.abs(a.weightedTardinessMinutes - b.weightedTardinessMinutes) <= 1e-9 && (a.changeovers < b.changeovers || (a.changeovers === b.changeovers && a.makespan < b.makespan)));

  function leaf(): void {
    const completion = model.lots.map(() => Number.NEGATIVE_INFINITY);
    for (const b of batches) for (const item of b.items) completion[item.lot] = Math.max(completion[item.lot]!, b.end);
    const tardiness = model.lots.reduce((sum, lot, j) => sum + weightedTardiness(lot, completion[j]!), 0);
    const candidate = { weightedTardinessMinutes: tardiness, changeovers, makespan: Math.max(...batches.map((b) => b.end)) };
    if (better(candidate, best)) best = candidate;
  }

  /** Every non-empty choice of pieces from the lots of one finish that fits the line's rack. */
  function contents(line: number, lots: number[], at: number, items: Item[], pieces: number, area: number, visit: (items: Item[]) => void): void {
    if (at === lots.length) {
      if (items.length) visit(items);
      return;
    }
    const j = lots[at]!;
    const l = model.lines[line]!;
    for (let n = 0; n <= left[j]!; n++) {
      const [p, a] = [pieces + n, area + n * model.lots[j]!.area];
      if (p > l.maxPieces || a > l.capacity + 1e-9) break;
      contents(line, lots, at + 1, n ? [...items, { lot: j, pieces: n }] : items, p, a, visit);
    }
  }

  function onLine(line: number, cursor: LineCursor): void {
    if (left.every((n) => n === 0)) return leaf();
    // Close this line and go on with the next one.
    if (line + 1 < model.lines.length) onLine(line + 1, openCursor());
    model.finishes.forEach((_, finish) => {
      if (Number.isNaN(model.lines[line]!.cycle[finish]!)) return;
      const lots = model.lots.map((_, j) => j).filter((j) => model.lots[j]!.finish === finish && left[j]! > 0);
      contents(line, lots, 0, [], 0, 0, (items) => {
        const batch = makeBatch(model, line, finish, items);
        const next = { ...cursor };
        place(model, [], next, batch);
        for (const item of items) left[item.lot]! -= item.pieces;
        batches.push(batch);
        const change = cursor.finish >= 0 && cursor.finish !== finish ? 1 : 0;
        changeovers += change;
        onLine(line, next);
        changeovers -= change;
        batches.pop();
        for (const item of items) left[item.lot]! += item.pieces;
      });
    });
  }

  onLine(0, openCursor());
  return best;
}
