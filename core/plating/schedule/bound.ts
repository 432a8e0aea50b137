import { buildModel, minute, piecesPerBatch, weightedTardiness, type Model } from './model';
import type { Instance } from './types';

// Lower bounds on total weighted tardiness; the best of three is reported.
//
// Per lot: its last batch cannot end before the earliest of, over the lines that can run it, its
// ready time (or the planning start) moved to the first shift that holds the cycle, plus the cycle.
// A lot that needs n batches even on the largest rack, with m lines able to run it, puts at least
// ceil(n / m) of them on one line: that many cycles there, back to back in shifts at best.
//
// Load: a batch of cycle p holds at most a rack's pieces and area, so a lot takes at least
// p x max(pieces / maxPieces, area / capacity) of some line's shift time (q, on its best line).
// The k lots that finish first need the k smallest q of shift time on m lines: the k-th
// completion is no earlier than start + (sum of the k smallest q) / m in shift time, nor than the
// k-th smallest per-lot bound. Pairing those completions with the due dates in order gives the
// least total tardiness any schedule can have (Σ T); weights split as w = w_min + (w - w_min): the
// first part bounded by w_min x Σ T, the rest by the per-lot bound. Applied to all lots on all
// lines, and to each finish on the lines that run it (summed), without changeovers or ready times.

function earliestCompletions(model: Model): number[] {
  return model.lots.map((lot) => {
    const lines = model.lines.filter((line) => !Number.isNaN(line.cycle[lot.finish]!) && piecesPerBatch(line, lot) > 0);
    const batches = Math.ceil(lot.pieces / Math.max(...lines.map((line) => piecesPerBatch(line, lot))));
    const perLine = Math.ceil(batches / lines.length);
    let earliest = Number.POSITIVE_INFINITY;
    for (const line of lines) {
      const cycle = line.cycle[lot.finish]!;
      let end = Math.max(model.start, lot.ready);
      for (let n = perLine; n > 0; n--) end = model.calendar.nextFit(end, cycle) + cycle;
      earliest = Math.min(earliest, end);
    }
    return earliest;
  });
}

function loadBound(model: Model, lots: number[], lines: number[], earliest: number[]): number {
  if (!lots.length) return 0;
  const work = lots
    .map((j) => {
      const lot = model.lots[j]!;
      return Math.min(
        ...lines.filter((l) => !Number.isNaN(model.lines[l]!.cycle[lot.finish]!)).map((l) => {
          const line = model.lines[l]!;
          return line.cycle[lot.finish]! * Math.max(lot.pieces / line.maxPieces, (lot.pieces * lot.area) / line.capacity);
        }),
      );
    })
    .sort((a, b) => a - b);
  const ends = lots.map((j) => earliest[j]!).sort((a, b) => a - b);
  const dues = lots.map((j) => model.lots[j]!.due).sort((a, b) => a - b);
  const lightest = Math.min(...lots.map((j) => model.lots[j]!.weight));
  let load = 0;
  let tardiness = 0;
  for (let k = 0; k < lots.length; k++) {
    load += work[k]!;
    const completion = Math.max(model.calendar.afterWorking(model.start, load / lines.length), ends[k]!);
    tardiness += Math.max(0, completion - dues[k]!);
  }
  let rest = 0;
  for (const j of lots) rest += (model.lots[j]!.weight - lightest) * Math.max(0, earliest[j]! - model.lots[j]!.due);
  return (lightest * tardiness + rest) / minute;
}

export function lowerBound(instance: Instance): number {
  const model = buildModel(instance);
  const earliest = earliestCompletions(model);
  const perLot = model.lots.reduce((sum, lot, j) => sum + weightedTardiness(lot, earliest[j]!), 0);
  const all = model.lots.map((_, j) => j);
  const everyLine = model.lines.map((_, l) => l);
  const overall = loadBound(model, all, everyLine, earliest);
  const perFinish = model.finishes.reduce(
    (sum, _, f) =>
      sum +
      loadBound(
        model,
        all.filter((j) => model.lots[j]!.finish === f),
        everyLine.filter((l) => !Number.isNaN(model.lines[l]!.cycle[f]!)),
        earliest,
      ),
    0,
  );
  return Math.round(Math.max(perLot, overall, perFinish) * 1e6) / 1e6;
}
