import { afterEach, expect, it } from 'vitest';
import { Upstream } from '../../upstream/service';
import { seedDemoUpstream } from '../../upstream/demo';
import { startUpstreamServer } from '../../upstream/server';
import type { Db } from '../db/schema';
import { moveLot, receiveLot } from '../lots/service';
import { personAt } from '../plating/testing';
import { pull } from '../sync/client';
import { digestStore } from '../sync/digest';
import { applyPulledPage } from '../sync/store';
import { syncOnce } from '../sync/sync';
import { plainVault } from '../sync/vault';
import { createApp } from '../app/app';
import { issueHubKey } from '../../upstream/admin';
import { forwardOnce, linkHub } from '../../upstream/hub';
import { freshPgUrl } from '../../upstream/pg/testing';
import { joinSite } from '../testing/joinSite';
import { tempStoreFile } from '../testing/tempStore';
import { openOrder } from './order';
import { checkWeight, openBox, scanIntoBox, shipBox, unpack } from './service';

// Two packing tables and a real upstream over HTTP: a box shipped at both while apart ends shipped
// once, the same everywhere (the upstream's), and the other shipment is listed for a supervisor; a
// box shipped at one table while the other packed into it or un-packed it ships as it was shipped.

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

/** What a person sees of an order: its status, its boxes, and the lots' counts. */
async function seen(db: Db, orderId: string) {
  const order = await db.selectFrom('customer_orders').select('status').where('id', '=', orderId).executeTakeFirstOrThrow();
  const boxes = await db.selectFrom('boxes').selectAll().where('order_id', '=', orderId).orderBy('id').execute();
  const packed = await db.selectFrom('packed_items').selectAll().where('order_id', '=', orderId).orderBy('id').execute();
  const lots = await db.selectFrom('lots').selectAll().orderBy('id').execute();
  return { status: order.status, boxes, packed, lots };
}

/** What the box should weigh at this table, give or take a few grams of the scale's own. */
const onScale = async (db: Db, boxId: string, plus: number) => (await checkWeight(db, boxId, 0)).expectedG + plus;

/** A demo cloud, and an HQ hub its admin made, linked to it and serving the site's stations. */
async function cloudAndHub() {
  const cloud = await Upstream.open({ file: tempStoreFile('cloud.db') }, { demo: true });
  await seedDemoUpstream(cloud);
  const cloudServer = await startUpstreamServer(cloud, { port: 0, host: '127.0.0.1' });
  const hub = await Upstream.open({ file: tempStoreFile('hub.db') }, { enrollKey: 'hq-site-key' });
  open.push(cloud, cloudServer, hub);
  await linkHub(hub, { url: cloudServer.url, hubKey: (await issueHubKey(cloud.store.db, 'HQ hub')).key });
  await forwardOnce(hub);
  const server = await startUpstreamServer(hub, { port: 0, host: '127.0.0.1' });
  open.push(server);
  return { cloud, hub, server };
}

/** Two packing tables joined to a demo upstream (stored in SQLite or PostgreSQL), or to a hub in front of one (`viaHub`). */
async function world(viaHub = false, storage: 'sqlite' | 'postgresql' = 'sqlite') {
  const site = viaHub ? await cloudAndHub() : undefined;
  const target = storage === 'sqlite' ? { file: tempStoreFile('upstream.db') } : { pg: await freshPgUrl() };
  const upstream = site?.cloud ?? (await Upstream.open(target, { demo: true }));
  if (!site) await seedDemoUpstream(upstream);
  const server = site?.server ?? (await startUpstreamServer(upstream, { port: 0, host: '127.0.0.1' }));
  if (!site) open.push(upstream, server);
  const station = async () => {
    const app = await createApp(tempStoreFile(), { devicePollMs: 0, syncIntervalMs: 60_000 });
    open.push(app);
    await joinSite(app, server.url, site ? 'hq-site-key' : undefined);
    return app;
  };
  const [k1, k2] = [await station(), await station()];

  // A finished lot of what the order due first asks for, all but 2 of it packed into one box at the first table.
  const db = k1.store.db;
  const { id: orderId } = await db.selectFrom('customer_orders').select('id').where('status', '=', 'open').orderBy('due_on').orderBy('id').executeTakeFirstOrThrow();
  const line = await db.selectFrom('customer_order_lines').selectAll().where('order_id', '=', orderId).orderBy('line_no').executeTakeFirstOrThrow();
  const artisan = await db.selectFrom('artisans').select('id').orderBy('id').executeTakeFirstOrThrow();
  const desk = await personAt(db, 'halima');
  const lotId = await receiveLot(desk, { designSku: line.design_sku, artisanId: artisan.id, finish: line.finish, deliveryCode: null, quantity: line.quantity, weightG: null, state: 'in_qc' });
  await moveLot(desk, { lotId, from: 'in_qc', to: 'refining', quantity: line.quantity, reason: null });
  await moveLot(desk, { lotId, from: 'refining', to: 'finished', quantity: line.quantity, reason: null });
  const mwangi = await personAt(db, 'mwangi');
  const boxId = await openBox(mwangi, orderId, 'medium');
  await scanIntoBox(mwangi, { boxId, code: lotId, quantity: line.quantity - 2 });
  await syncOnce(db);
  await syncOnce(k2.store.db);
  expect(await seen(k2.store.db, orderId)).toEqual(await seen(db, orderId));
  return { upstream, hub: site?.hub, k1, k2, orderId, boxId, lotId };
}

it('ships a box once, the same at both tables and the upstream, when both shipped it while apart', async () => {
  const { upstream, k1, k2, orderId, boxId, lotId } = await world();
  // Apart: each table weighs and ships the box (made without waking the sync loops).
  const ship = async (db: Db, username: string, plus: number, trackingNumber: string) =>
    shipBox(await personAt(db, username), { boxId, service: 'DHL Express Worldwide', trackingNumber, weighing: { grams: await onScale(db, boxId, plus), method: 'scale' } });
  const grams = await onScale(k1.store.db, boxId, 0);
  await ship(k1.store.db, 'mwangi', 0, 'JD0146000038');
  await ship(k2.store.db, 'halima', 5, 'JD0146000099');
  await syncOnce(k1.store.db);
  await syncOnce(k2.store.db);
  await syncOnce(k1.store.db);

  // The second shipment, and its lot's pieces leaving with it, came after the first: listed at its table, and undone.
  const attention = await k2.store.db.selectFrom('sync_attention').select(['kind', 'reason']).where('resolved_at', 'is', null).orderBy('reason').execute();
  expect(attention).toEqual([
    { kind: 'rejected', reason: 'packing.alreadyShipped' },
    { kind: 'rejected', reason: 'packing.alreadyShipped' },
  ]);
  const upstreamSees = await seen(upstream.store.db, orderId);
  expect(upstreamSees.status).not.toBe('open');
  expect(upstreamSees.boxes.map((b) => [b.status, b.tracking_number, b.weight_g])).toEqual([['shipped', 'JD0146000038', grams]]);
  expect(upstreamSees.lots.find((l) => l.id === lotId)).toMatchObject({ packed: 0, shipped: upstreamSees.packed[0]!.quantity });
  expect(await seen(k1.store.db, orderId)).toEqual(upstreamSees);
  expect(await seen(k2.store.db, orderId)).toEqual(upstreamSees);
  const digest = await digestStore(upstream.store.db);
  expect(await digestStore(k1.store.db)).toEqual(digest);
  expect(await digestStore(k2.store.db)).toEqual(digest);
});

it("puts the upstream's shipment first and leaves out its own when a table pulls before it pushes", async () => {
  const { upstream, k1, k2, orderId, boxId } = await world();
  const ship = async (db: Db, username: string, plus: number, trackingNumber: string) =>
    shipBox(await personAt(db, username), { boxId, service: 'DHL Express Worldwide', trackingNumber, weighing: { grams: await onScale(db, boxId, plus), method: 'scale' } });
  await ship(k1.store.db, 'mwangi', 0, 'JD0146000038');
  await ship(k2.store.db, 'halima', 5, 'JD0146000099');
  await syncOnce(k1.store.db);

  // The second table takes the upstream's news before its own shipment has gone out (as when a push failed).
  const db = k2.store.db;
  const state = await db.selectFrom('sync_state').selectAll().executeTakeFirstOrThrow();
  const { data } = await pull({ url: state.upstream_url, token: plainVault.open(state.token), timeoutMs: 20_000 }, state.cursor, 100);
  if ('resyncRequired' in data) throw new Error('the upstream asked for a resync');
  expect(data.events.map((e) => e.type)).toContain('packing.shipped');
  expect(await applyPulledPage(db, data.events, data.next, new Date().toISOString())).toMatchObject({ held: 0, conflicts: 2 });
  const conflicts = await db.selectFrom('sync_attention').select(['kind', 'reason']).where('resolved_at', 'is', null).orderBy('reason').execute();
  expect(conflicts).toEqual([
    { kind: 'conflict', reason: 'packing.alreadyShipped' },
    { kind: 'conflict', reason: 'packing.alreadyShipped' },
  ]);
  expect(await seen(db, orderId)).toEqual(await seen(upstream.store.db, orderId));

  // Pushed, the upstream refuses both too, and everything stays as the upstream has it.
  await syncOnce(db);
  await syncOnce(k1.store.db);
  const upstreamSees = await seen(upstream.store.db, orderId);
  expect(upstreamSees.boxes.map((b) => [b.status, b.tracking_number])).toEqual([['shipped', 'JD0146000038']]);
  expect(await seen(k1.store.db, orderId)).toEqual(upstreamSees);
  expect(await seen(db, orderId)).toEqual(upstreamSees);
  const digest = await digestStore(upstream.store.db);
  expect(await digestStore(k1.store.db)).toEqual(digest);
  expect(await digestStore(db)).toEqual(digest);
});

it("carries a supervisor's weight override to the other table and the upstream, with who and why", async () => {
  const { upstream, k1, k2, orderId, boxId } = await world();
  const halima = await personAt(k1.store.db, 'halima');
  const grams = (await onScale(k1.store.db, boxId, 0)) * 2;
  await shipBox(halima, { boxId, service: 'DHL Express Worldwide', trackingNumber: 'JD0146000038', weighing: { grams, method: 'scale' }, override: { reason: 'Spare padding for the long flight' } });
  await syncOnce(k1.store.db);
  await syncOnce(k2.store.db);
  const box = (await openOrder(k2.store.db, orderId)).boxes.find((b) => b.id === boxId)!;
  expect(box).toMatchObject({ status: 'shipped', weightG: grams, override: { reason: 'Spare padding for the long flight', by: 'Halima Hassan' } });
  const kept = await upstream.store.db.selectFrom('boxes').select(['override_reason', 'override_by']).where('id', '=', boxId).executeTakeFirstOrThrow();
  expect(kept).toEqual({ override_reason: 'Spare padding for the long flight', override_by: halima.user().id });
});

/** A lot for a line of the box's order (its first unless told) received and finished at a table, ready to pack. */
async function finishedLot(db: Db, quantity: number, lineNo = 1): Promise<string> {
  const desk = await personAt(db, 'halima');
  const box = await db.selectFrom('boxes').select('order_id').executeTakeFirstOrThrow();
  const line = await db.selectFrom('customer_order_lines').selectAll().where('order_id', '=', box.order_id).where('line_no', '=', lineNo).executeTakeFirstOrThrow();
  const artisan = await db.selectFrom('artisans').select('id').orderBy('id').executeTakeFirstOrThrow();
  const lotId = await receiveLot(desk, { designSku: line.design_sku, artisanId: artisan.id, finish: line.finish, deliveryCode: null, quantity, weightG: null, state: 'in_qc' });
  await moveLot(desk, { lotId, from: 'in_qc', to: 'refining', quantity, reason: null });
  await moveLot(desk, { lotId, from: 'refining', to: 'finished', quantity, reason: null });
  return lotId;
}

/**
 * The first table ships the box while the second changes what is in it; then both sync, the
 * shipping table first, or the other (`changeFirst`: its change reaches the upstream before the
 * shipment). `wholeOrder`: the box holds every other line of the order too, in full, before it
 * ships; `lastTwo`: and the first line's last 2 pieces (the whole order).
 */
async function shipWhile(change: (db: Db) => Promise<unknown>, { changeFirst = false, storage = 'sqlite' as 'sqlite' | 'postgresql', wholeOrder = false, lastTwo = false } = {}) {
  const { upstream, k1, k2, orderId, boxId, lotId } = await world(false, storage);
  if (lastTwo) await scanIntoBox(await personAt(k1.store.db, 'mwangi'), { boxId, code: lotId, quantity: 2 });
  if (wholeOrder) {
    const lines = await k1.store.db.selectFrom('customer_order_lines').selectAll().where('order_id', '=', orderId).where('line_no', '>', 1).execute();
    for (const line of lines) await scanIntoBox(await personAt(k1.store.db, 'mwangi'), { boxId, code: await finishedLot(k1.store.db, line.quantity, line.line_no), quantity: line.quantity });
    await syncOnce(k1.store.db);
    await syncOnce(k2.store.db);
  }
  const before = await seen(k1.store.db, orderId);
  await shipBox(await personAt(k1.store.db, 'mwangi'), { boxId, service: 'DHL Express Worldwide', trackingNumber: 'JD0146000038', weighing: { grams: await onScale(k1.store.db, boxId, 0), method: 'scale' } });
  await change(k2.store.db);
  for (const k of changeFirst ? [k2, k1, k2, k1] : [k1, k2, k1]) await syncOnce(k.store.db);
  const upstreamSees = await seen(upstream.store.db, orderId);
  expect(await seen(k1.store.db, orderId)).toEqual(upstreamSees);
  expect(await seen(k2.store.db, orderId)).toEqual(upstreamSees);
  const digest = await digestStore(upstream.store.db);
  expect(await digestStore(k1.store.db)).toEqual(digest);
  expect(await digestStore(k2.store.db)).toEqual(digest);
  const attention = await k2.store.db.selectFrom('sync_attention').select(['kind', 'reason']).where('resolved_at', 'is', null).execute();
  return { before, after: upstreamSees, lot: (sees: typeof before) => sees.lots.find((l) => l.id === lotId)!, attention };
}

it('ships a box as it was shipped when another table packed more into it meanwhile', async () => {
  const { before, after, lot, attention } = await shipWhile(async (db) => {
    const boxId = (await db.selectFrom('boxes').select('id').executeTakeFirstOrThrow()).id;
    const lotId = (await db.selectFrom('packed_items').select('lot_id').executeTakeFirstOrThrow()).lot_id;
    await scanIntoBox(await personAt(db, 'halima'), { boxId, code: lotId, quantity: 2 });
  });
  // The 2 packed after the box left are refused, and stay finished stock.
  expect(attention).toEqual([{ kind: 'rejected', reason: 'packing.alreadyShipped' }]);
  expect(after.packed).toEqual(before.packed);
  expect(lot(after)).toMatchObject({ finished: 2, packed: 0, shipped: before.packed[0]!.quantity });
});

it('ships a box as it was shipped when another table un-packed it meanwhile', async () => {
  const { before, after, lot, attention } = await shipWhile(async (db) => {
    const { order_id } = await db.selectFrom('boxes').select('order_id').executeTakeFirstOrThrow();
    await unpack(await personAt(db, 'halima'), { orderId: order_id, boxId: null, reason: 'Wrong size' });
  });
  expect(attention).toEqual([{ kind: 'rejected', reason: 'packing.alreadyShipped' }]);
  expect(after.packed).toEqual(before.packed);
  expect(lot(after)).toMatchObject({ finished: 2, packed: 0, shipped: before.packed[0]!.quantity });
});

it.each(['sqlite', 'postgresql'] as const)("ships a box as it was shipped when another table packed another lot into it and that pack reached the upstream first (upstream in %s)", async (storage) => {
  let other = '';
  const { before, after, lot, attention } = await shipWhile(async (db) => {
    const { id: boxId } = await db.selectFrom('boxes').select('id').executeTakeFirstOrThrow();
    other = await finishedLot(db, 2);
    await scanIntoBox(await personAt(db, 'mwangi'), { boxId, code: other, quantity: 2 });
  }, { changeFirst: true, storage, wholeOrder: true });
  // The box left with all the order but the other lot's 2 pieces: finished stock again, taken out in
  // that lot's own history, and the order is still partly shipped (2 of its first line never left).
  expect(attention).toEqual([]);
  expect(after.packed).toEqual(before.packed);
  expect(lot(after)).toMatchObject({ packed: 0, shipped: before.packed.find((p) => p.lot_id === lot(after).id)!.quantity });
  expect(after.lots.find((l) => l.id === other)).toMatchObject({ finished: 2, packed: 0, shipped: 0 });
  expect(after.status).toBe('partial');
});

it("ships the box, and goes on syncing, when the upstream cannot take the other lot's pack out", async () => {
  const { upstream, k1, k2, orderId, boxId } = await world();
  await shipBox(await personAt(k1.store.db, 'mwangi'), { boxId, service: 'DHL Express Worldwide', trackingNumber: 'JD0146000038', weighing: { grams: await onScale(k1.store.db, boxId, 0), method: 'scale' } });
  const other = await finishedLot(k2.store.db, 2);
  await scanIntoBox(await personAt(k2.store.db, 'mwangi'), { boxId, code: other, quantity: 2 });
  await syncOnce(k2.store.db);
  // A fault placed on purpose: the upstream's row of the other lot no longer holds the 2 packed pieces.
  await upstream.store.db.updateTable('lots').set({ packed: 0, finished: 2 }).where('id', '=', other).execute();
  await syncOnce(k1.store.db);
  // The shipment stands and the shipping table's outbox is empty; the pack the upstream could not take out is left in the box.
  expect(await k1.store.db.selectFrom('events').select('id').where('local', '=', 1).where('upstream_seq', 'is', null).execute()).toEqual([]);
  expect(await upstream.store.db.selectFrom('boxes').select('status').where('id', '=', boxId).executeTakeFirstOrThrow()).toEqual({ status: 'shipped' });
  expect(await upstream.store.db.selectFrom('events').select('id').where('type', '=', 'packing.leftOut').execute()).toEqual([]);
  expect((await seen(upstream.store.db, orderId)).packed.map((p) => p.lot_id)).toContain(other);
});

it('takes the other lot out once, by the cloud and not the hub, when the tables sync through an HQ hub', async () => {
  const { upstream: cloud, hub, k1, k2, orderId, boxId } = await world(true);
  const before = await seen(k1.store.db, orderId);
  await shipBox(await personAt(k1.store.db, 'mwangi'), { boxId, service: 'DHL Express Worldwide', trackingNumber: 'JD0146000038', weighing: { grams: await onScale(k1.store.db, boxId, 0), method: 'scale' } });
  const other = await finishedLot(k2.store.db, 2);
  await scanIntoBox(await personAt(k2.store.db, 'mwangi'), { boxId, code: other, quantity: 2 });
  await syncOnce(k2.store.db);
  await syncOnce(k1.store.db);
  // The hub leaves the pack in the box until its cloud, the site's top upstream, has taken the shipment out of it.
  expect(await seen(hub!.store.db, orderId)).not.toMatchObject({ packed: before.packed });
  await forwardOnce(hub!);
  await forwardOnce(hub!);
  for (const k of [k2, k1, k2]) await syncOnce(k.store.db);

  const cloudSees = await seen(cloud.store.db, orderId);
  expect(cloudSees.packed).toEqual(before.packed);
  expect(cloudSees.lots.find((l) => l.id === other)).toMatchObject({ finished: 2, packed: 0 });
  const leftOut = async (db: Db) => db.selectFrom('events').select(['id', 'station']).where('type', '=', 'packing.leftOut').execute();
  const once = await leftOut(cloud.store.db);
  expect(once).toEqual([{ id: expect.any(String), station: 'UP' }]);
  const digest = await digestStore(cloud.store.db);
  for (const db of [hub!.store.db, k1.store.db, k2.store.db]) {
    expect(await leftOut(db)).toEqual(once);
    expect(await seen(db, orderId)).toEqual(cloudSees);
    expect(await digestStore(db)).toEqual(digest);
  }
});

it('ships a box as it was shipped when another table un-packed it and that reached the upstream first', async () => {
  const { before, after, lot, attention } = await shipWhile(async (db) => {
    const { order_id } = await db.selectFrom('boxes').select('order_id').executeTakeFirstOrThrow();
    await unpack(await personAt(db, 'halima'), { orderId: order_id, boxId: null, reason: 'Wrong size' });
  }, { changeFirst: true, wholeOrder: true, lastTwo: true });
  // The box left with the pieces it was weighed with, the whole order: every pack is back in it, as
  // it was packed, and shipped, and the order is shipped.
  expect(attention).toEqual([]);
  expect(after.packed).toEqual(before.packed);
  expect(lot(after)).toMatchObject({ finished: 0, packed: 0, shipped: lot(before).received_qty });
  expect(after.status).toBe('shipped');
});

it('moves the pieces of a box shipped at both tables once, while more of the lot waits packed in another box', async () => {
  const { upstream, k1, k2, orderId, boxId, lotId } = await world();
  // The lot's last 2 pieces go into a second box; the first box, with the rest, stays on the table.
  const mwangi = await personAt(k1.store.db, 'mwangi');
  const second = await openBox(mwangi, orderId, 'small');
  await scanIntoBox(mwangi, { boxId: second, code: lotId, quantity: 2 });
  await syncOnce(k1.store.db);
  await syncOnce(k2.store.db);
  // Apart: both tables ship the second box.
  for (const [db, plus] of [[k1.store.db, 0], [k2.store.db, 5]] as const)
    await shipBox(await personAt(db, 'mwangi'), { boxId: second, service: 'DHL Express Worldwide', trackingNumber: `JD014600001${plus}`, weighing: { grams: await onScale(db, second, plus), method: 'scale' } });
  await syncOnce(k1.store.db);
  await syncOnce(k2.store.db);
  await syncOnce(k1.store.db);

  const upstreamSees = await seen(upstream.store.db, orderId);
  const inFirst = upstreamSees.packed.find((p) => p.box_id === boxId)!.quantity;
  expect(upstreamSees.lots.find((l) => l.id === lotId)).toMatchObject({ packed: inFirst, shipped: 2 });
  expect(await seen(k1.store.db, orderId)).toEqual(upstreamSees);
  expect(await seen(k2.store.db, orderId)).toEqual(upstreamSees);
  const digest = await digestStore(upstream.store.db);
  expect(await digestStore(k1.store.db)).toEqual(digest);
  expect(await digestStore(k2.store.db)).toEqual(digest);
});

it('ships a box as it was shipped when the shipping table learns, before its shipment goes out, of a pack the upstream took first', async () => {
  const { upstream, k1, k2, orderId, boxId, lotId } = await world();
  const before = await seen(k1.store.db, orderId);
  // Apart: the second table ships the box; the first packs the lot's last 2 pieces into it and syncs first.
  await shipBox(await personAt(k2.store.db, 'halima'), { boxId, service: 'DHL Express Worldwide', trackingNumber: 'JD0146000099', weighing: { grams: await onScale(k2.store.db, boxId, 5), method: 'scale' } });
  await scanIntoBox(await personAt(k1.store.db, 'mwangi'), { boxId, code: lotId, quantity: 2 });
  await syncOnce(k1.store.db);
  // The second table takes the upstream's news before its shipment has gone out: the pack came first, and its shipment, after it, did not name it.
  const db = k2.store.db;
  const state = await db.selectFrom('sync_state').selectAll().executeTakeFirstOrThrow();
  const { data } = await pull({ url: state.upstream_url, token: plainVault.open(state.token), timeoutMs: 20_000 }, state.cursor, 100);
  if ('resyncRequired' in data) throw new Error('the upstream asked for a resync');
  expect(await applyPulledPage(db, data.events, data.next, new Date().toISOString())).toMatchObject({ held: 0, conflicts: 0 });
  await syncOnce(db);
  await syncOnce(k1.store.db);

  const upstreamSees = await seen(upstream.store.db, orderId);
  expect(upstreamSees.boxes.map((b) => [b.status, b.tracking_number])).toEqual([['shipped', 'JD0146000099']]);
  expect(upstreamSees.packed).toEqual(before.packed);
  expect(upstreamSees.lots.find((l) => l.id === lotId)).toMatchObject({ finished: 2, packed: 0, shipped: before.packed[0]!.quantity });
  expect(await seen(k1.store.db, orderId)).toEqual(upstreamSees);
  expect(await seen(db, orderId)).toEqual(upstreamSees);
  expect(await db.selectFrom('sync_attention').select('reason').execute()).toEqual([]);
  const digest = await digestStore(upstream.store.db);
  expect(await digestStore(k1.store.db)).toEqual(digest);
  expect(await digestStore(db)).toEqual(digest);
});

it('ships a box as it was shipped when another table packed more into it and that pack reached the upstream first', async () => {
  const { upstream, k1, k2, orderId, boxId, lotId } = await world();
  const before = await seen(k1.store.db, orderId);
  // Apart: the second table weighs and ships the box as it sees it; the first packs the lot's last 2 pieces into it, and syncs first.
  await shipBox(await personAt(k2.store.db, 'halima'), { boxId, service: 'DHL Express Worldwide', trackingNumber: 'JD0146000077', weighing: { grams: await onScale(k2.store.db, boxId, 0), method: 'scale' } });
  await scanIntoBox(await personAt(k1.store.db, 'mwangi'), { boxId, code: lotId, quantity: 2 });
  await syncOnce(k1.store.db);
  await syncOnce(k2.store.db);
  await syncOnce(k1.store.db);

  // The box left as it was weighed: the 2 pieces packed where it was not are finished stock again, taken back by the shipment that did not name them.
  const upstreamSees = await seen(upstream.store.db, orderId);
  expect(upstreamSees.packed).toEqual(before.packed);
  expect(upstreamSees.lots.find((l) => l.id === lotId)).toMatchObject({ finished: 2, packed: 0, shipped: before.packed[0]!.quantity });
  expect(await seen(k1.store.db, orderId)).toEqual(upstreamSees);
  expect(await seen(k2.store.db, orderId)).toEqual(upstreamSees);
  const digest = await digestStore(upstream.store.db);
  expect(await digestStore(k1.store.db)).toEqual(digest);
  expect(await digestStore(k2.store.db)).toEqual(digest);
  for (const k of [k1, k2]) expect(await k.store.db.selectFrom('sync_attention').select(['kind', 'reason']).execute()).toEqual([]);
});

it("keeps a pack the upstream took when another lot's pack for the same line, placed after it, is already here", async () => {
  const { upstream, k1, k2, orderId, boxId, lotId } = await world();
  const line = await k1.store.db.selectFrom('customer_order_lines').selectAll().where('order_id', '=', orderId).orderBy('line_no').executeTakeFirstOrThrow();
  // Apart. The first table takes the lot out, packs all of it, and takes it out again.
  const mwangi = await personAt(k1.store.db, 'mwangi');
  await unpack(mwangi, { orderId, boxId, reason: 'Recount' });
  await scanIntoBox(mwangi, { boxId, code: lotId, quantity: line.quantity });
  await unpack(mwangi, { orderId, boxId, reason: 'Customer changed the order' });
  // The second table, which still sees 2 pieces missing on the line, packs 2 of another lot.
  const desk = await personAt(k2.store.db, 'halima');
  const artisan = await k2.store.db.selectFrom('artisans').select('id').orderBy('id').executeTakeFirstOrThrow();
  const other = await receiveLot(desk, { designSku: line.design_sku, artisanId: artisan.id, finish: line.finish, deliveryCode: null, quantity: 2, weightG: null, state: 'in_qc' });
  await moveLot(desk, { lotId: other, from: 'in_qc', to: 'refining', quantity: 2, reason: null });
  await moveLot(desk, { lotId: other, from: 'refining', to: 'finished', quantity: 2, reason: null });
  await scanIntoBox(await personAt(k2.store.db, 'mwangi'), { boxId, code: other, quantity: 2 });

  // The first table's three facts reach the upstream first; the second's pack fits after them.
  await syncOnce(k1.store.db);
  await syncOnce(k2.store.db);
  await syncOnce(k1.store.db);

  // The second table replays the first lot in the upstream's order: its full pack fitted the line then.
  for (const k of [k1, k2]) expect(await k.store.db.selectFrom('sync_attention').select(['kind', 'reason']).where('resolved_at', 'is', null).execute()).toEqual([]);
  const upstreamSees = await seen(upstream.store.db, orderId);
  expect(upstreamSees.packed.map((p) => [p.lot_id, p.quantity])).toEqual([[other, 2]]);
  expect(await seen(k2.store.db, orderId)).toEqual(upstreamSees);
  expect(await seen(k1.store.db, orderId)).toEqual(upstreamSees);
  const digest = await digestStore(upstream.store.db);
  expect(await digestStore(k1.store.db)).toEqual(digest);
  expect(await digestStore(k2.store.db)).toEqual(digest);
});
