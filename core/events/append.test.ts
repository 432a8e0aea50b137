import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import type { Db } from '../db/schema';
import { openStore } from '../db/store';
import { simulateDay } from '../simulate/simulate';
import { applyInOrder, applyStored, attempt } from '../sync/apply';
import { demoStoreFile } from '../testing/tempStore';

// Append-only facts (inspections' starts, QC entries, photos, metal weighings) written a few hundred rows a statement
// by applyInOrder, checked against an oracle of their own: each row as its event's meaning says
// (the mapping below, written from the events, not from their definitions), and every table the
// same as the page applied one event at a time.

type Row = { id: string; station: string; seq: number; type: string; lot_id: string | null; payload: string; user_id: string; at: string };
type Payload = Record<string, unknown> & { entryId?: string; outOfTolerance?: { code: string; class: string } | null };

/** A QC entry as the event that logged it says: a piece judged good, a defect, or a reading. */
function entryOf(row: Row) {
  const p = JSON.parse(row.payload) as Payload;
  const code = row.type === 'qc.defectLogged' ? p.code : row.type === 'qc.measured' ? (p.outOfTolerance?.code ?? null) : null;
  const defectClass = row.type === 'qc.defectLogged' ? p.class : row.type === 'qc.measured' ? (p.outOfTolerance?.class ?? null) : null;
  const reading = row.type === 'qc.measured';
  return { id: p.entryId, inspection_id: p.inspectionId, piece: p.piece, code, class: defectClass, measure: reading ? p.measure : null, value: reading ? p.value : null, at: row.at, user_id: row.user_id };
}

const entryTypes = ['qc.defectLogged', 'qc.measured', 'qc.pieceGood'];

/** An inspection as the event that started it says: its lot, round and plan, who started it where and when. */
function inspectionOf(row: Row) {
  const p = JSON.parse(row.payload) as { inspectionId: string; lotId: string; round: number; plan: { lotSize: number; mode: string } };
  return { id: p.inspectionId, lot_id: p.lotId, round: p.round, lot_size: p.plan.lotSize, mode: p.plan.mode, plan: p.plan, started_at: row.at, started_by: row.user_id, station: row.station };
}

/**
 * A day at one desk (receipts, moves, QC with its entries, plating, packing), with a page's worth
 * of extra facts from another station placed among them: 500 metal weighings, readings, and an
 * entry taken back right after it was logged (the take-back must find its entry written).
 */
async function dayPage(): Promise<Row[]> {
  const desk = await openStore(await demoStoreFile());
  const { last } = await desk.db.selectFrom('events').select((eb) => eb.fn.max('seq').as('last')).executeTakeFirstOrThrow();
  await simulateDay(desk.db, 300, 11);
  const made = await desk.db.selectFrom('events').select(['id', 'station', 'seq', 'type', 'lot_id', 'payload', 'user_id', 'at']).where('seq', '>', Number(last)).orderBy('seq').execute();
  const lots = await desk.db.selectFrom('lots').select('id').orderBy('id').limit(50).execute();
  const user = await desk.db.selectFrom('users').select('id').where('username', '=', 'grace').executeTakeFirstOrThrow();
  await desk.close();

  let seq = 0;
  const other = (type: string, lotId: string | null, payload: object): Row => ({ id: uuidv7(), station: 'Q9', seq: ++seq, type, lot_id: lotId, payload: JSON.stringify(payload), user_id: user.id, at: new Date().toISOString() });
  const rows: Row[] = [];
  let takenBack = false;
  for (const [i, row] of made.entries()) {
    rows.push(row);
    if (!takenBack && row.type === 'qc.pieceGood' && i > made.length / 2) {
      const p = JSON.parse(row.payload) as Payload;
      rows.push(other('qc.entryRemoved', row.lot_id, { inspectionId: p.inspectionId, lotId: p.lotId, entryId: p.entryId }));
      takenBack = true;
    }
    if (i % Math.ceil(made.length / 500) === 0) {
      const lotId = lots[i % lots.length]!.id;
      rows.push(other('metal.weighed', lotId, { weighingId: uuidv7(), lotId, batchId: null, step: 'refining', direction: i % 2 ? 'in' : 'out', pieces: 1 + (i % 7), grams: 1 + (i % 13) / 4 }));
    }
  }
  return rows;
}

/** The page's events stored, then applied: all at once, or one by one as before. */
async function applied(file: string, rows: Row[], how: 'inOrder' | 'oneByOne'): Promise<Db> {
  const store = await openStore(file);
  const own = (await store.db.selectFrom('station').select('code').executeTakeFirstOrThrow()).code;
  await store.db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 200) await trx.insertInto('events').values(rows.slice(i, i + 200).map((r) => ({ ...r, upstream_seq: null, local: 0 }))).execute();
    if (how === 'inOrder') expect(await applyInOrder(trx, rows, own)).toEqual([]);
    else for (const row of rows) expect(await applyStored(trx, row, own)).toBe('applied');
  });
  return store.db;
}

const tableNames = async (db: Db) =>
  (await sql<{ name: string }>`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`.execute(db)).rows.map((r) => r.name);
const tableRows = async (db: Db, table: string) => (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(db)).rows.map((r) => JSON.stringify(r)).sort();

describe('append-only facts applied in multi-row statements', () => {
  it("write each inspection's start, QC entry, take-back and weighing as its event says, and leave every table as one-by-one application does", async () => {
    const rows = await dayPage();
    const entries = rows.filter((r) => entryTypes.includes(r.type));
    const weighings = rows.filter((r) => r.type === 'metal.weighed');
    // More than one statement's worth of each (4,000 parameters: 444 rows of 9 columns).
    expect(entries.length).toBeGreaterThan(900);
    expect(weighings.length).toBeGreaterThan(450);

    const fast = await applied(await demoStoreFile(), rows, 'inOrder');
    const written = await fast.selectFrom('qc_entries').select(['id', 'inspection_id', 'piece', 'code', 'class', 'measure', 'value', 'at', 'user_id', 'removed']).where('id', 'in', entries.map((r) => entryOf(r).id!)).orderBy('id').execute();
    const takenBack = rows.filter((r) => r.type === 'qc.entryRemoved').map((r) => (JSON.parse(r.payload) as Payload).entryId);
    expect(takenBack).toHaveLength(1);
    const expected = entries.map((r) => ({ ...entryOf(r), removed: takenBack.includes(entryOf(r).id) ? 1 : 0 })).sort((a, b) => a.id!.localeCompare(b.id!));
    expect(written).toEqual(expected);

    const starts = rows.filter((r) => r.type === 'qc.inspectionStarted');
    expect(starts.length).toBeGreaterThan(5);
    const inspections = await fast.selectFrom('qc_inspections').selectAll().where('id', 'in', starts.map((r) => inspectionOf(r).id)).execute();
    expect(inspections.map((i) => ({ ...i, plan: JSON.parse(i.plan) as unknown }))).toEqual(expect.arrayContaining(starts.map(inspectionOf)));
    expect(inspections).toHaveLength(starts.length);

    const weighed = await fast.selectFrom('metal_weighings').select(['id', 'lot_id', 'pieces', 'grams', 'by']).where('id', 'in', weighings.map((r) => (JSON.parse(r.payload) as Payload).weighingId as string)).execute();
    expect(weighed).toHaveLength(weighings.length);
    for (const row of weighings) {
      const p = JSON.parse(row.payload) as Payload;
      expect(weighed).toContainEqual({ id: p.weighingId, lot_id: p.lotId, pieces: p.pieces, grams: p.grams, by: row.user_id });
    }

    const oneByOne = await applied(await demoStoreFile(), rows, 'oneByOne');
    for (const table of await tableNames(fast)) expect({ table, rows: await tableRows(fast, table) }).toEqual({ table, rows: await tableRows(oneByOne, table) });
  });

  it('a run cut by a failing row leaves none of the page behind (a fault placed on the 600th entry)', async () => {
    const rows = await dayPage();
    const store = await openStore(await demoStoreFile());
    const own = (await store.db.selectFrom('station').select('code').executeTakeFirstOrThrow()).code;
    const victim = entryOf(rows.filter((r) => entryTypes.includes(r.type))[600]!).id!;
    await sql.raw(`CREATE TRIGGER placed_fault BEFORE INSERT ON qc_entries WHEN NEW.id = '${victim}' BEGIN SELECT RAISE(ABORT, 'placed fault'); END`).execute(store.db);
    const before = { entries: await tableRows(store.db, 'qc_entries'), lots: await tableRows(store.db, 'lots'), weighings: await tableRows(store.db, 'metal_weighings') };
    const error = await store.db.transaction().execute((trx) => attempt(trx, async () => void (await applyInOrder(trx, rows, own))));
    expect(error?.code).toBe('sync.constraint');
    expect({ entries: await tableRows(store.db, 'qc_entries'), lots: await tableRows(store.db, 'lots'), weighings: await tableRows(store.db, 'metal_weighings') }).toEqual(before);
    await store.close();
  });
});
