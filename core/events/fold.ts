import { sql } from 'kysely';
import { type Lot, lotStates, type Trx } from '../db/schema';
import type { EventEnvelope } from './define';
import { chunks } from '../db/batch';

// Events that change nothing but their lot's row (a receipt, a move) have a fold: the change made
// in memory. A run of them is applied here with one read of their lots and one write back, the
// same for one event (apply) as for thousands pulled in a page, so sync and the desk agree. A fold
// may come with rows of its own beside the lot's (a QC decision's): those are written after the
// lots, a run of them at once by their type's `alongside` (EventDefinition).

/** One event of a run: what it folds into which lot, and what it writes beside it. */
export interface Folding {
  lotId: string;
  fold(lot: Lot | undefined): Lot;
  alongside?: Alongside;
}

/** An event's rows beside its lot's: the writer of its type's run, and this event's part of it. */
export interface Alongside {
  write(trx: Trx, run: readonly unknown[]): Promise<void>;
  item: unknown;
}

// Spelled out in an UPDATE's list of values, a number is cast to its column's type (PostgreSQL
// reads a bare parameter there as text); text needs no cast.
const integers = new Set<string>([...lotStates, 'received_qty', 'qc_round']);
const valueOf = (column: keyof Lot, value: Lot[keyof Lot]) =>
  integers.has(column) ? sql`CAST(${value} AS INTEGER)` : column === 'received_weight_g' ? sql`CAST(${value} AS DOUBLE PRECISION)` : sql`${value}`;

/** Sets the columns that folds changed on lots already in the store: one UPDATE joined to a list of values (for one lot, a plain UPDATE). */
async function updateLots(trx: Trx, lots: Lot[], columns: (keyof Lot)[]): Promise<void> {
  if (lots.length === 1) {
    const [lot] = lots as [Lot];
    await trx.updateTable('lots').set(Object.fromEntries(columns.map((c) => [c, lot[c]]))).where('id', '=', lot.id).execute();
    return;
  }
  const rows = lots.map((lot) => sql`(${sql.join([sql`${lot.id}`, ...columns.map((c) => valueOf(c, lot[c]))])})`);
  const set = columns.map((c, i) => sql`${sql.ref(c)} = changed.${sql.raw(`column${i + 2}`)}`);
  await sql`UPDATE lots SET ${sql.join(set)} FROM (VALUES ${sql.join(rows)}) AS changed WHERE lots.id = changed.column1`.execute(trx);
}

/**
 * Writes lots as folded, a few hundred per statement: new ones inserted, and on those already in
 * the store only the columns a fold changed (a move leaves the lot's design, artisan and dates
 * alone, so their indexes are left alone too).
 */
async function writeLots(trx: Trx, lots: Lot[], before: ReadonlyMap<string, Lot>): Promise<void> {
  const fresh = lots.filter((lot) => !before.has(lot.id));
  // A lot holds about 25 columns: 400 rows stay within both databases' limit on parameters.
  for (const piece of chunks(fresh, 400)) await trx.insertInto('lots').values(piece).execute();
  const known = lots.filter((lot) => before.has(lot.id));
  for (const piece of chunks(known, 400)) {
    const changed = new Set<keyof Lot>();
    for (const lot of piece) {
      const was = before.get(lot.id)!;
      for (const column of Object.keys(lot) as (keyof Lot)[]) if (lot[column] !== was[column]) changed.add(column);
    }
    if (changed.size) await updateLots(trx, piece, [...changed]);
  }
}

/**
 * Applies a run of foldings in order: their lots read at once, each change made in memory on the
 * result of the one before, then every lot changed written back, then each type's rows beside its
 * lots, in the run's order. A fold that throws leaves the store as it was (nothing is written
 * before the last fold).
 */
export async function foldRun(trx: Trx, run: readonly Folding[]): Promise<void> {
  const before = new Map<string, Lot>();
  for (const ids of chunks([...new Set(run.map((f) => f.lotId))]))
    for (const lot of await trx.selectFrom('lots').selectAll().where('id', 'in', ids).execute()) before.set(lot.id, lot);
  const lots = new Map(before);
  const changed = new Set<string>();
  for (const folding of run) {
    lots.set(folding.lotId, folding.fold(lots.get(folding.lotId)));
    changed.add(folding.lotId);
  }
  await writeLots(trx, [...changed].map((id) => lots.get(id)!), before);
  const beside = new Map<Alongside['write'], unknown[]>();
  for (const { alongside } of run) {
    if (!alongside) continue;
    const items = beside.get(alongside.write) ?? [];
    items.push(alongside.item);
    beside.set(alongside.write, items);
  }
  for (const [write, items] of beside) await write(trx, items);
}

/** An event of a run as its type's `alongside` gets it. */
export interface Beside<P> {
  payload: P;
  envelope: EventEnvelope;
}

/** The Folding of one event: its fold, and its rows beside the lot's when its type has them. */
export function foldingOf<P>(
  definition: { fold?(lot: Lot | undefined, payload: P, envelope: EventEnvelope): Lot; alongside?(trx: Trx, run: readonly Beside<P>[]): Promise<void> },
  lotId: string,
  payload: P,
  envelope: EventEnvelope,
): Folding {
  const { fold, alongside } = definition;
  return {
    lotId,
    fold: (lot) => fold!(lot, payload, envelope),
    alongside: alongside && { write: alongside as Alongside['write'], item: { payload, envelope } satisfies Beside<P> },
  };
}

/** An event's apply through its fold: the desk's path for one event. */
export function applyFold<P>(fold: (lot: Lot | undefined, payload: P, envelope: EventEnvelope) => Lot, lotId: (payload: P) => string) {
  return (trx: Trx, payload: P, envelope: EventEnvelope) => foldRun(trx, [foldingOf({ fold }, lotId(payload), payload, envelope)]);
}
