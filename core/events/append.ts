import type { Insertable } from 'kysely';
import { chunks } from '../db/batch';
import type { DB, Trx } from '../db/schema';
import type { EventEnvelope } from './define';

// Append-only facts (a QC entry, a photo, a metal weighing): the whole projection is one new row,
// kept once by its id, that nothing else reads while a page is applied. A run of them is written a
// few hundred rows a statement (core/sync/apply.ts); the desk's apply writes the same row through
// the same function (applyAppend), so sync and the desk cannot disagree.

/** The tables append-only facts write, each keyed by its `id`. */
export type AppendTable = 'qc_entries' | 'qc_photos' | 'metal_weighings';

/** One fact's new row, and its table. */
export type Appending = { [T in AppendTable]: { table: T; row: Insertable<DB[T]> } }[AppendTable];

/** Parameters per statement: well within SQLite's 32,766 and PostgreSQL's 65,535. */
const parametersPerStatement = 4_000;

/** Writes a run of appended rows, each table's in the run's order, a row whose id is already there left as it is. */
export async function appendRun(trx: Trx, run: readonly Appending[]): Promise<void> {
  const byTable = new Map<AppendTable, Appending['row'][]>();
  for (const { table, row } of run) {
    const rows = byTable.get(table) ?? [];
    rows.push(row);
    byTable.set(table, rows);
  }
  for (const [table, rows] of byTable) {
    const size = Math.max(1, Math.floor(parametersPerStatement / Object.keys(rows[0]!).length));
    for (const piece of chunks(rows, size))
      await trx
        .insertInto(table)
        .values(piece as never)
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
  }
}

/** An event's apply through its append: the desk's path for one event. */
export function applyAppend<P>(append: (payload: P, envelope: EventEnvelope) => Appending) {
  return (trx: Trx, payload: P, envelope: EventEnvelope) => appendRun(trx, [append(payload, envelope)]);
}
