import { areaSlack, changeoverMs, weightedTardiness, type Model } from './model';

// A schedule under construction: per line, the batches to run in order (besides the locked ones,
// which keep their times), each timed as early as the rules allow: after the line's previous batch
// and its changeover, at or after the planning start and its lots' ready times, inside one shift,
// and clear of the locked batches (with their changeovers) on the line.

export interface Item {
  lot: number;
  pieces: number;
}

export interface PlanBatch {
  line: number;
  finish: number;
  items: Item[];
  pieces: number;
  area: number;
  /** The latest ready time of its lots. */
  ready: number;
  start: number;
  end: number;
  locked: boolean;
  /** The line's cursor after this batch (re-timing a line starts from the first batch that changed). */
  after: LineCursor;
}

export function makeBatch(model: Model, line: number, finish: number, items: Item[], locked = false): PlanBatch {
  const batch: PlanBatch = { line, finish, items, pieces: 0, area: 0, ready: model.start, start: 0, end: 0, locked, after: openCursor() };
  measure(model, batch);
  return batch;
}

export function measure(model: Model, batch: PlanBatch): void {
  let pieces = 0;
  let area = 0;
  let ready = model.start;
  for (const item of batch.items) {
    const lot = model.lots[item.lot]!;
    pieces += item.pieces;
    area += item.pieces * lot.area;
    if (lot.ready > ready) ready = lot.ready;
  }
  batch.pieces = pieces;
  batch.area = area;
  batch.ready = ready;
}

/** Whether a batch of these pieces and area fits a line's rack and can run its finish. */
export function fits(model: Model, line: number, finish: number, pieces: number, area: number): boolean {
  const l = model.lines[line]!;
  return !Number.isNaN(l.cycle[finish]!) && pieces <= l.maxPieces && area <= l.capacity + areaSlack;
}

/** Where a line stands while its batches are placed one after another. */
export interface LineCursor {
  finish: number;
  end: number;
  /** Next locked batch on the line not yet passed. */
  lock: number;
}

export const openCursor = (): LineCursor => ({ finish: -1, end: Number.NEGATIVE_INFINITY, lock: 0 });

/** Times `batch` at the earliest on `line` after the cursor, and moves the cursor past it. */
export function place(model: Model, locked: PlanBatch[], cursor: LineCursor, batch: PlanBatch): void {
  const cycle = model.lines[batch.line]!.cycle[batch.finish]!;
  for (;;) {
    const earliest = Math.max(model.start, batch.ready, cursor.end + changeoverMs(model, batch.line, cursor.finish, batch.finish));
    const start = model.calendar.nextFit(earliest, cycle);
    const next = locked[cursor.lock];
    if (!next || start + cycle + changeoverMs(model, batch.line, batch.finish, next.finish) <= next.start) {
      batch.start = start;
      batch.end = start + cycle;
      break;
    }
    pass(cursor, next);
  }
  pass(cursor, batch);
  batch.after = { ...cursor };
}

function pass(cursor: LineCursor, batch: PlanBatch): void {
  cursor.finish = batch.finish;
  cursor.end = batch.end;
  if (batch.locked) cursor.lock++;
}

/** Passes the locked batches left after the last placed one. */
export function closeCursor(locked: PlanBatch[], cursor: LineCursor): void {
  while (cursor.lock < locked.length) pass(cursor, locked[cursor.lock]!);
}

export class Plan {
  readonly seqs: PlanBatch[][];
  readonly lotBatches: PlanBatch[][];
  readonly completion: number[];
  readonly lineChangeovers: number[];
  readonly lineEnd: number[];
  tardiness = 0;
  /** Sum of weighted completion minutes: a tie-breaker that pulls batches earlier. */
  flow = 0;

  constructor(
    readonly model: Model,
    readonly locked: PlanBatch[][],
    seqs: PlanBatch[][],
  ) {
    this.seqs = seqs;
    this.lotBatches = model.lots.map(() => []);
    for (const batch of [...locked.flat(), ...seqs.flat()]) for (const item of batch.items) this.lotBatches[item.lot]!.push(batch);
    this.completion = model.lots.map(() => Number.NEGATIVE_INFINITY);
    this.lineChangeovers = model.lines.map(() => 0);
    this.lineEnd = model.lines.map(() => Number.NEGATIVE_INFINITY);
    for (let l = 0; l < seqs.length; l++) this.retime(l);
    for (let j = 0; j < model.lots.length; j++) this.complete(j);
  }

  /**
   * Times a line's batches again from position `from` on. From position `until` on (where the
   * sequence is as before), it stops at the first batch whose time and cursor did not change: the
   * rest cannot change either. `changed` hears of every batch whose timing it rewrote, with the old values.
   */
  retime(line: number, from = 0, until = Number.POSITIVE_INFINITY, changed?: (batch: PlanBatch, start: number, end: number, after: LineCursor) => void): void {
    const locked = this.locked[line]!;
    const seq = this.seqs[line]!;
    const cursor = from > 0 ? { ...seq[from - 1]!.after } : openCursor();
    let settled = false;
    for (let i = from; i < seq.length; i++) {
      const batch = seq[i]!;
      const [start, end, after] = [batch.start, batch.end, batch.after];
      place(this.model, locked, cursor, batch);
      if (i >= until && batch.start === start && batch.end === end && cursor.finish === after.finish && cursor.end === after.end && cursor.lock === after.lock) {
        batch.after = after;
        settled = true;
        break;
      }
      changed?.(batch, start, end, after);
    }
    if (!settled) {
      closeCursor(locked, cursor);
      this.lineEnd[line] = cursor.end;
    }
    this.lineChangeovers[line] = this.countChangeovers(line);
  }

  /** Changes of finish between consecutive batches of a line, locked ones included. */
  private countChangeovers(line: number): number {
    const seq = this.seqs[line]!;
    const locked = this.locked[line]!;
    let [i, k, previous, count] = [0, 0, -1, 0];
    while (i < seq.length || k < locked.length) {
      const batch = k >= locked.length || (i < seq.length && seq[i]!.start < locked[k]!.start) ? seq[i++]! : locked[k++]!;
      if (previous >= 0 && previous !== batch.finish) count++;
      previous = batch.finish;
    }
    return count;
  }

  /** Recomputes a lot's completion and the totals; returns the previous completion. */
  complete(lot: number): number {
    const before = this.completion[lot]!;
    let end = Number.NEGATIVE_INFINITY;
    for (const batch of this.lotBatches[lot]!) if (batch.end > end) end = batch.end;
    if (end !== before) {
      const l = this.model.lots[lot]!;
      if (Number.isFinite(before)) {
        this.tardiness -= weightedTardiness(l, before);
        this.flow -= (before - this.model.start) * (l.weight + 1e-3);
      }
      this.tardiness += weightedTardiness(l, end);
      this.flow += (end - this.model.start) * (l.weight + 1e-3);
      this.completion[lot] = end;
    }
    return before;
  }

  changeovers(): number {
    let n = 0;
    for (const c of this.lineChangeovers) n += c;
    return n;
  }

  makespan(): number {
    let m = Number.NEGATIVE_INFINITY;
    for (const e of this.lineEnd) if (e > m) m = e;
    return m;
  }

  batchCount(): number {
    let n = 0;
    for (const s of this.seqs) n += s.length;
    return n;
  }

  /** The lexicographic objective with its tie-breakers: tardiness, changeovers, makespan, batches, flow. */
  score(): Score {
    return [this.tardiness, this.changeovers(), this.makespan(), this.batchCount(), this.flow];
  }
}

export type Score = [number, number, number, number, number];

/** Compares scores lexicographically (tardiness with a tolerance for float sums): negative when a is better. */
export function compare(a: Score, b: Score): number {
  const tolerance = 1e-6 * Math.max(1, Math.abs(a[0]), Math.abs(b[0]));
  if (Math.abs(a[0] - b[0]) > tolerance) return a[0] - b[0];
  for (let i = 1; i < 4; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return Math.abs(a[4] - b[4]) > 1e-6 * Math.max(1, Math.abs(a[4])) ? a[4] - b[4] : 0;
}
