import { areaSlack, changeoverMs, piecesPerBatch, type Model, type ModelLine, type ModelLot } from './model';
import { closeCursor, makeBatch, openCursor, place, Plan, type Item, type LineCursor, type PlanBatch } from './plan';

// List-scheduling dispatchers that batch as they go: whenever a line comes free, the lots ready
// for it are grouped by finish, a batch is filled per finish in the rule's order, and one batch is
// chosen. FIFO and EDD are the usual baselines; ATC is the literature's batching dispatcher
// (BATC: the Apparent Tardiness Cost index summed over the batch and scaled by how full it is,
// with the ATCS setup term for changeovers; Mönch et al. 2005, Balasubramanian et al. 2004).

export type Rule = { kind: 'fifo' } | { kind: 'edd' } | { kind: 'atc'; k: number; kSetup: number };

/** Pieces of each lot still to schedule once the locked batches are taken off. */
export function remainingPieces(model: Model, locked: PlanBatch[][]): number[] {
  const left = model.lots.map((l) => l.pieces);
  for (const batch of locked.flat()) for (const item of batch.items) left[item.lot]! -= item.pieces;
  return left;
}

export function dispatch(model: Model, locked: PlanBatch[][], rule: Rule): Plan {
  const left = remainingPieces(model, locked);
  const seqs: PlanBatch[][] = model.lines.map(() => []);
  const cursors: LineCursor[] = model.lines.map(() => openCursor());
  const meanCycle = mean(model.lines.flatMap((l) => l.cycle.filter((c) => !Number.isNaN(c))));
  const canRun = (l: number, j: number) => !Number.isNaN(model.lines[l]!.cycle[model.lots[j]!.finish]!) && piecesPerBatch(model.lines[l]!, model.lots[j]!) > 0;
  // Per line: the lots it can run by ready time, how many of them are released into its pools
  // (open lots ready by now, per finish), and how many are still open. Closed lots leave lazily.
  const arrivals = model.lines.map((_, l) =>
    model.lots
      .map((_, j) => j)
      .filter((j) => left[j]! > 0 && canRun(l, j))
      .sort((a, b) => model.lots[a]!.ready - model.lots[b]!.ready || a - b),
  );
  const released = model.lines.map(() => 0);
  const pools = model.lines.map(() => model.finishes.map(() => [] as number[]));
  const open = model.lines.map((_, l) => arrivals[l]!.length);
  const index = new Float64Array(model.lots.length);

  for (;;) {
    // The line free earliest among those with work left for them.
    let line = -1;
    let free = Number.POSITIVE_INFINITY;
    for (let l = 0; l < model.lines.length; l++) {
      const at = Math.max(cursors[l]!.end, model.start);
      if (at < free && open[l]! > 0) {
        line = l;
        free = at;
      }
    }
    if (line < 0) break;
    const arrival = arrivals[line]!;
    const pool = pools[line]!;
    let next = released[line]!;
    while (next < arrival.length && left[arrival[next]!] === 0) next++;
    const waiting = pool.some((family) => family.some((j) => left[j]! > 0));
    const t = waiting || next >= arrival.length ? free : Math.max(free, model.lots[arrival[next]!]!.ready);
    while (next < arrival.length && model.lots[arrival[next]!]!.ready <= t) {
      const j = arrival[next++]!;
      if (left[j]! > 0) pool[model.lots[j]!.finish]!.push(j);
    }
    released[line] = next;

    let best: Item[] = [];
    let bestFinish = -1;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (let finish = 0; finish < pool.length; finish++) {
      const family = (pool[finish] = pool[finish]!.filter((j) => left[j]! > 0));
      if (!family.length) continue;
      const cycle = model.lines[line]!.cycle[finish]!;
      let value: number;
      let items: Item[];
      if (rule.kind === 'fifo') {
        items = fill(model, line, family, left, []);
        value = -model.lots[family[0]!]!.ready;
      } else if (rule.kind === 'edd') {
        for (const j of family) index[j] = -model.lots[j]!.due;
        items = fillBest(model, line, family, index, left);
        value = -model.lots[items[0]!.lot]!.due;
      } else {
        for (const j of family) index[j] = atcIndex(model, j, cycle, t, rule.k, meanCycle);
        items = fillBest(model, line, family, index, left);
        const l = model.lines[line]!;
        let sum = 0;
        let pieces = 0;
        let area = 0;
        for (const item of items) {
          sum += index[item.lot]! * (item.pieces / model.lots[item.lot]!.pieces);
          pieces += item.pieces;
          area += item.pieces * model.lots[item.lot]!.area;
        }
        const full = Math.max(pieces / l.maxPieces, area / l.capacity);
        const setup = changeoverMs(model, line, cursors[line]!.finish, finish);
        value = sum * full * Math.exp(-setup / (rule.kSetup * meanCycle));
      }
      if (value > bestValue) {
        bestValue = value;
        best = items;
        bestFinish = finish;
      }
    }
    const batch = makeBatch(model, line, bestFinish, best);
    place(model, locked[line]!, cursors[line]!, batch);
    seqs[line]!.push(batch);
    for (const item of best) {
      left[item.lot]! -= item.pieces;
      if (left[item.lot] === 0) for (let l = 0; l < model.lines.length; l++) if (canRun(l, item.lot)) open[l]!--;
    }
  }
  cursors.forEach((cursor, l) => closeCursor(locked[l]!, cursor));
  return new Plan(model, locked, seqs);
}

/** ATC priority of a lot on a line at time t: weight per cycle, discounted by its slack. */
function atcIndex(model: Model, j: number, cycle: number, t: number, k: number, meanCycle: number): number {
  const lot = model.lots[j]!;
  const slack = Math.max(lot.due - cycle - t, 0);
  return ((lot.weight + 1e-3) / cycle) * Math.exp(-slack / (k * meanCycle));
}

/** How many of the best lots are sorted before the others are looked at. */
const shortlist = 40;

/**
 * Fills a batch from lots in the order of `key` (highest first), as a full sort would, sorting
 * only the best few and then just those others that still fit the room left.
 */
function fillBest(model: Model, line: number, family: number[], key: Float64Array, left: number[]): Item[] {
  const better = (a: number, b: number) => key[a]! > key[b]! || (key[a] === key[b] && a < b);
  const top: number[] = [];
  for (const j of family) {
    if (top.length === shortlist && !better(j, top[shortlist - 1]!)) continue;
    let i = top.length < shortlist ? top.push(j) - 1 : shortlist - 1;
    top[i] = j;
    for (; i > 0 && better(top[i]!, top[i - 1]!); i--) [top[i], top[i - 1]] = [top[i - 1]!, top[i]!];
  }
  const items = fill(model, line, top, left, []);
  if (family.length <= shortlist) return items;
  const l = model.lines[line]!;
  const last = top[top.length - 1]!;
  const rest = family.filter((j) => better(last, j) && take(l, model.lots[j]!, left[j]!, items, model) > 0);
  return rest.length ? fill(model, line, rest.sort((a, b) => (better(a, b) ? -1 : 1)), left, items) : items;
}

/** Pieces of a lot that go into a batch holding `items`: all when they fit; a lot too big for any one batch is split into the room left. */
function take(line: ModelLine, lot: ModelLot, left: number, items: Item[], model: Model): number {
  let pieces = 0;
  let area = 0;
  for (const item of items) {
    pieces += item.pieces;
    area += item.pieces * model.lots[item.lot]!.area;
  }
  const room = Math.min(line.maxPieces - pieces, Math.floor((line.capacity - area) / lot.area + areaSlack));
  if (room <= 0) return 0;
  return left <= room ? left : left > piecesPerBatch(line, lot) ? room : 0;
}

/** Adds lots to a batch in priority order (see `take`). */
function fill(model: Model, line: number, order: number[], left: number[], items: Item[]): Item[] {
  const l = model.lines[line]!;
  const filled = [...items];
  for (const j of order) {
    const n = take(l, model.lots[j]!, left[j]!, filled, model);
    if (n > 0) filled.push({ lot: j, pieces: n });
  }
  return filled;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
