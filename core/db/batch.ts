import { type Insertable, sql } from 'kysely';
import type { DB, Trx } from './schema';

// Helpers for the sync paths that work a batch at a time instead of an event at a time.

/** Splits a list into pieces of at most `size`, so one statement stays within the database's limit on parameters. */
export function chunks<T>(items: readonly T[], size = 500): T[][] {
  const pieces: T[][] = [];
  for (let i = 0; i < items.length; i += size) pieces.push(items.slice(i, i + size));
  return pieces;
}

/** Whether a list holds the same key twice. */
export function repeats<T>(items: readonly T[], key: (item: T) => string): boolean {
  return new Set(items.map(key)).size !== items.length;
}

/** Rows of one shape for one table: every row names the same columns. */
type RowsOf<T extends keyof DB> = readonly Insertable<DB[T]>[];

/** Whether the database behind a query is SQLite (its parameters are `?`; PostgreSQL's are `$1`). */
const onSqlite = (db: Trx) => sql`${0}`.compile(db).sql === '?';

/**
 * Inserts rows, a few thousand a statement; with `skipExisting`, a row whose id is there already
 * is left as it is. On SQLite the rows travel as one JSON parameter that json_each unpacks:
 * binding every value of a multi-row VALUES, and building it in Kysely, cost the sync paths more
 * than SQLite's own work (about a third less CPU for a page of events). A value reads back as it
 * was given: text as text, a number as a number, null as null.
 */
export async function insertRows<T extends keyof DB & string>(trx: Trx, table: T, rows: RowsOf<T>, options: { skipExisting?: boolean } = {}): Promise<void> {
  if (!rows.length) return;
  if (!onSqlite(trx)) {
    const size = Math.max(1, Math.floor(4_000 / Object.keys(rows[0]!).length));
    for (const piece of chunks(rows, size)) {
      const insert = trx.insertInto(table).values(piece as never);
      await (options.skipExisting ? insert.onConflict((oc) => oc.column('id' as never).doNothing()) : insert).execute();
    }
    return;
  }
  const columns = Object.keys(rows[0]!);
  const names = sql.join(columns.map((c) => sql.ref(c)));
  const values = sql.join(columns.map((c) => sql`value ->> ${sql.lit(c)}`));
  // In the rows' order (an event's rowid is its order here); SQLite reads ON CONFLICT after a SELECT only behind a WHERE.
  const conflict = options.skipExisting ? sql`ON CONFLICT (id) DO NOTHING` : sql``;
  for (const piece of chunks(rows, 2_000))
    await sql`INSERT INTO ${sql.table(table)} (${names}) SELECT ${values} FROM json_each(${JSON.stringify(piece)}) WHERE true ORDER BY key ${conflict}`.execute(trx);
}
