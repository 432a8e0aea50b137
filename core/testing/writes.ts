import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db, Trx } from '../db/schema';

// Every row write a piece of code makes to the store, seen by triggers a test puts on every table:
// the test's own eyes on what an apply or a rebuild touched, whatever path it took (a fold, an
// append, a cascade, raw SQL).

/** One row written: its table, what was done, the row (after; before, for a delete) and, for an update, the columns that changed. */
export interface Write {
  table: string;
  op: 'insert' | 'update' | 'delete';
  row: Record<string, unknown>;
  changed: string[];
}

/** The log, the sync books and the store's own bookkeeping: not facts an event builds. */
const unwatched = /^(events|sync_|upstream_|sqlite_|written$)/;

async function columnsOf(db: Db | Trx, table: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`.execute(db);
  return rows.map((c) => c.name);
}

const quoted = (name: string) => `"${name}"`;
/** A row as JSON, a blob as its hex (JSON holds no blobs). */
const rowJson = (columns: string[], of: string) =>
  `json_object(${columns.map((c) => `'${c}', CASE WHEN typeof(${of}.${quoted(c)}) = 'blob' THEN hex(${of}.${quoted(c)}) ELSE ${of}.${quoted(c)} END`).join(', ')})`;
const changedJson = (columns: string[]) =>
  `(SELECT json_group_array(name) FROM (${columns.map((c) => `SELECT '${c}' AS name WHERE OLD.${quoted(c)} IS NOT NEW.${quoted(c)}`).join(' UNION ALL ')}))`;

/**
 * Puts a trigger on every table of the store's facts (temporary: this connection only, the file is
 * never changed) writing each insert, update and delete to a temporary table `written`.
 */
export async function watchWrites(db: Db): Promise<void> {
  await sql`CREATE TEMP TABLE written (n INTEGER PRIMARY KEY, tbl TEXT, op TEXT, row TEXT, changed TEXT)`.execute(db);
  const { rows } = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(db);
  for (const { name } of rows.filter((t) => !unwatched.test(t.name))) {
    const columns = await columnsOf(db, name);
    const trigger = (op: string, body: string) => sql.raw(`CREATE TEMP TRIGGER "written_${name}_${op}" AFTER ${op.toUpperCase()} ON main."${name}" BEGIN ${body}; END`);
    await trigger('insert', `INSERT INTO written (tbl, op, row, changed) VALUES ('${name}', 'insert', ${rowJson(columns, 'NEW')}, '[]')`).execute(db);
    await trigger('update', `INSERT INTO written (tbl, op, row, changed) VALUES ('${name}', 'update', ${rowJson(columns, 'NEW')}, ${changedJson(columns)})`).execute(db);
    await trigger('delete', `INSERT INTO written (tbl, op, row, changed) VALUES ('${name}', 'delete', ${rowJson(columns, 'OLD')}, '[]')`).execute(db);
  }
}

/** The rows of a table matching a condition now, each as the JSON a write of it shows (`Write.row`). */
export async function rowsNow(db: Db | Trx, table: string, where: RawBuilder<SqlBool>): Promise<string[]> {
  const columns = await columnsOf(db, table);
  const { rows } = await sql<{ row: string }>`SELECT ${sql.raw(rowJson(columns, table))} AS row FROM ${sql.table(table)} WHERE ${where}`.execute(db);
  return rows.map((r) => r.row);
}

/** The writes seen since the last call, in the order they were made (an update that changed nothing is left out). */
export async function takeWrites(db: Db | Trx): Promise<Write[]> {
  const { rows } = await sql<{ tbl: string; op: Write['op']; row: string; changed: string }>`SELECT tbl, op, row, changed FROM temp.written ORDER BY n`.execute(db);
  await sql`DELETE FROM temp.written`.execute(db);
  return rows
    .map((w) => ({ table: w.tbl, op: w.op, row: JSON.parse(w.row) as Record<string, unknown>, changed: JSON.parse(w.changed) as string[] }))
    .filter((w) => w.op !== 'update' || w.changed.length > 0);
}
