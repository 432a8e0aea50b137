import { AppError } from '../kernel/errors';
import type { Db, Trx } from '../db/schema';
import { check, type Batch, type Instance } from './schedule';
import { lineCycle, readSettings, type PlatingSettings } from './settings';
import { waitingLots, type WaitingLot } from './waiting';

// The planning board's data: the scheduler's instance built from the store, and the plan as it
// stands (batches per line, late lots with the customer order they delay, gold per day and order).

export interface BoardBatch {
  id: string;
  lineId: string;
  finish: string;
  startAt: string;
  endAt: string;
  locked: boolean;
  state: 'planned' | 'running' | 'done';
  expectedMetalG: number;
  metalUsedG: number | null;
  /** Each lot's design, for the board's labels. */
  items: { lotId: string; pieces: number; checked: number; designSku: string; designName: string }[];
}

export const planningLimit = 2_000;

export interface PlanningInput {
  settings: PlatingSettings;
  instance: Instance;
  lots: WaitingLot[];
  unplannable: { lotId: string; pieces: number; reason: 'noLine' | 'noMetal' | 'tooLarge' }[];
  /** Lots waiting beyond the planning limit. */
  beyond: number;
}

/**
 * The scheduler's instance: lots in refining whose finish is plated, lines with their cycle per
 * finish (Faraday + handling), the shift calendar, and the start: now, or when the last running
 * batch ends if later (a running batch holds its line).
 */
export async function planningInput(db: Db | Trx, now: Date): Promise<PlanningInput> {
  const settings = await readSettings(db);
  const all = (await waitingLots(db, settings, now)).filter((l) => l.plated);
  const running = await db.selectFrom('plating_batches').select((eb) => eb.fn.max('end_at').as('end')).where('state', '=', 'running').executeTakeFirst();
  const start = running?.end && running.end > now.toISOString() ? new Date(running.end) : now;
  const lines = settings.lines
    .map((line) => {
      const cycleMinutes: Record<string, number> = {};
      for (const finish of line.finishes) {
        const cycle = lineCycle(line, settings.recipes, finish);
        if (cycle !== null) cycleMinutes[finish] = cycle;
      }
      return { id: line.id, finishes: Object.keys(cycleMinutes), capacityDm2: line.capacityDm2, maxPieces: line.maxPieces, cycleMinutes, changeoverMinutes: { default: 30, ...line.changeoverMinutes } };
    })
    .filter((l) => l.finishes.length > 0);
  const unplannable: PlanningInput['unplannable'] = [];
  // The most urgent lots up to what the scheduler plans in its time (2,000 on 6 lines in 2 s); the rest wait for a later plan.
  const urgent = [...all].sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.lotId.localeCompare(b.lotId)).slice(0, planningLimit);
  const lots = urgent.filter((lot) => {
    const runnable = lines.filter((l) => l.finishes.includes(lot.finish));
    const reason = lot.areaCm2PerPiece <= 0 ? 'noMetal' : runnable.length === 0 ? 'noLine' : runnable.every((l) => lot.areaCm2PerPiece / 100 > l.capacityDm2) ? 'tooLarge' : null;
    if (reason) unplannable.push({ lotId: lot.lotId, pieces: lot.pieces, reason });
    return !reason;
  });
  const instance: Instance = {
    version: 1,
    start: start.toISOString(),
    calendar: settings.calendar,
    lines,
    lots: lots.map((l) => ({
      id: l.lotId,
      finish: l.finish,
      pieces: l.pieces,
      areaDm2PerPiece: l.areaCm2PerPiece / 100,
      readyAt: l.readyAt < start.toISOString() ? start.toISOString() : l.readyAt,
      dueAt: l.dueAt,
      weight: l.weight,
    })),
  };
  return { settings, instance, lots, unplannable, beyond: all.length - urgent.length };
}

export async function planVersion(db: Db | Trx): Promise<number> {
  return (await db.selectFrom('plating_plan').select('version').executeTakeFirst())?.version ?? 0;
}

/** Batches planned or running, and the ones done since the start of yesterday, with their items. */
export async function boardBatches(db: Db | Trx, now: Date): Promise<BoardBatch[]> {
  const since = new Date(now.getTime() - 36 * 3600_000).toISOString();
  const rows = await db
    .selectFrom('plating_batches')
    .selectAll()
    .where((eb) => eb.or([eb('state', '!=', 'done'), eb('end_at', '>=', since)]))
    .orderBy('start_at')
    .execute();
  const items = rows.length
    ? await db
        .selectFrom('plating_batch_items')
        .leftJoin('lots', 'lots.id', 'plating_batch_items.lot_id')
        .leftJoin('designs', 'designs.sku', 'lots.design_sku')
        .select(['plating_batch_items.batch_id', 'plating_batch_items.lot_id', 'plating_batch_items.pieces', 'plating_batch_items.checked', 'lots.design_sku', 'designs.name'])
        .where('plating_batch_items.batch_id', 'in', rows.map((r) => r.id))
        .orderBy('plating_batch_items.lot_id')
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    lineId: r.line_id,
    finish: r.finish,
    startAt: r.start_at,
    endAt: r.end_at,
    // A started batch runs as it is: locked, whatever the plan said (its lock is the plan's, its start the batch's).
    locked: r.locked === 1 || r.state !== 'planned',
    state: r.state,
    expectedMetalG: r.expected_metal_g,
    metalUsedG: r.gold_used_g,
    items: items.filter((i) => i.batch_id === r.id).map((i) => ({ lotId: i.lot_id, pieces: i.pieces, checked: i.checked, designSku: i.design_sku ?? '', designName: i.name ?? '' })),
  }));
}

export const toScheduleBatch = (b: Pick<BoardBatch, 'lineId' | 'finish' | 'startAt' | 'endAt' | 'items'>): Batch => ({
  line: b.lineId,
  finish: b.finish,
  start: b.startAt,
  end: b.endAt,
  items: b.items.map((i) => ({ lot: i.lotId, pieces: i.pieces })),
});

export interface PlanViolation {
  rule: string;
  message: string;
  batchId: string | null;
  lotId: string | null;
}

/**
 * The checker's verdict on the planned batches (running ones hold their pieces in plating, outside
 * the instance); its messages name batches by id and times as the site's clock reads them.
 */
export function checkPlanned(input: PlanningInput, planned: readonly BoardBatch[]) {
  const local = new Intl.DateTimeFormat('en-GB', { timeZone: input.instance.calendar.timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const words = { batch: (index: number) => `batch ${planned[index]!.id}`, time: (ms: number) => local.format(ms) };
  const result = check(input.instance, { batches: planned.map(toScheduleBatch) }, words);
  const violations: PlanViolation[] = result.violations.map((v) => ({ rule: v.rule, message: v.message, batchId: v.batch === undefined ? null : planned[v.batch]!.id, lotId: v.lot ?? null }));
  return { violations, objective: result.objective };
}

/** Violations in `after` that were not in `before`: what a change itself breaks. */
export function introduced(before: readonly PlanViolation[], after: readonly PlanViolation[]): PlanViolation[] {
  const key = (v: PlanViolation) => `${v.rule}|${v.batchId}|${v.lotId}`;
  const had = new Map<string, number>();
  for (const v of before) had.set(key(v), (had.get(key(v)) ?? 0) + 1);
  return after.filter((v) => {
    const n = had.get(key(v)) ?? 0;
    if (n > 0) had.set(key(v), n - 1);
    return n === 0;
  });
}

/** A batch's end from its start: its line's cycle for its finish, or its old length where the line cannot run it (the checker says so). */
export function batchEnd(settings: PlatingSettings, batch: Pick<BoardBatch, 'finish' | 'startAt' | 'endAt'>, lineId: string, startAt: string): string {
  const line = settings.lines.find((l) => l.id === lineId);
  if (!line) throw new AppError('plating.lineNotFound', `No line ${lineId}`, { line: lineId });
  const cycle = lineCycle(line, settings.recipes, batch.finish);
  const minutes = cycle ?? (Date.parse(batch.endAt) - Date.parse(batch.startAt)) / 60_000;
  return new Date(Date.parse(startAt) + minutes * 60_000).toISOString();
}

