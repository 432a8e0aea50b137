import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Trx } from '../db/schema';
import { openStore, type Store } from '../db/store';
import { eventCatalog } from '../events/catalog';
import { readPayload } from '../events/payload';
import { features } from '../features';
import { createStation } from '../station/service';
import { tempStoreFile } from '../testing/tempStore';
import { rowsNow, takeWrites, watchWrites, type Write } from '../testing/writes';
import { applyStored } from './apply';
import type { WireEvent } from './protocol';
import { ownedWhere, type OwnedRows, type Scope } from './scope';
import { ownedRows, rebuildScope, scopeName, scopeOf } from './scopes';
import { snapshotTables } from './snapshotTables';
import { applyPulledPage } from './store';

// Every write an event's apply makes, and every row a rebuild leaves, seen by triggers on every
// table (core/testing/writes.ts), against what the features declare (`owns`, `derived`): a scope's
// event writes only rows its scope owns; a setting or reference fact (no scope: the last one
// stands) writes no row any scope owns; a station's own fact writes only its own tables; and a
// rebuild leaves no owned row its replay did not write. The log is a real store's, with every
// event type (core/events/fixtures/current.json).

const log = JSON.parse(readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../events/fixtures/current.json'), 'utf8')) as WireEvent[];
const kinds = ['lot', 'box', 'batch', 'plan'];
const derived = features.flatMap((f) => f.derived ?? []);
const isDerived = (w: Write) => derived.includes(w.table) || (w.op === 'update' && w.changed.every((c) => derived.includes(`${w.table}.${c}`)));

async function freshStore(): Promise<Store> {
  const store = await openStore(tempStoreFile());
  await store.db.transaction().execute((trx) => createStation(trx, { code: log[0]!.station, name: 'Restored', demo: false, at: log[0]!.at }));
  return store;
}

/** Whether a row (as a write shows it) is among the rows this part of a scope owns: the part's condition, asked of the row itself. */
async function holds(trx: Trx, part: OwnedRows, key: string, row: Record<string, unknown>): Promise<boolean> {
  const columns = Object.keys(row).map((c) => sql`json_extract(${JSON.stringify(row)}, ${`$."${c}"`}) AS ${sql.ref(c)}`);
  const { rows } = await sql`WITH ${sql.table(part.table)} AS (SELECT ${sql.join(columns)}) SELECT 1 FROM ${sql.table(part.table)} WHERE ${ownedWhere(part, key)}`.execute(trx);
  return rows.length > 0;
}

/** Whether a part covers what the write changed: a whole row, a row the scope makes, or only owned columns changed. */
const covers = (part: OwnedRows, w: Write) =>
  part.table === w.table && (!part.columns || (w.op === 'insert' && !!part.make) || (w.op === 'update' && w.changed.every((c) => c in part.columns!)));

/** What is wrong with one write of an event's apply, or null. */
async function misplaced(trx: Trx, w: Write, scope: Scope | undefined, ownStationOnly: boolean, own: ReadonlySet<string>): Promise<string | null> {
  if (ownStationOnly) return own.has(w.table) ? null : `a station's own fact wrote ${w.table}, which travels`;
  if (isDerived(w)) return null;
  if (scope) {
    for (const part of ownedRows(scope.kind)) if (covers(part, w) && (await holds(trx, part, scope.key, w.row))) return null;
    return `${w.op} of ${w.table}${w.changed.length ? ` (${w.changed.join(', ')})` : ''}, not owned by ${scopeName(scope)}`;
  }
  for (const kind of kinds)
    for (const part of ownedRows(kind).filter((p) => p.table === w.table)) {
      const touched = !part.columns || (w.op === 'update' ? w.changed.some((c) => c in part.columns!) : w.op === 'insert' && Object.entries(part.columns).some(([c, v]) => w.row[c] !== v));
      if (touched) return `${w.op} of ${w.table} by a fact of no scope, where the ${kind} owns it`;
    }
  return null;
}

describe("every event's writes", () => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore();
    await watchWrites(store.db);
  });
  afterAll(() => store.close());

  it('land in rows its scope owns, or in settings, or in its own station tables', async () => {
    const own = new Set((await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(store.db)).rows.map((r) => r.name));
    for (const table of await snapshotTables(store.db)) own.delete(table);
    await takeWrites(store.db);
    const wrong = new Set<string>();
    const written = new Set<string>();
    await store.db.transaction().execute(async (trx) => {
      for (const e of log) {
        const definition = eventCatalog.get(e.type)!;
        const payload = readPayload(definition, e.payload)!.payload;
        const scope = scopeOf({ lot_id: definition.lotId(payload), type: e.type, payload });
        await applyStored(trx, { id: e.id, station: e.station, seq: e.seq, type: e.type, lot_id: e.lotId, payload: JSON.stringify(e.payload), user_id: e.userId, at: e.at }, log[0]!.station);
        for (const w of await takeWrites(trx)) {
          written.add(w.table);
          const problem = await misplaced(trx, w, scope, !!definition.ownStationOnly, own);
          if (problem) wrong.add(`${e.type}: ${problem}`);
        }
      }
    });
    expect([...wrong]).toEqual([]);
    // The log reaches every table a scope owns, so that none of them is checked by nothing.
    const owned = new Set(kinds.flatMap((kind) => ownedRows(kind).map((p) => p.table)));
    expect([...owned].filter((table) => !written.has(table))).toEqual([]);
  });
});

describe('a rebuild', () => {
  let store: Store;
  let before: Map<string, string[]>;
  const scopes: Scope[] = [];

  /** Every row of every table a snapshot carries. */
  async function facts(trx: Trx | Store['db']): Promise<Map<string, string[]>> {
    const all = new Map<string, string[]>();
    for (const table of await snapshotTables(trx)) all.set(table, (await rowsNow(trx, table, sql`1`)).sort());
    return all;
  }

  beforeAll(async () => {
    store = await freshStore();
    const pulled = log.map((event, i) => ({ ...event, upstreamSeq: i + 1 }));
    for (let from = 0; from < pulled.length; from += 500) {
      const page = pulled.slice(from, from + 500);
      await applyPulledPage(store.db, page, page.at(-1)!.upstreamSeq, '2026-12-02T00:00:00.000Z');
    }
    await watchWrites(store.db);
    const ids = async (table: 'lots' | 'boxes' | 'plating_batches') => (await store.db.selectFrom(table).select('id').orderBy('id').execute()).map((r) => r.id);
    scopes.push(...(await ids('lots')).map((key) => ({ kind: 'lot', key })));
    scopes.push(...(await ids('boxes')).map((key) => ({ kind: 'box', key })));
    scopes.push(...(await ids('plating_batches')).map((key) => ({ kind: 'batch', key })), { kind: 'plan', key: '' });
    before = await facts(store.db);
  });
  afterAll(() => store.close());

  it('of every lot, box, batch and the plan leaves no owned row its replay did not write, and changes nothing of a store in step', async () => {
    expect(scopes.filter((s) => s.kind === 'box').length).toBeGreaterThan(0);
    const leftOver: string[] = [];
    await store.db.transaction().execute(async (trx) => {
      for (const scope of scopes) {
        await takeWrites(trx);
        expect(await rebuildScope(trx, scope, log[0]!.station), scopeName(scope)).toEqual([]);
        const wrote = new Set((await takeWrites(trx)).filter((w) => w.op !== 'delete').map((w) => JSON.stringify(w.row)));
        for (const part of ownedRows(scope.kind))
          for (const row of await rowsNow(trx, part.table, ownedWhere(part, scope.key))) {
            const parsed = JSON.parse(row) as Record<string, unknown>;
            const asReset = part.columns && Object.entries(part.columns).every(([c, v]) => parsed[c] === v);
            if (!wrote.has(JSON.stringify(parsed)) && !asReset) leftOver.push(`${scopeName(scope)}: ${part.table} ${row.slice(0, 120)}`);
          }
      }
      expect(leftOver).toEqual([]);
      expect(await facts(trx)).toEqual(before);
    });
  });

  it('removes what a left-out event left behind: an entry, a reading, a box override, a planned batch', async () => {
    const inspection = await store.db.selectFrom('qc_inspections').select(['id', 'lot_id']).orderBy('id').executeTakeFirstOrThrow();
    const batch = await store.db.selectFrom('plating_batches').select('id').where('state', '!=', 'planned').orderBy('id').executeTakeFirstOrThrow();
    const box = await store.db.selectFrom('boxes').select('id').orderBy('id').executeTakeFirstOrThrow();
    const at = '2026-12-01T10:00:00.000Z';
    await store.db.transaction().execute(async (trx) => {
      await trx.insertInto('qc_entries').values({ id: 'QE-STALE', inspection_id: inspection.id, piece: 1, code: 'SCR', class: 'minor', measure: null, value: null, at, user_id: 'U-1', removed: 0 }).execute();
      await trx.insertInto('plating_readings').values({ id: 'PR-STALE', batch_id: batch.id, kind: 'bath', temperature_c: 99, current_a: 1, minutes: 1, sample: null, thickness_um: null, at, by: 'U-1' }).execute();
      await trx.updateTable('boxes').set({ override_reason: 'left over', override_by: 'U-1', override_at: at }).where('id', '=', box.id).execute();
      await trx.insertInto('plating_batches').values({ id: 'PB-STALE', line_id: 'L1', finish: 'gold', start_at: at, end_at: at, locked: 0, expected_metal_g: 1 }).execute();
    });
    await store.db.transaction().execute(async (trx) => {
      for (const scope of [{ kind: 'lot', key: inspection.lot_id }, { kind: 'batch', key: batch.id }, { kind: 'box', key: box.id }, { kind: 'plan', key: '' }])
        await rebuildScope(trx, scope, log[0]!.station);
    });
    expect(await facts(store.db)).toEqual(before);
  });
});
