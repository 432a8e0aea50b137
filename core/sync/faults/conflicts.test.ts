import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bus } from '../../app/bus';
import { createContext, type Ctx } from '../../app/context';
import type { Db, LotState } from '../../db/schema';
import { moveLot, receiveLot } from '../../lots/service';
import { simulateDay } from '../../simulate/simulate';
import { tempDir } from '../../testing/tempStore';
import { syncSummary } from '../status';
import { killAll } from './harness';
import { Site } from './site';
import { failingSync, pending, sync, syncState, syncUntilQuiet, withStore } from './stations';

// What the stations did while apart meets at the upstream: a refused event in the middle of a
// batch, two stations offline on the same lots, a station whose clock is hours off, and events
// of a type this station's version does not know yet. Stations run in this process against a
// real upstream process.

let site: Site;
beforeAll(async () => {
  site = await Site.open(tempDir());
});
afterAll(async () => {
  try {
    await site?.close();
  } finally {
    await killAll();
  }
});

/** Acts at a station as its first supervisor (who may receive and move pieces), as the screens would (one transaction per action). */
function act<T>(file: string, work: (ctx: Ctx, db: Db) => Promise<T>, now: () => Date = () => new Date()): Promise<T> {
  return withStore(file, async (db) => {
    const user = await db.selectFrom('users').select('id').where('disabled', '=', 0).where('roles', 'like', '%"supervisor"%').orderBy('username').executeTakeFirstOrThrow();
    return work(createContext({ db, bus: new Bus(), now, statusChanged: () => undefined }, null, user.id), db);
  });
}

async function receive(ctx: Ctx, db: Db, quantity: number): Promise<string> {
  const design = await db.selectFrom('designs').select(['sku', 'finishes']).orderBy('sku').executeTakeFirstOrThrow();
  const artisan = await db.selectFrom('artisans').select('id').orderBy('id').executeTakeFirstOrThrow();
  return receiveLot(ctx, {
    designSku: design.sku,
    artisanId: artisan.id,
    finish: (JSON.parse(design.finishes) as string[])[0]!,
    deliveryCode: null,
    quantity,
    weightG: null,
    state: 'in_qc',
  });
}

const move = (lotId: string, from: LotState, to: LotState, quantity: number) => (ctx: Ctx) => moveLot(ctx, { lotId, from, to, quantity, reason: null });
const lot = (file: string, id: string) => withStore(file, (db) => db.selectFrom('lots').selectAll().where('id', '=', id).executeTakeFirstOrThrow());

describe('a refused event in the middle of a batch (scenario 5)', () => {
  it('the events after it still go up, the refused one is listed with its reason, the lot still balances, and it is not retried', async () => {
    const a = await site.station('reject-a');
    const b = await site.station('reject-b');
    const shared = await act(a.file, (ctx, db) => receive(ctx, db, 50));
    await sync(a.file);
    await sync(b.file);

    // B, offline: a receipt, a move of the shared lot, a move of its own new lot: one batch of three.
    const own = await act(b.file, (ctx, db) => receive(ctx, db, 20));
    await act(b.file, move(shared, 'in_qc', 'refining', 30));
    await act(b.file, move(own, 'in_qc', 'refining', 5));
    // Meanwhile A sent every piece of the shared lot to quarantine, and synced first.
    await act(a.file, move(shared, 'in_qc', 'quarantine', 50));
    await sync(a.file);

    const report = await sync(b.file);
    expect(report).toMatchObject({ pushed: 2, rejected: 1 });
    const attention = await withStore(b.file, (db) =>
      db.selectFrom('sync_attention').innerJoin('events', 'events.id', 'sync_attention.event_id').select(['kind', 'reason', 'params', 'current', 'lot_id', 'type', 'status']).execute(),
    );
    expect(attention).toHaveLength(1);
    expect(attention[0]).toMatchObject({ kind: 'rejected', reason: 'lot.notEnough', lot_id: shared, type: 'lot.moved', status: 'rejected' });
    expect(JSON.parse(attention[0]!.params)).toMatchObject({ lot: shared, state: 'in_qc', available: 0, quantity: 30 });
    expect(JSON.parse(attention[0]!.current!)).toMatchObject({ id: shared, in_qc: 0, quarantine: 50 });
    // The refused move is undone here: the lot is as the upstream has it.
    expect(await lot(b.file, shared)).toMatchObject({ received_qty: 50, in_qc: 0, quarantine: 50, refining: 0 });
    // The event after it in the batch went through.
    expect(await lot(site.upstreamFile, own)).toMatchObject({ received_qty: 20, in_qc: 15, refining: 5 });
    expect((await withStore(b.file, (db) => syncSummary(db, null))).attention).toBe(1);

    // No retry loop: the next round has nothing to send.
    expect(await sync(b.file)).toMatchObject({ pushed: 0, rejected: 0 });
    await syncUntilQuiet([a.file, b.file]);
    expect((await site.check([a.file, b.file])).problems).toEqual([]);
  });
});

describe('two stations offline acting on the same lots (scenario 6)', () => {
  it('converge once back, every lot balances everywhere, and what the upstream refused is listed where it was made', async () => {
    const a = await site.station('offline-a');
    const b = await site.station('offline-b');
    await withStore(a.file, (db) => simulateDay(db, 30, 61));
    await withStore(b.file, (db) => simulateDay(db, 30, 62));
    await syncUntilQuiet([a.file, b.file]);

    // The network goes: both keep working on the lots they both know.
    site.proxy.set({ kind: 'down' });
    expect(await failingSync(a.file)).toBe('sync.unreachable');
    const contested = await withStore(a.file, (db) => db.selectFrom('lots').select(['id', 'in_qc']).where('in_qc', '>', 0).orderBy('id').executeTakeFirstOrThrow());
    await act(a.file, move(contested.id, 'in_qc', 'refining', contested.in_qc));
    await act(b.file, move(contested.id, 'in_qc', 'quarantine', contested.in_qc));
    await withStore(a.file, (db) => simulateDay(db, 80, 63));
    await withStore(b.file, (db) => simulateDay(db, 80, 64));
    expect(await failingSync(b.file)).toBe('sync.unreachable');

    site.proxy.set({ kind: 'pass' });
    await syncUntilQuiet([a.file, b.file]);
    const result = await site.check([a.file, b.file]);
    expect(result.problems).toEqual([]);

    // A synced first, so B's move of the contested lot came second and was refused; so may later ones that built on it.
    const refused = await withStore(b.file, (db) =>
      db.selectFrom('sync_attention').innerJoin('events', 'events.id', 'sync_attention.event_id').select(['lot_id', 'reason', 'kind', 'status']).execute(),
    );
    expect(refused.length).toBeGreaterThan(0);
    expect(refused).toContainEqual({ lot_id: contested.id, reason: 'lot.notEnough', kind: 'rejected', status: 'rejected' });
    // Refused for what the other station did first (a move, a second QC decision on the round, a plating
    // plan or packing edited on both), never for the protocol.
    for (const row of refused) expect(row).toMatchObject({ kind: 'rejected', status: 'rejected', reason: expect.stringMatching(/^(lot|qc|plating|packing)\./) });
    expect(result.rejected).toBeGreaterThanOrEqual(refused.length);
    expect(await lot(b.file, contested.id)).toMatchObject(await lot(a.file, contested.id));
  });
});

describe('a station whose clock is hours off (scenario 7)', () => {
  it('orders nothing by its clock, and its measured offset against the upstream shows the skew', async () => {
    const hours = 3 * 3_600_000;
    const fast = () => new Date(Date.now() + hours);
    const slow = () => new Date(Date.now() - hours);
    const ahead = await site.station('clock-ahead');
    const behind = await site.station('clock-behind');
    const right = await site.station('clock-right');

    // Received on the station that is 3 hours ahead...
    const received = await act(ahead.file, (ctx, db) => receive(ctx, db, 40), fast);
    await sync(ahead.file, { now: fast });
    await sync(right.file);
    await sync(behind.file, { now: slow });
    // ...then moved on the two others: their events carry times hours before the receipt's.
    await act(right.file, move(received, 'in_qc', 'refining', 10));
    expect(await sync(right.file)).toMatchObject({ pushed: 1, rejected: 0 });
    await act(behind.file, move(received, 'in_qc', 'rework', 5), slow);
    expect(await sync(behind.file, { now: slow })).toMatchObject({ pushed: 1, rejected: 0 });
    await sync(ahead.file, { now: fast });
    await sync(right.file);

    const times = await withStore(ahead.file, (db) => db.selectFrom('events').select(['type', 'at', 'upstream_seq']).where('lot_id', '=', received).orderBy('upstream_seq').execute());
    expect(times.map((e) => e.type)).toEqual(['lot.received', 'lot.moved', 'lot.moved']);
    expect(Date.parse(times[1]!.at)).toBeLessThan(Date.parse(times[0]!.at)); // earlier by the clock, later in the order
    expect(await lot(ahead.file, received)).toMatchObject({ in_qc: 25, refining: 10, rework: 5 });

    const offsets = await Promise.all([ahead, behind, right].map((s) => withStore(s.file, syncState).then((st) => st.clock_offset_ms!)));
    expect(Math.abs(offsets[0]! + hours)).toBeLessThan(60_000);
    expect(Math.abs(offsets[1]! - hours)).toBeLessThan(60_000);
    expect(Math.abs(offsets[2]!)).toBeLessThan(60_000);
    const warnings = await Promise.all([ahead, behind, right].map((s) => withStore(s.file, (db) => syncSummary(db, null)).then((st) => st.clockWarning)));
    expect(warnings).toEqual([true, true, false]);
    expect((await site.check([ahead.file, behind.file, right.file])).problems).toEqual([]);
  });
});

describe('an upstream one version ahead sends an event type this station does not know (scenario 8)', () => {
  it('the station holds it, pushes its own pending events, keeps syncing, and nothing is fatal', async () => {
    const a = await site.station('older');
    await withStore(a.file, (db) => simulateDay(db, 20, 81));
    await sync(a.file);
    const someLot = await withStore(a.file, (db) => db.selectFrom('lots').select('id').orderBy('id').executeTakeFirstOrThrow());
    const before = await lot(a.file, someLot.id);

    // The upgraded upstream publishes facts of a type this version lacks, one about a lot.
    const unknown = [
      { type: 'lot.photographed', lot_id: someLot.id, payload: { lotId: someLot.id, photo: 'p-1.jpg', angle: 'top' } },
      { type: 'artisan.certified', lot_id: null, payload: { artisanId: 'A-1', level: 2 } },
    ];
    await withStore(site.upstreamFile, (db) =>
      db.transaction().execute(async (trx) => {
        for (const fact of unknown) {
          const { rows } = await sql<{ head: number; seq: number }>`SELECT max(upstream_seq) AS head, (SELECT max(seq) FROM events WHERE station = 'UP') AS seq FROM events`.execute(trx);
          const user = await trx.selectFrom('users').select('id').executeTakeFirstOrThrow();
          await trx
            .insertInto('events')
            .values({ id: randomUUID(), station: 'UP', seq: rows[0]!.seq + 1, type: fact.type, lot_id: fact.lot_id, payload: JSON.stringify(fact.payload), user_id: user.id, at: new Date().toISOString(), upstream_seq: rows[0]!.head + 1, local: 0 })
            .execute();
        }
      }),
    );
    // Meanwhile this station has work of its own waiting to go.
    // (An operation makes one event or more: a QC decision also moves the lot.)
    await withStore(a.file, (db) => simulateDay(db, 20, 82));
    const made = await withStore(a.file, pending);
    expect(made).toBeGreaterThanOrEqual(20);

    const report = await sync(a.file);
    expect(report).toMatchObject({ pushed: made, rejected: 0, held: 2 });
    const held = await withStore(a.file, (db) => db.selectFrom('events').select(['type', 'status']).where('type', 'in', unknown.map((u) => u.type)).orderBy('type').execute());
    expect(held).toEqual([
      { type: 'artisan.certified', status: 'held' },
      { type: 'lot.photographed', status: 'held' },
    ]);
    const state = await withStore(a.file, syncState);
    expect(state.error).toBeNull();
    // It keeps syncing: more work goes up and comes back as usual.
    await withStore(a.file, (db) => simulateDay(db, 10, 83));
    const more = await withStore(a.file, pending);
    expect(more).toBeGreaterThanOrEqual(10);
    expect(await sync(a.file)).toMatchObject({ pushed: more, rejected: 0, held: 0 });
    const after = await lot(a.file, someLot.id);
    expect(after.received_qty).toBe(before.received_qty);
    const fresh = await site.station('older-fresh');
    expect((await site.check([a.file, fresh.file])).problems).toEqual([]);
  });
});
