import { afterEach, describe, expect, it } from 'vitest';
import { freshPgUrl } from '../../upstream/pg/testing';
import { seedDemoUpstream } from '../../upstream/demo';
import { startUpstreamServer } from '../../upstream/server';
import { Upstream } from '../../upstream/service';
import { Bus } from '../app/bus';
import { createContext } from '../app/context';
import { lotStates, type Db } from '../db/schema';
import { openStore } from '../db/store';
import { moveLot, receiveLot } from '../lots/service';
import { openBox, putAway, scanIntoBox } from '../packing/service';
import { planPublished } from '../plating/events';
import { lockBatch } from '../plating/plan';
import { tempStoreFile } from '../testing/tempStore';
import { digestStore } from './digest';
import { snapshotProgress } from './snapshot';
import { enrollStation, syncOnce } from './sync';

// A new station starts from a snapshot of the upstream's state, is usable at once, and receives
// the history before it in the background: in the end it holds what the upstream holds, every
// event once. Real stores, a real upstream over HTTP on loopback, in SQLite and in PostgreSQL.

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

async function site(storage: 'sqlite' | 'postgresql') {
  const upstream = await Upstream.open(storage === 'sqlite' ? { file: tempStoreFile('upstream.db') } : { pg: await freshPgUrl() }, { demo: true, snapshotReuseMs: 0 });
  await seedDemoUpstream(upstream);
  const server = await startUpstreamServer(upstream, { port: 0, host: '127.0.0.1' });
  open.push(upstream, server);
  const parts: number[] = [];
  server.server.prependListener('request', (req) => {
    const part = /\/sync\/v1\/snapshot\/[^?]+\?offset=(\d+)/.exec(req.url ?? '');
    if (part) parts.push(Number(part[1]));
  });
  return { upstream, url: server.url, parts };
}

async function station(url: string): Promise<Db> {
  const store = await openStore(tempStoreFile());
  open.push(store);
  await enrollStation(store.db, url, { code: null, name: 'Station' });
  return store.db;
}

async function actAs(db: Db, username: string) {
  const user = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return createContext({ db, bus: new Bus(), now: () => new Date(), statusChanged: () => undefined }, null, user.id);
}

/** A desk's work: lots received and moved along, synced to the upstream. */
async function work(db: Db, lots: number): Promise<string[]> {
  await syncOnce(db);
  const ctx = await actAs(db, 'halima');
  const ids: string[] = [];
  for (let i = 0; i < lots; i++) {
    const lotId = await receiveLot(ctx, { designSku: 'BR-CUF-001', artisanId: 'A-00001', finish: 'polished', deliveryCode: null, quantity: 10, weightG: null, state: 'in_qc' });
    await moveLot(ctx, { lotId, from: 'in_qc', to: 'refining', quantity: 3, reason: null });
    ids.push(lotId);
  }
  await syncOnce(db);
  return ids;
}

const count = async (db: Db) => Number((await db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe.each(['sqlite', 'postgresql'] as const)('a new station, with the upstream in %s', (storage) => {
  it('works from the snapshot at once, and receives the history behind it, every event once', async () => {
    const { upstream, url } = await site(storage);
    const desk = await station(url);
    const lots = await work(desk, 6);
    const head = await upstream.head();

    const fresh = await station(url);
    const first = await syncOnce(fresh, { historyPages: 0 });
    expect(first).toMatchObject({ pulled: 0, cursor: head, history: 0 });
    // The lots and their counts are here, and of the log only the event at the snapshot's place.
    for (const lotId of lots) expect(await fresh.selectFrom('lots').select(['in_qc', 'refining']).where('id', '=', lotId).executeTakeFirst()).toEqual({ in_qc: 7, refining: 3 });
    expect(await count(fresh)).toBe(1);
    // Usable: a clerk of the site acts on a lot before its history has arrived.
    await moveLot(await actAs(fresh, 'halima'), { lotId: lots[0]!, from: 'refining', to: 'plating', quantity: 2, reason: null });

    // The history follows a page at a time; nothing is applied twice.
    let rounds = 0;
    const history = () => fresh.selectFrom('sync_state').select(['history_cursor', 'snapshot_seq']).executeTakeFirstOrThrow();
    while ((await history()).history_cursor! < (await history()).snapshot_seq!) {
      await syncOnce(fresh, { historyPages: 1, pullPage: 7 });
      if (++rounds > 50) throw new Error('the history does not arrive');
    }
    expect(rounds).toBeGreaterThan(1);
    await syncOnce(desk);
    expect(await count(fresh)).toBe(await count(upstream.store.db));
    expect(await digestStore(fresh)).toEqual(await digestStore(upstream.store.db));
    expect(await digestStore(desk)).toEqual(await digestStore(upstream.store.db));
    expect(await fresh.selectFrom('lots').select(['refining', 'plating']).where('id', '=', lots[0]!).executeTakeFirst()).toEqual({ refining: 1, plating: 2 });
  });

  it('resumes a download cut part way where it stopped', async () => {
    const { upstream, url, parts } = await site(storage);
    await work(await station(url), 3);
    const fresh = await station(url);
    let cut = 0;
    await expect(
      syncOnce(fresh, {
        snapshotPartBytes: 4096,
        onSnapshotProgress: () => {
          if (++cut === 2) throw new Error('the cable was pulled');
        },
      }),
    ).rejects.toThrow('the cable was pulled');
    const kept = await snapshotProgress(fresh);
    expect(kept!.received).toBe(8192);
    expect(await fresh.selectFrom('lots').select('id').executeTakeFirst()).toBeUndefined();
    parts.length = 0;
    await syncOnce(fresh, { snapshotPartBytes: 4096 });
    expect(parts[0]).toBe(8192);
    expect(await snapshotProgress(fresh)).toBeNull();
    expect(await digestStore(fresh)).toEqual(await digestStore(upstream.store.db));
  });

  it('recomputes a lot two stations acted on while apart before its history has arrived, balanced', async () => {
    const { upstream, url } = await site(storage);
    const desk = await station(url);
    const [lotId] = await work(desk, 1);
    const fresh = await station(url);
    await syncOnce(fresh, { historyPages: 0 });
    expect(await fresh.selectFrom('sync_snapshot_lots').select('id').where('id', '=', lotId!).executeTakeFirst()).toBeDefined();
    // Apart: the desk sends 5 of the 7 in QC on, the new station returns 4 of the same 7.
    await moveLot(await actAs(desk, 'halima'), { lotId: lotId!, from: 'in_qc', to: 'refining', quantity: 5, reason: null });
    await moveLot(await actAs(fresh, 'halima'), { lotId: lotId!, from: 'in_qc', to: 'returned', quantity: 4, reason: 'Clasp broken' });
    await syncOnce(desk);
    const report = await syncOnce(fresh, { historyPages: 0 });
    expect(report.rejected).toBe(1);
    for (const db of [fresh, upstream.store.db]) {
      const lot = await db.selectFrom('lots').selectAll().where('id', '=', lotId!).executeTakeFirstOrThrow();
      expect(lotStates.reduce((sum, s) => sum + lot[s], 0)).toBe(10);
      expect(lot).toMatchObject({ in_qc: 2, refining: 8, returned: 0 });
    }
    await syncOnce(fresh);
    expect(await digestStore(fresh)).toEqual(await digestStore(upstream.store.db));
  });

  it('keeps what a lot held at the packing table when it recomputes the lot before its history has arrived', async () => {
    const { upstream, url } = await site(storage);
    const desk = await station(url);
    await syncOnce(desk);
    // A finished lot of what the order due first asks for: in a bin, and all but 4 of it in a box.
    const { id: orderId } = await desk.selectFrom('customer_orders').select('id').where('status', '=', 'open').orderBy('due_on').orderBy('id').executeTakeFirstOrThrow();
    const line = await desk.selectFrom('customer_order_lines').selectAll().where('order_id', '=', orderId).orderBy('line_no').executeTakeFirstOrThrow();
    const halima = await actAs(desk, 'halima');
    const lotId = await receiveLot(halima, { designSku: line.design_sku, artisanId: 'A-00001', finish: line.finish, deliveryCode: null, quantity: line.quantity + 4, weightG: null, state: 'in_qc' });
    await moveLot(halima, { lotId, from: 'in_qc', to: 'refining', quantity: line.quantity + 4, reason: null });
    await moveLot(halima, { lotId, from: 'refining', to: 'finished', quantity: line.quantity + 4, reason: null });
    await putAway(halima, lotId, 'BIN-A07');
    const boxId = await openBox(halima, orderId, 'medium');
    await scanIntoBox(halima, { boxId, code: lotId, quantity: line.quantity });
    await syncOnce(desk);
    const fresh = await station(url);
    await syncOnce(fresh, { historyPages: 0 });

    // Apart: the desk scraps the 4 left over, the new station sends the same 4 to rework; the upstream refuses the second.
    await moveLot(await actAs(desk, 'halima'), { lotId, from: 'finished', to: 'scrapped', quantity: 4, reason: 'Bent' });
    await moveLot(await actAs(fresh, 'halima'), { lotId, from: 'finished', to: 'rework', quantity: 4, reason: 'Scratched' });
    await syncOnce(desk);
    expect(await syncOnce(fresh, { historyPages: 0 })).toMatchObject({ rejected: 1 });
    const packing = async (db: Db) => ({
      lot: await db.selectFrom('lots').selectAll().where('id', '=', lotId).executeTakeFirstOrThrow(),
      bin: await db.selectFrom('lot_bins').select(['bin', 'put_by']).where('lot_id', '=', lotId).execute(),
      boxed: await db.selectFrom('packed_items').select(['id', 'box_id', 'quantity']).where('lot_id', '=', lotId).execute(),
    });
    const upstreamHolds = await packing(upstream.store.db);
    expect(upstreamHolds).toMatchObject({ lot: { finished: 0, packed: line.quantity, scrapped: 4, rework: 0 }, bin: [{ bin: 'BIN-A07' }], boxed: [{ box_id: boxId, quantity: line.quantity }] });
    expect(await packing(fresh)).toEqual(upstreamHolds);
    await syncOnce(fresh);
    expect(await packing(fresh)).toEqual(upstreamHolds);
    expect(await digestStore(fresh)).toEqual(await digestStore(upstream.store.db));
  });

  it('recomputes its plan once the history before its snapshot has arrived', async () => {
    const { upstream, url } = await site(storage);
    const desk = await station(url);
    await syncOnce(desk);
    const line = await desk.selectFrom('plating_lines').select('id').orderBy('id').executeTakeFirstOrThrow();
    const hour = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
    const batch = (id: string, h: number) => ({ id, lineId: line.id, finish: 'gold-1.0', startAt: hour(h), endAt: hour(h + 1), locked: false, expectedMetalG: 1, items: [{ lotId: 'L-26-R1-000001', pieces: 10 }] });
    await (await actAs(desk, 'akinyi')).write(({ record }) => record(planPublished, { basedOn: 0, batches: [batch('PB-A', 2), batch('PB-B', 4)] }));
    await syncOnce(desk);
    const fresh = await station(url);
    await syncOnce(fresh, { historyPages: 0 });

    // Apart: each planner locks a batch of version 1; the desk's reaches the upstream first.
    await lockBatch(await actAs(desk, 'akinyi'), 1, 'PB-A', true);
    await lockBatch(await actAs(fresh, 'akinyi'), 1, 'PB-B', true);
    await syncOnce(desk);
    expect(await syncOnce(fresh, { historyPages: 0 })).toMatchObject({ rejected: 1 });
    const plan = async (db: Db) => ({
      version: (await db.selectFrom('plating_plan').select('version').executeTakeFirst())?.version,
      locked: (await db.selectFrom('plating_batches').select(['id', 'locked']).orderBy('id').execute()).map((b) => [b.id, b.locked]),
    });
    const upstreamPlan = await plan(upstream.store.db);
    expect(upstreamPlan).toEqual({ version: 2, locked: [['PB-A', 1], ['PB-B', 0]] });
    await syncOnce(fresh);
    expect(await plan(fresh)).toEqual(upstreamPlan);
    expect(await digestStore(fresh)).toEqual(await digestStore(upstream.store.db));
  });
});
