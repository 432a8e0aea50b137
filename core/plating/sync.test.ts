import { afterEach, expect, it } from 'vitest';
import { Upstream } from '../../upstream/service';
import { seedDemoUpstream } from '../../upstream/demo';
import { startUpstreamServer } from '../../upstream/server';
import { Bus } from '../app/bus';
import { createContext } from '../app/context';
import type { Db } from '../db/schema';
import { receiveLot } from '../lots/service';
import { pull } from '../sync/client';
import { applyPulledPage } from '../sync/store';
import { syncOnce } from '../sync/sync';
import { plainVault } from '../sync/vault';
import { loggedIn, siteStation } from '../testing/joinSite';
import { tempStoreFile } from '../testing/tempStore';
import { decideAtBench } from '../qc/testWorld';
import { planPublished } from './events';
import { lockBatch } from './plan';
import { stepsFor } from './refinement';
import { personAt } from './testing';

// Two planning stations and a real upstream over HTTP: the plan changed at both while apart ends
// the same everywhere, the upstream's, and the change that lost is listed for a supervisor.

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

const station = (url: string) => siteStation(url, open);
const as = loggedIn;

/** The plan as a store holds it: its version and every batch with its items. */
async function plan(db: Db) {
  const version = await db.selectFrom('plating_plan').selectAll().executeTakeFirst();
  const batches = await db.selectFrom('plating_batches').selectAll().orderBy('id').execute();
  const items = await db.selectFrom('plating_batch_items').selectAll().orderBy('batch_id').orderBy('lot_id').execute();
  return { version, batches, items };
}

const lots = (db: Db) => db.selectFrom('lots').selectAll().orderBy('id').execute();

/** Two stations and the upstream holding a plan of three batches of one lot, the third started; `finish` (a plated one) or the design's first. */
async function world(plated?: string) {
  const upstream = await Upstream.open({ file: tempStoreFile('upstream.db') }, { demo: true });
  await seedDemoUpstream(upstream);
  const server = await startUpstreamServer(upstream, { port: 0, host: '127.0.0.1' });
  open.push(upstream, server);
  const [p1, p2] = [await station(server.url), await station(server.url)];

  // A lot through QC and refining at the first station, a plan of three batches, the third locked and started.
  const db = p1.store.db;
  const artisan = await db.selectFrom('artisans').select('id').orderBy('id').executeTakeFirstOrThrow();
  const design = await db
    .selectFrom('designs')
    .select(['sku', 'finishes', 'materials'])
    .$if(plated !== undefined, (q) => q.where('finishes', 'like', `%"${plated}"%`).where('plating_area_cm2', '>', 0))
    .orderBy('sku')
    .executeTakeFirstOrThrow();
  const finish = plated ?? (JSON.parse(design.finishes) as string[])[0]!;
  const planner = await db.selectFrom('users').select('id').where('username', '=', 'akinyi').executeTakeFirstOrThrow();
  const desk = createContext({ db, bus: new Bus(), now: () => new Date(), statusChanged: () => undefined }, null, planner.id);
  // The clerk receives it: the upstream takes a receipt only from someone who may receive.
  const clerk = await db.selectFrom('users').select('id').where('username', '=', 'wanjiru').executeTakeFirstOrThrow();
  const lotId = await receiveLot(createContext({ db, bus: new Bus(), now: () => new Date(), statusChanged: () => undefined }, null, clerk.id), { designSku: design.sku, artisanId: artisan.id, finish, deliveryCode: null, quantity: 50, weightG: null, state: 'in_qc' });
  await decideAtBench(await as(p1, 'otieno', '2222'), lotId, { verdict: 'accept', disposition: null, reason: null });
  const kiprop = await as(p1, 'kiprop', '4444');
  for (const step of stepsFor(JSON.parse(design.materials) as string[])) await kiprop('plating.stepDone', { lotId, step, pieces: 50 });
  const line = await db.selectFrom('plating_lines').select('id').orderBy('id').executeTakeFirstOrThrow();
  const hour = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
  const batch = (id: string, h: number) => ({ id, lineId: line.id, finish, startAt: hour(h), endAt: hour(h + 1), locked: false, expectedMetalG: 1, items: [{ lotId, pieces: 10 }] });
  await desk.write(({ record }) => record(planPublished, { basedOn: 0, batches: [batch('PB-A', 2), batch('PB-B', 4), batch('PB-C', 6)] }));
  const akinyi1 = await as(p1, 'akinyi', '3333');
  await akinyi1('plating.lockBatch', { basedOn: 1, batchId: 'PB-C', locked: true });
  await kiprop('plating.startBatch', { batchId: 'PB-C' });
  await syncOnce(p1.store.db);
  await syncOnce(p2.store.db);
  expect(await plan(p2.store.db)).toEqual(await plan(db));
  return { upstream, p1, p2, akinyi1 };
}

it('ends with the same plan at both stations and the upstream when two planners changed it while apart', async () => {
  const { upstream, p1, p2, akinyi1 } = await world();
  const lotsBefore = await lots(p1.store.db);

  // Apart: each planner locks a different batch of version 2. The second station's lock is made
  // without waking its sync loop, so that the first station's reaches the upstream first.
  await akinyi1('plating.lockBatch', { basedOn: 2, batchId: 'PB-A', locked: true });
  await lockBatch(await personAt(p2.store.db, 'akinyi'), 2, 'PB-B', true);
  expect((await plan(p2.store.db)).batches.find((b) => b.id === 'PB-B')!.locked).toBe(1);
  await syncOnce(p1.store.db);
  await syncOnce(p2.store.db);
  await syncOnce(p1.store.db);

  // The second change was made on a plan that had moved on: listed, and undone at its station.
  const attention = await p2.store.db.selectFrom('sync_attention').select(['kind', 'reason']).where('resolved_at', 'is', null).execute();
  expect(attention).toEqual([{ kind: 'rejected', reason: 'plating.planChanged' }]);
  const upstreamPlan = await plan(upstream.store.db);
  expect(upstreamPlan.version!.version).toBe(3);
  expect(upstreamPlan.batches.map((b) => [b.id, b.locked, b.state])).toEqual([
    ['PB-A', 1, 'planned'],
    ['PB-B', 0, 'planned'],
    ['PB-C', 1, 'running'],
  ]);
  expect(await plan(p1.store.db)).toEqual(upstreamPlan);
  expect(await plan(p2.store.db)).toEqual(upstreamPlan);
  // The started batch's pieces moved once, and nothing else moved.
  expect(lotsBefore[0]).toMatchObject({ refining: 40, plating: 10 });
  expect(await lots(p1.store.db)).toEqual(lotsBefore);
  expect(await lots(p2.store.db)).toEqual(lotsBefore);
});

it('puts the upstream\'s change first and leaves out its own when a station pulls before it pushes', async () => {
  const { upstream, p1, p2, akinyi1 } = await world();
  await akinyi1('plating.lockBatch', { basedOn: 2, batchId: 'PB-A', locked: true });
  // Made without waking the station's sync loop: it has not gone out when the news comes in.
  await lockBatch(await personAt(p2.store.db, 'akinyi'), 2, 'PB-B', true);
  await syncOnce(p1.store.db);

  // The second station takes the upstream's news before its own change has gone out (as when a push failed).
  const db = p2.store.db;
  const state = await db.selectFrom('sync_state').selectAll().executeTakeFirstOrThrow();
  const { data } = await pull({ url: state.upstream_url, token: plainVault.open(state.token), timeoutMs: 20_000 }, state.cursor, 100);
  if ('resyncRequired' in data) throw new Error('the upstream asked for a resync');
  expect(data.events.map((e) => e.type)).toEqual(['plating.batchLocked']);
  expect(await applyPulledPage(db, data.events, data.next, new Date().toISOString())).toMatchObject({ applied: 1, held: 0, conflicts: 1 });
  const upstreamPlan = await plan(upstream.store.db);
  expect(await plan(db)).toEqual(upstreamPlan);
  const attention = () => db.selectFrom('sync_attention').select(['kind', 'reason']).where('resolved_at', 'is', null).execute();
  expect(await attention()).toEqual([{ kind: 'conflict', reason: 'plating.planChanged' }]);

  // Pushed, the upstream refuses it too: still listed, and the plans stay the same.
  await syncOnce(db);
  await syncOnce(p1.store.db);
  expect(await attention()).toEqual([{ kind: 'rejected', reason: 'plating.planChanged' }]);
  expect(await plan(upstream.store.db)).toEqual(upstreamPlan);
  expect(await plan(p1.store.db)).toEqual(upstreamPlan);
  expect(await plan(db)).toEqual(upstreamPlan);
});

it('keeps the ids of the batches a re-plan continues, the same at every station, and a removed batch\'s traveller says where its lots went', async () => {
  const { upstream, p1, p2 } = await world('gold-1.0');
  // The second station re-plans the two planned batches of 10 pieces: its plan's event carries the ids.
  const akinyi2 = await as(p2, 'akinyi', '3333');
  await akinyi2('plating.replan', { basedOn: 2 });
  await syncOnce(p2.store.db);
  await syncOnce(p1.store.db);
  const upstreamPlan = await plan(upstream.store.db);
  expect(await plan(p1.store.db)).toEqual(upstreamPlan);
  expect(await plan(p2.store.db)).toEqual(upstreamPlan);
  // The 40 pieces left go in one batch: it holds all 10 of PB-A's and of PB-B's; it goes on as the first, PB-A.
  expect(upstreamPlan.items.map((i) => [i.batch_id, i.pieces])).toEqual([
    ['PB-A', 40],
    ['PB-C', 10],
  ]);
  // PB-B's traveller, scanned at the first station, says where its lot is now.
  const kiprop1 = await as(p1, 'kiprop', '4444');
  await expect(kiprop1('plating.batch', { batchId: 'PB-B' })).rejects.toMatchObject({ code: 'plating.batchReplanned', message: 'Batch PB-B was re-planned: its lots are now in PB-A, PB-C' });
});
