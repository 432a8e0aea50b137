import { AppError } from '../../kernel/errors';
import { seededRandom } from '../../demo/random';
import { check } from './check';
import { dispatch, type Rule } from './dispatch';
import { buildModel, iso, type Model } from './model';
import { compare, makeBatch, type Plan, type PlanBatch } from './plan';
import { Search } from './search';
import type { Batch, Instance, Schedule, SolveOptions } from './types';

// The scheduler: the ATC batching dispatcher (with a few look-ahead scalings k, and the FIFO and
// EDD dispatchers as further starts), the best of them improved by local search within the time
// limit. Locked batches stay exactly as given; the rest is scheduled around them.

export const atcScalings = [0.5, 1, 2, 4];
const atcRules: Rule[] = atcScalings.map((k) => ({ kind: 'atc', k, kSetup: 1 }));

function lockedBatches(instance: Instance, model: Model, locked: Batch[]): PlanBatch[][] {
  const perLine: PlanBatch[][] = model.lines.map(() => []);
  if (!locked.length) return perLine;
  const { violations } = check(instance, { batches: locked });
  const broken = violations.find((v) => v.batch !== undefined);
  if (broken)
    throw new AppError('plating.schedule.locked.broken', `Locked batch ${broken.batch} breaks a rule: ${broken.message}`, {
      batch: broken.batch!,
      line: broken.line ?? '',
      rule: broken.rule,
    });
  const pieces = new Map<string, number>();
  for (const batch of locked) for (const item of batch.items) pieces.set(item.lot, (pieces.get(item.lot) ?? 0) + item.pieces);
  for (const [lot, count] of pieces) {
    const total = model.lots[model.lotIndex.get(lot)!]!.pieces;
    if (count > total) throw new AppError('plating.schedule.locked.tooManyPieces', `Locked batches hold ${count} pieces of lot ${lot}, which has ${total}`, { lot, count, total });
  }
  for (const batch of locked) {
    const line = model.lineIndex.get(batch.line)!;
    const items = batch.items.map((i) => ({ lot: model.lotIndex.get(i.lot)!, pieces: i.pieces }));
    const planned = makeBatch(model, line, model.finishIndex.get(batch.finish)!, items, true);
    planned.start = Date.parse(batch.start);
    planned.end = Date.parse(batch.end);
    perLine[line]!.push(planned);
  }
  for (const list of perLine) list.sort((a, b) => a.start - b.start);
  return perLine;
}

function best(plans: Plan[]): Plan {
  return plans.reduce((a, b) => (compare(b.score(), a.score()) < 0 ? b : a));
}

function toSchedule(instance: Instance, model: Model, plan: Plan, locked: Batch[]): Schedule {
  const batches: Batch[] = [
    ...locked,
    ...plan.seqs.flat().map((b) => ({
      line: model.lines[b.line]!.id,
      finish: model.finishes[b.finish]!,
      start: iso(b.start),
      end: iso(b.end),
      items: b.items.map((i) => ({ lot: model.lots[i.lot]!.id, pieces: i.pieces })),
    })),
  ].sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.line.localeCompare(b.line));
  const result = check(instance, { batches });
  // A schedule that breaks a rule is a bug here, never an answer.
  if (!result.valid) throw new Error(`The scheduler made an invalid schedule: ${result.violations[0]!.message}`);
  return { batches, objective: result.objective };
}

/** A schedule for the instance, around the locked batches; every rule holds (checked before it is returned). */
export function solve(instance: Instance, options: SolveOptions = {}): Schedule {
  const model = buildModel(instance);
  const locked = options.locked ?? [];
  const lockedPlan = lockedBatches(instance, model, locked);
  // The output's own check takes a few ms per hundred batches: the search leaves room for it.
  const deadline = performance.now() + (options.timeLimitMs ?? 1500) - 5 - model.lots.length / 40;
  const plan = best([...atcRules, { kind: 'edd' } as const, { kind: 'fifo' } as const].map((rule) => dispatch(model, lockedPlan, rule)));
  new Search(plan, seededRandom(options.seed ?? 1)).run(deadline, 20_000 + 100 * model.lots.length);
  return toSchedule(instance, model, plan, locked);
}

/** A dispatcher's schedule alone, without local search: the baselines the scheduler is measured against. */
export function dispatchOnly(instance: Instance, kind: 'fifo' | 'edd' | 'atc'): Schedule {
  const model = buildModel(instance);
  const none = model.lines.map(() => []);
  const plan = kind === 'atc' ? best(atcRules.map((rule) => dispatch(model, none, rule))) : dispatch(model, none, { kind });
  return toSchedule(instance, model, plan, []);
}
