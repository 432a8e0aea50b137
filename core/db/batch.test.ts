import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { tempStoreFile } from '../testing/tempStore';
import { insertRows } from './batch';
import { openStore, type Store } from './store';

// insertRows carries a page's rows to SQLite as one JSON text: what a reader gets back must be
// what was given, value for value and type for type, in the order given, as a multi-row VALUES
// would leave it. The oracle is the rows themselves, read back with SQLite's own typeof.

const awkward = ['plain', "it's \"quoted\"", 'back\\slash', 'line\nbreak\ttab', 'Kiswahili: ushanga ✓ 💍', '{"looks":"like json"}', '', ' ', '[1,2]', 'null', '5'];

function entries(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    id: `E-${String(i).padStart(5, '0')}`,
    inspection_id: awkward[i % awkward.length]!,
    piece: 1 + (i % 125),
    code: i % 3 ? null : awkward[(i + 3) % awkward.length]!,
    class: i % 3 ? null : ('major' as const),
    measure: i % 4 ? null : ('weight' as const),
    value: i % 4 ? null : [0.1 + 0.2, 12, 99_999.5, 1e-7][i % 16 >> 2]!,
    at: new Date(Date.UTC(2026, 11, 6, 0, 0, i)).toISOString(),
    user_id: `u-${i % 7}`,
  }));
}

/** Every row of qc_entries in the order SQLite holds them, each value with its storage type. */
async function readBack(store: Store) {
  const { rows } = await sql<Record<string, unknown>>`
    SELECT id, inspection_id, piece, code, class, measure, value, at, user_id, typeof(piece) AS tp, typeof(value) AS tv, typeof(code) AS tc
    FROM qc_entries ORDER BY rowid`.execute(store.db);
  return rows;
}

const asStored = (rows: ReturnType<typeof entries>) =>
  rows.map((r) => ({ ...r, tp: 'integer', tv: r.value === null ? 'null' : 'real', tc: r.code === null ? 'null' : 'text' }));

let store: Store | null = null;
afterEach(async () => {
  await store?.close();
  store = null;
});

describe('rows inserted as one JSON text a statement', () => {
  it('read back as given, in the order given, across more than one statement', async () => {
    store = await openStore(tempStoreFile());
    const rows = entries(4_500);
    await store.db.transaction().execute((trx) => insertRows(trx, 'qc_entries', rows));
    expect(await readBack(store)).toEqual(asStored(rows));
  });

  it('with skipExisting, leave a row whose id is there as it was and add the others; without it, add none of the statement', async () => {
    store = await openStore(tempStoreFile());
    const rows = entries(30);
    await store.db.transaction().execute((trx) => insertRows(trx, 'qc_entries', rows.slice(0, 10)));
    const again = rows.map((r, i) => (i < 10 ? { ...r, piece: 999 } : r));
    await store.db.transaction().execute((trx) => insertRows(trx, 'qc_entries', again, { skipExisting: true }));
    expect(await readBack(store)).toEqual(asStored(rows));

    const clash = [{ ...rows[0]!, id: 'E-new' }, rows[5]!];
    await expect(store.db.transaction().execute((trx) => insertRows(trx, 'qc_entries', clash))).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT' });
    expect(await readBack(store)).toEqual(asStored(rows));
  });
});
