import { areaSlack, buildModel, changeoverMs, iso, minute, weightedTardiness } from './model';
import type { Batch, CheckResult, Instance, Objective, Violation } from './types';

// The rule checker: every rule of a plating schedule, and its objective values. It reports every
// violation it finds, each naming the batch (its index in the list), the line and the lot; its
// message names the batch and the times as `words` says (by default its index and ISO times).

export const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** How a message names a batch (by its index) and a time (ms). */
export interface MessageWords {
  batch(index: number): string;
  time(ms: number): string;
}

const plainWords: MessageWords = { batch: (index) => `batch ${index}`, time: iso };

export function check(instance: Instance, schedule: { batches: Batch[] }, words: MessageWords = plainWords): CheckResult {
  const times = schedule.batches.map((b) => ({ start: Date.parse(b.start), end: Date.parse(b.end) }));
  const earliest = Math.min(...times.map((t) => t.start).filter(Number.isFinite));
  const model = buildModel(instance, Number.isFinite(earliest) ? earliest : undefined);
  const violations: Violation[] = [];
  const scheduled = new Array<number>(model.lots.length).fill(0);
  const completion = new Array<number>(model.lots.length).fill(Number.NEGATIVE_INFINITY);
  const perLine = model.lines.map(() => [] as number[]);

  schedule.batches.forEach((batch, index) => {
    const add = (rule: string, message: string, lot?: string): void => {
      violations.push({ rule, message: `${capital(words.batch(index))} on ${batch.line}: ${message}`, batch: index, line: batch.line, ...(lot === undefined ? {} : { lot }) });
    };
    const { start, end } = times[index]!;
    const lineIndex = model.lineIndex.get(batch.line);
    const finish = model.finishIndex.get(batch.finish);
    if (!Number.isFinite(start) || !Number.isFinite(end)) return add('time', 'start or end is not an ISO time');
    if (lineIndex === undefined) return add('unknown', `no line ${batch.line} in the instance`);
    const line = model.lines[lineIndex]!;
    const cycle = finish === undefined ? Number.NaN : line.cycle[finish]!;
    if (Number.isNaN(cycle)) add('finish', `the line does not run ${batch.finish}`);
    let pieces = 0;
    let area = 0;
    for (const item of batch.items) {
      const lotIndex = model.lotIndex.get(item.lot);
      if (lotIndex === undefined) {
        add('unknown', `no lot ${item.lot} in the instance`, item.lot);
        continue;
      }
      const lot = model.lots[lotIndex]!;
      if (!Number.isInteger(item.pieces) || item.pieces <= 0) add('pieces', `lot ${lot.id} has ${item.pieces} pieces in the batch`, lot.id);
      if (lot.finish !== finish) add('finish', `lot ${lot.id} is ${model.finishes[lot.finish]}, the batch ${batch.finish}`, lot.id);
      if (start < lot.ready) add('early', `starts ${words.time(start)}, before lot ${lot.id} is ready at ${words.time(lot.ready)}`, lot.id);
      pieces += item.pieces;
      area += item.pieces * lot.area;
      scheduled[lotIndex] += item.pieces;
      completion[lotIndex] = Math.max(completion[lotIndex]!, end);
    }
    if (pieces > line.maxPieces) add('capacity', `${pieces} pieces, more than the line's ${line.maxPieces}`);
    if (area > line.capacity + areaSlack) add('capacity', `${round6(area)} dm², more than the line's ${line.capacity} dm²`);
    if (!Number.isNaN(cycle) && end - start !== cycle) add('duration', `lasts ${(end - start) / minute} min, the ${batch.finish} cycle is ${cycle / minute} min`);
    if (!model.calendar.holding(start, end)) add('shift', `${words.time(start)} to ${words.time(end)} is not inside one shift`);
    if (start < model.start) add('early', `starts ${words.time(start)}, before the planning start ${words.time(model.start)}`);
    perLine[lineIndex]!.push(index);
  });

  let changeovers = 0;
  perLine.forEach((indices, lineIndex) => {
    indices.sort((a, b) => times[a]!.start - times[b]!.start || a - b);
    for (let k = 1; k < indices.length; k++) {
      const [i, j] = [indices[k - 1]!, indices[k]!];
      const [a, b] = [schedule.batches[i]!, schedule.batches[j]!];
      const add = (rule: string, message: string) => violations.push({ rule, message: `${capital(words.batch(j))} on ${b.line}: ${message}`, batch: j, line: b.line });
      if (times[j]!.start < times[i]!.end) add('overlap', `overlaps ${words.batch(i)} (${words.time(times[i]!.start)} to ${words.time(times[i]!.end)})`);
      else if (a.finish !== b.finish) {
        const [from, to] = [model.finishIndex.get(a.finish), model.finishIndex.get(b.finish)];
        const needed = from === undefined || to === undefined ? 0 : changeoverMs(model, lineIndex, from, to);
        if (times[j]!.start - times[i]!.end < needed) add('changeover', `starts ${(times[j]!.start - times[i]!.end) / minute} min after ${words.batch(i)}; ${a.finish}->${b.finish} needs ${needed / minute} min`);
      }
      if (a.finish !== b.finish) changeovers++;
    }
  });

  model.lots.forEach((lot, i) => {
    if (scheduled[i] !== lot.pieces)
      violations.push({ rule: 'pieces', message: `Lot ${lot.id}: ${scheduled[i]} of its ${lot.pieces} pieces are scheduled`, lot: lot.id });
  });

  let tardiness = 0;
  model.lots.forEach((lot, i) => {
    if (Number.isFinite(completion[i])) tardiness += weightedTardiness(lot, completion[i]!);
  });
  const ends = times.map((t) => t.end).filter(Number.isFinite);
  const objective: Objective = { weightedTardinessMinutes: round6(tardiness), changeovers, makespan: ends.length ? iso(Math.max(...ends)) : null };
  return { valid: violations.length === 0, violations, objective };
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
