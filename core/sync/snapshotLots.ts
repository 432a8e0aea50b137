import { sql } from 'kysely';
import type { Trx } from '../db/schema';

// Each lot as a snapshot had it (sync_snapshot_lots): where a recomputation starts until the lot's
// history has arrived (core/sync/lotScope.ts, the lot's base). With the row go the rows that go with it
// (ON DELETE CASCADE from lots: its bin, its pinned allocations, its pieces in boxes), which the
// events after the snapshot could not bring back; each table's rows under the key "~table".

const mark = '~';

/** Fills sync_snapshot_lots from the lots and the rows that go with them, as this store holds them now. */
export async function keepSnapshotLots(trx: Trx): Promise<void> {
  const columns = async (table: string) => (await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table}, 'main')`.execute(trx)).rows.map((r) => r.name);
  const json = (names: string[], alias: string) => `json_object(${names.map((c) => `'${c}', ${alias}."${c}"`).join(', ')})`;
  await trx.deleteFrom('sync_snapshot_lots').execute();
  await sql.raw(`INSERT INTO sync_snapshot_lots (id, row) SELECT id, ${json(await columns('lots'), 'l')} FROM main.lots l`).execute(trx);
  const { rows: children } = await sql<{ tbl: string; col: string }>`
    SELECT m.name AS tbl, f."from" AS col FROM main.sqlite_schema m, pragma_foreign_key_list(m.name, 'main') f
    WHERE m.type = 'table' AND f."table" = 'lots' AND f.on_delete = 'CASCADE'`.execute(trx);
  for (const { tbl, col } of children)
    await sql
      .raw(
        `UPDATE sync_snapshot_lots SET row = json_set(row, '$."${mark}${tbl}"', json((SELECT json_group_array(${json(await columns(tbl), 'c')}) FROM main."${tbl}" c WHERE c."${col}" = sync_snapshot_lots.id)))
         WHERE id IN (SELECT "${col}" FROM main."${tbl}")`,
      )
      .execute(trx);
}

/** A lot as the snapshot had it: its row, and the rows that went with it, table by table. */
export function snapshotLot(stored: string): { lot: Record<string, unknown>; rows: [string, Record<string, unknown>[]][] } {
  const lot: Record<string, unknown> = {};
  const rows: [string, Record<string, unknown>[]][] = [];
  for (const [key, value] of Object.entries(JSON.parse(stored) as Record<string, unknown>)) {
    if (key.startsWith(mark)) rows.push([key.slice(mark.length), value as Record<string, unknown>[]]);
    else lot[key] = value;
  }
  return { lot, rows };
}
