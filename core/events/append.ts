import type { Insertable } from 'kysely';
import { insertRows } from '../db/batch';
import type { DB, Trx } from '../db/schema';
import type { EventEnvelope } from './define';

// Append-only facts (an inspection's start, a QC entry, a photo, a metal weighing): the whole
// projection is one new row, kept once by its id, that nothing else reads while a page is applied.
// A run of them is written a few thousand rows a statement (core/sync/apply.ts, insertRows); the
// desk's apply writes the same row through the same function (applyAppend), so sync and the desk
// cannot disagree.

/** The tables append-only facts write, each keyed by its `id`. */
export type AppendTable = 'qc_inspections' | 'qc_entries' | 'qc_photos' | 'metal_weighings';

/** One fact's new row, and its table. */
export type Appending = { [T in AppendTable]: { table: T; row: Insertable<DB[T]> } }[AppendTable];

/** Writes a run of appended rows, each table's in the run's order, a row whose id is already there left as it is. */
export async function appendRun(trx: Trx, run: readonly Appending[]): Promise<void> {
  const byTable = new Map<AppendTable, Appending['row'][]>();
  for (const { table, row } of run) {
    const rows = byTable.get(table) ?? [];
    rows.push(row);
    byTable.set(table, rows);
  }
  for (const [table, rows] of byTable) await insertRows(trx, table, rows as never, { skipExisting: true });
}

/** An event's apply through its append: the desk's path for one event. */
export function applyAppend<P>(append: (payload: P, envelope: EventEnvelope) => Appending) {
  return (trx: Trx, payload: P, envelope: EventEnvelope) => appendRun(trx, [append(payload, envelope)]);
}
