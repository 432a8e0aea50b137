import type { Lot, Trx } from '../db/schema';
import type { EventEnvelope } from './define';
import { chunks } from '../db/batch';

// Events that change nothing but their lot's row (a receipt, a move) have a fold: the change made
// in memory. A run of them is applied here with one read of their lots and one write back, the
// same for one event (apply) as for thousands pulled in a page, so sync and the desk agree.

/** One event of a run: what it folds into which lot. */
export interface Folding {
  lotId: string;
  fold(lot: Lot | undefined): Lot;
}

/**
 * Writes lots as folded: new ones inserted, known ones updated, a few hundred per statement. An
 * update sets only the columns a fold changed (a move leaves the lot's indexed design, artisan and
 * dates alone, so SQLite leaves their indexes alone too).
 */
async function writeLots(trx: Trx, lots: Lot[], before: ReadonlyMap<string, Lot>): Promise<void> {
  // A lot holds about 25 columns: 400 rows stay within both databases' limit on parameters.
  for (const piece of chunks(lots, 400)) {
    const changed = new Set<keyof Lot>();
    for (const lot of piece) {
      const was = before.get(lot.id);
      if (was) for (const column of Object.keys(lot) as (keyof Lot)[]) if (lot[column] !== was[column]) changed.add(column);
    }
    const insert = trx.insertInto('lots').values(piece);
    await (changed.size ? insert.onConflict((oc) => oc.column('id').doUpdateSet((eb) => Object.fromEntries([...changed].map((c) => [c, eb.ref(`excluded.${c}`)])))) : insert).execute();
  }
}

/**
 * Applies a run of foldings in order: their lots read at once, each change made in memory on the
 * result of the one before, then every lot changed written back. A fold that throws leaves the
 * store as it was (nothing is written before the last fold).
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
}

/** An event's apply through its fold: the desk's path for one event. */
export function applyFold<P>(fold: (lot: Lot | undefined, payload: P, envelope: EventEnvelope) => Lot, lotId: (payload: P) => string) {
  return (trx: Trx, payload: P, envelope: EventEnvelope) => foldRun(trx, [{ lotId: lotId(payload), fold: (lot) => fold(lot, payload, envelope) }]);
}
