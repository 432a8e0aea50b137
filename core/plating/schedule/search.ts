import type { Random } from '../../demo/random';
import { areaSlack, type Model } from './model';
import { compare, fits, makeBatch, measure, type Item, type LineCursor, type Plan, type PlanBatch } from './plan';

// Local search on a plan: random moves (relocate a batch within or across lines, swap two
// batches, move or swap lots between batches of a finish, split a lot out into a batch of its own,
// merge two batches), each followed by re-timing only the lines it touched and re-scoring only the
// lots whose batches changed; a move is kept when the lexicographic objective (weighted tardiness,
// changeovers, makespan, then fewer batches and earlier completions) is no worse. Stops at the
// deadline or after a long run without improvement.

/** One tentative move: what it changed, and how to take it back. */
class Move {
  private readonly undo: (() => void)[] = [];
  /** Per touched line: the first position whose batch (or its lots) changed, and the position from which the sequence is as before. */
  private readonly lines = new Map<number, { from: number; until: number }>();
  private readonly lots = new Set<number>();

  constructor(private readonly plan: Plan) {}

  setSeq(line: number, seq: PlanBatch[]): void {
    const old = this.plan.seqs[line]!;
    this.plan.seqs[line] = seq;
    this.undo.push(() => void (this.plan.seqs[line] = old));
    let from = 0;
    while (from < seq.length && from < old.length && seq[from] === old[from]) from++;
    let same = 0;
    while (same < seq.length - from && same < old.length - from && seq[seq.length - 1 - same] === old[old.length - 1 - same]) same++;
    this.touch(line, from, seq.length - same);
  }

  private touch(line: number, from: number, until: number): void {
    const known = this.lines.get(line);
    // Positions shift when a line changes twice in one move: one more position of margin per change.
    this.lines.set(line, known ? { from: Math.min(from, known.from), until: Math.max(until, known.until) + 1 } : { from, until });
  }

  setLine(batch: PlanBatch, line: number): void {
    const old = batch.line;
    batch.line = line;
    this.undo.push(() => void (batch.line = old));
  }

  setItems(batch: PlanBatch, items: Item[]): void {
    const { plan } = this;
    const old = { items: batch.items, pieces: batch.pieces, area: batch.area, ready: batch.ready };
    const before = new Set(old.items.map((i) => i.lot));
    const after = new Set(items.map((i) => i.lot));
    for (const lot of before) if (!after.has(lot)) this.unlink(lot, batch);
    for (const lot of after) if (!before.has(lot)) this.link(lot, batch);
    for (const lot of [...before, ...after]) this.lots.add(lot);
    const at = plan.seqs[batch.line]!.indexOf(batch);
    if (at >= 0) this.touch(batch.line, at, at + 1);
    batch.items = items;
    measure(plan.model, batch);
    this.undo.push(() => Object.assign(batch, old));
  }

  private unlink(lot: number, batch: PlanBatch): void {
    const list = this.plan.lotBatches[lot]!;
    const at = list.indexOf(batch);
    list.splice(at, 1);
    this.undo.push(() => void list.splice(at, 0, batch));
  }

  private link(lot: number, batch: PlanBatch): void {
    const list = this.plan.lotBatches[lot]!;
    list.push(batch);
    this.undo.push(() => void list.pop());
  }

  /** Re-times the touched lines and re-scores the lots whose batches moved. */
  apply(): void {
    const { plan } = this;
    const saved = { tardiness: plan.tardiness, flow: plan.flow };
    for (const [line, { from, until }] of this.lines) {
      const saved: [PlanBatch, number, number, LineCursor][] = [];
      const totals = [plan.lineChangeovers[line]!, plan.lineEnd[line]!] as const;
      plan.retime(line, from, until, (batch, start, end, after) => {
        saved.push([batch, start, end, after]);
        if (batch.start !== start) for (const item of batch.items) this.lots.add(item.lot);
      });
      this.undo.push(() => {
        for (const [b, start, end, after] of saved) [b.start, b.end, b.after] = [start, end, after];
        [plan.lineChangeovers[line], plan.lineEnd[line]] = totals;
      });
    }
    const completions: [number, number][] = [];
    for (const lot of this.lots) completions.push([lot, plan.complete(lot)]);
    this.undo.push(() => {
      for (const [lot, completion] of completions) plan.completion[lot] = completion;
      plan.tardiness = saved.tardiness;
      plan.flow = saved.flow;
    });
  }

  rollback(): void {
    for (let i = this.undo.length - 1; i >= 0; i--) this.undo[i]!();
  }
}

const without = <T>(list: T[], at: number) => [...list.slice(0, at), ...list.slice(at + 1)];
const inserted = <T>(list: T[], at: number, value: T) => [...list.slice(0, at), value, ...list.slice(at)];

export class Search {
  private tardy: number[] = [];
  /** Whether the batch being moved was picked for a late lot (then it is moved earlier). */
  private late = false;
  private readonly compatible: number[][];

  constructor(
    private readonly plan: Plan,
    private readonly random: Random,
  ) {
    const model = plan.model;
    this.compatible = model.finishes.map((_, f) => model.lines.map((_, l) => l).filter((l) => !Number.isNaN(model.lines[l]!.cycle[f]!)));
  }

  private get model(): Model {
    return this.plan.model;
  }

  /** Runs until the deadline (performance.now() ms) or `stall` tries in a row without improvement. */
  run(deadline: number, stall: number): void {
    let current = this.plan.score();
    let sinceBetter = 0;
    for (let iteration = 0; ; iteration++) {
      if ((iteration & 63) === 0) {
        if (performance.now() > deadline) return;
        if ((iteration & 1023) === 0) this.tardy = this.model.lots.map((_, j) => j).filter((j) => this.plan.completion[j]! > this.model.lots[j]!.due);
      }
      if (sinceBetter > stall) return;
      const move = new Move(this.plan);
      sinceBetter++;
      if (!this.tryMove(move)) {
        move.rollback();
        continue;
      }
      move.apply();
      const score = this.plan.score();
      const order = compare(score, current);
      if (order <= 0) {
        if (order < 0) sinceBetter = 0;
        current = score;
      } else move.rollback();
    }
  }

  /** A random unlocked batch, half the time one holding a late lot. */
  private pickBatch(): PlanBatch | undefined {
    const { random, plan } = this;
    this.late = this.tardy.length > 0 && random.chance(0.5);
    if (this.late) {
      const own = plan.lotBatches[random.pick(this.tardy)]!.filter((b) => !b.locked);
      if (own.length) return random.pick(own);
      this.late = false;
    }
    const total = plan.batchCount();
    if (!total) return undefined;
    let k = Math.floor(random.next() * total);
    for (const seq of plan.seqs) {
      if (k < seq.length) return seq[k];
      k -= seq.length;
    }
    return undefined;
  }

  /** Another unlocked batch of the same finish (a few random draws). */
  private partner(batch: PlanBatch): PlanBatch | undefined {
    for (let tries = 0; tries < 8; tries++) {
      const seq = this.plan.seqs[this.random.pick(this.compatible[batch.finish]!)]!;
      const b = seq[Math.floor(this.random.next() * seq.length)];
      if (b && b !== batch && b.finish === batch.finish) return b;
    }
    return undefined;
  }

  private tryMove(move: Move): boolean {
    const batch = this.pickBatch();
    if (!batch) return false;
    const r = this.random.next();
    if (r < 0.25) return this.relocate(move, batch);
    if (r < 0.37) return this.swap(move, batch);
    if (r < 0.57) return this.moveItem(move, batch);
    if (r < 0.72) return this.exchange(move, batch);
    if (r < 0.82) return this.swapItems(move, batch);
    if (r < 0.91) return this.split(move, batch);
    return this.merge(move, batch);
  }

  /** Moves a batch to another place on its line or on another line that can run it. */
  private relocate(move: Move, batch: PlanBatch): boolean {
    const { plan, random } = this;
    const to = random.pick(this.compatible[batch.finish]!);
    if (!fits(this.model, to, batch.finish, batch.pieces, batch.area)) return false;
    const from = batch.line;
    const at = plan.seqs[from]!.indexOf(batch);
    const rest = without(plan.seqs[from]!, at);
    if (to === from) {
      const position = random.int(0, this.late ? at : rest.length);
      if (position === at) return false;
      move.setSeq(from, inserted(rest, position, batch));
    } else {
      move.setSeq(from, rest);
      move.setSeq(to, inserted(plan.seqs[to]!, random.int(0, plan.seqs[to]!.length), batch));
      move.setLine(batch, to);
    }
    return true;
  }

  /** Exchanges the places of two batches (on one line or two). */
  private swap(move: Move, a: PlanBatch): boolean {
    const { plan, random, model } = this;
    const line = random.pick(plan.seqs);
    if (!line.length) return false;
    const b = random.pick(line);
    if (a === b) return false;
    if (!fits(model, b.line, a.finish, a.pieces, a.area) || !fits(model, a.line, b.finish, b.pieces, b.area)) return false;
    const [la, lb] = [a.line, b.line];
    const [ia, ib] = [plan.seqs[la]!.indexOf(a), plan.seqs[lb]!.indexOf(b)];
    if (la === lb) {
      const seq = [...plan.seqs[la]!];
      [seq[ia], seq[ib]] = [b, a];
      move.setSeq(la, seq);
    } else {
      const [sa, sb] = [[...plan.seqs[la]!], [...plan.seqs[lb]!]];
      sa[ia] = b;
      sb[ib] = a;
      move.setSeq(la, sa);
      move.setSeq(lb, sb);
      move.setLine(a, lb);
      move.setLine(b, la);
    }
    return true;
  }

  private room(batch: PlanBatch, lot: number): number {
    const line = this.model.lines[batch.line]!;
    return Math.min(line.maxPieces - batch.pieces, Math.floor((line.capacity - batch.area) / this.model.lots[lot]!.area + areaSlack));
  }

  /** Moves a lot's pieces (all that fit) from one batch into another of its finish. */
  private moveItem(move: Move, from: PlanBatch): boolean {
    const to = this.partner(from);
    if (!to) return false;
    const at = Math.floor(this.random.next() * from.items.length);
    const item = from.items[at]!;
    const take = Math.min(item.pieces, this.room(to, item.lot));
    if (take <= 0) return false;
    this.transfer(move, from, at, to, take);
    return true;
  }

  private transfer(move: Move, from: PlanBatch, at: number, to: PlanBatch, take: number): void {
    const item = from.items[at]!;
    const left = item.pieces - take;
    move.setItems(from, left ? from.items.map((it, i) => (i === at ? { lot: it.lot, pieces: left } : it)) : without(from.items, at));
    const there = to.items.findIndex((it) => it.lot === item.lot);
    move.setItems(to, there < 0 ? [...to.items, { lot: item.lot, pieces: take }] : to.items.map((it, i) => (i === there ? { lot: it.lot, pieces: it.pieces + take } : it)));
    if (!from.items.length) {
      const seq = this.plan.seqs[from.line]!;
      move.setSeq(from.line, without(seq, seq.indexOf(from)));
    }
  }

  /**
   * Moves a lot into another batch of its finish and makes room there by sending back as many
   * pieces of that batch's other lots as needed (an ejection chain of length one).
   */
  private exchange(move: Move, a: PlanBatch): boolean {
    const { model, random } = this;
    const b = this.partner(a);
    if (!b) return false;
    const x = a.items[Math.floor(random.next() * a.items.length)]!;
    const line = model.lines[b.line]!;
    const areaOf = (lot: number) => model.lots[lot]!.area;
    let [pieces, area] = [b.pieces + x.pieces, b.area + x.pieces * areaOf(x.lot)];
    let [backPieces, backArea] = [0, 0];
    const evicted: Item[] = [];
    const offset = Math.floor(random.next() * b.items.length);
    for (let k = 0; k < b.items.length && (pieces > line.maxPieces || area > line.capacity + areaSlack); k++) {
      const y = b.items[(offset + k) % b.items.length]!;
      if (y.lot === x.lot) continue;
      const n = Math.min(y.pieces, Math.max(1, pieces - line.maxPieces, Math.ceil((area - line.capacity) / areaOf(y.lot) - areaSlack)));
      evicted.push({ lot: y.lot, pieces: n });
      pieces -= n;
      area -= n * areaOf(y.lot);
      backPieces += n;
      backArea += n * areaOf(y.lot);
    }
    // Emptying the batch entirely would be a swap of whole batches (and would remove it).
    if (!evicted.length || backPieces >= b.pieces || pieces > line.maxPieces || area > line.capacity + areaSlack) return false;
    if (!fits(model, a.line, a.finish, a.pieces - x.pieces + backPieces, a.area - x.pieces * areaOf(x.lot) + backArea)) return false;
    for (const y of evicted)
      this.transfer(
        move,
        b,
        b.items.findIndex((it) => it.lot === y.lot),
        a,
        y.pieces,
      );
    this.transfer(
      move,
      a,
      a.items.findIndex((it) => it.lot === x.lot),
      b,
      x.pieces,
    );
    return true;
  }

  /** Exchanges one lot of a batch with one lot of another batch of the same finish. */
  private swapItems(move: Move, a: PlanBatch): boolean {
    const b = this.partner(a);
    if (!b) return false;
    const [ia, ib] = [Math.floor(this.random.next() * a.items.length), Math.floor(this.random.next() * b.items.length)];
    const [x, y] = [a.items[ia]!, b.items[ib]!];
    if (x.lot === y.lot || a.items.some((it) => it.lot === y.lot) || b.items.some((it) => it.lot === x.lot)) return false;
    const area = (it: Item) => it.pieces * this.model.lots[it.lot]!.area;
    if (!fits(this.model, a.line, a.finish, a.pieces - x.pieces + y.pieces, a.area - area(x) + area(y))) return false;
    if (!fits(this.model, b.line, b.finish, b.pieces - y.pieces + x.pieces, b.area - area(y) + area(x))) return false;
    move.setItems(a, a.items.map((it, i) => (i === ia ? y : it)));
    move.setItems(b, b.items.map((it, i) => (i === ib ? x : it)));
    return true;
  }

  /** Takes a lot (or half its pieces) out into a new batch placed anywhere a line can run it. */
  private split(move: Move, from: PlanBatch): boolean {
    const { random, plan, model } = this;
    const at = Math.floor(random.next() * from.items.length);
    const item = from.items[at]!;
    const take = from.items.length > 1 && random.chance(0.5) ? item.pieces : Math.floor(item.pieces / 2);
    if (take <= 0) return false;
    const line = random.pick(this.compatible[from.finish]!);
    const lot = model.lots[item.lot]!;
    if (!fits(model, line, from.finish, take, take * lot.area)) return false;
    const batch = makeBatch(model, line, from.finish, []);
    move.setSeq(line, inserted(plan.seqs[line]!, random.int(0, plan.seqs[line]!.length), batch));
    this.transfer(move, from, at, batch, take);
    return true;
  }

  /** Puts every lot of a batch into another batch of the same finish, when they fit. */
  private merge(move: Move, from: PlanBatch): boolean {
    const to = this.partner(from);
    if (!to || !fits(this.model, to.line, to.finish, from.pieces + to.pieces, from.area + to.area)) return false;
    while (from.items.length) this.transfer(move, from, 0, to, from.items[0]!.pieces);
    return true;
  }
}
