import { afterEach, expect, it } from 'vitest';
import { Upstream } from '../../upstream/service';
import { seedDemoUpstream } from '../../upstream/demo';
import { startUpstreamServer } from '../../upstream/server';
import type { App } from '../app/app';
import type { Db } from '../db/schema';
import { receiveLot } from '../lots/service';
import { pull } from '../sync/client';
import { digestStore } from '../sync/digest';
import { applyPulledPage } from '../sync/store';
import { syncOnce } from '../sync/sync';
import { plainVault } from '../sync/vault';
import { loggedIn, siteStation } from '../testing/joinSite';
import { tempStoreFile } from '../testing/tempStore';
import { decideAtBench } from '../qc/testWorld';
import { lotMoved } from '../lots/events';
import { batchMoved, lotChecked, planMadeAt, planPublished } from './events';
import { refinementDone, stepsFor } from './refinement';
import { recordStepDone } from './refinementService';
import { checkPlatedLot, finishBatch, logReading, startBatch } from './run';
import { personAt } from './testing';

// Two plating lines' stations and a real upstream over HTTP: a batch run at both while apart is run
// once everywhere (the upstream's first), a lot checked at both moves its pieces once, and
// refinement progress ends the same at every station whatever order its facts arrived in.

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

/** What the plating office sees: the batches with their lots, the lots, and what refinement has done. */
async function seen(db: Db) {
  const batches = await db.selectFrom('plating_batches').selectAll().orderBy('id').execute();
  const items = await db.selectFrom('plating_batch_items').selectAll().orderBy('batch_id').orderBy('lot_id').execute();
  const lots = await db.selectFrom('lots').selectAll().orderBy('id').execute();
  const done = await refinementDone(db, lots.map((l) => l.id));
  return { batches, items, lots, done: [...done.entries()] };
}

/** A lot through QC and part of refinement at the first station: every step its design needs done for `refined` pieces. */
async function refiningLot(app: App, pieces: number, refined: number): Promise<string> {
  const db = app.store.db;
  const artisan = await db.selectFrom('artisans').select('id').orderBy('id').executeTakeFirstOrThrow();
  const design = await db.selectFrom('designs').select(['sku', 'finishes', 'materials']).orderBy('sku').executeTakeFirstOrThrow();
  const lotId = await receiveLot(await personAt(db, 'halima'), { designSku: design.sku, artisanId: artisan.id, finish: (JSON.parse(design.finishes) as string[])[0]!, deliveryCode: null, quantity: pieces, weightG: null, state: 'in_qc' });
  await decideAtBench(await loggedIn(app, 'otieno', '2222'), lotId, { verdict: 'accept', disposition: null, reason: null });
  const kiprop = await personAt(db, 'kiprop');
  for (const step of stepsFor(JSON.parse(design.materials) as string[])) await recordStepDone(kiprop, lotId, step, refined);
  return lotId;
}

/**
 * Two stations and the upstream holding the same plan: PB-1 takes all of a lot of 10 (refined), PB-2
 * and PB-3 take 10 each of a lot of 30 of which 10 are refined.
 */
async function world() {
  const upstream = await Upstream.open({ file: tempStoreFile('upstream.db') }, { demo: true });
  await seedDemoUpstream(upstream);
  const server = await startUpstreamServer(upstream, { port: 0, host: '127.0.0.1' });
  open.push(upstream, server);
  const [p1, p2] = [await siteStation(server.url, open), await siteStation(server.url, open)];
  const whole = await refiningLot(p1, 10, 10);
  const part = await refiningLot(p1, 30, 10);
  const db = p1.store.db;
  const line = await db.selectFrom('plating_lines').select('id').orderBy('id').executeTakeFirstOrThrow();
  const { finish } = await db.selectFrom('lots').select('finish').where('id', '=', whole).executeTakeFirstOrThrow();
  const hour = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
  const batch = (id: string, h: number, lotId: string) => ({ id, lineId: line.id, finish, startAt: hour(h), endAt: hour(h + 1), locked: false, expectedMetalG: 1, items: [{ lotId, pieces: 10 }] });
  await (await personAt(db, 'akinyi')).write(({ record }) => record(planPublished, { basedOn: 0, batches: [batch('PB-1', 2, whole), batch('PB-2', 4, part), batch('PB-3', 6, part)] }));
  await syncOnce(db);
  await syncOnce(p2.store.db);
  expect(await seen(p2.store.db)).toEqual(await seen(db));
  return { upstream, p1, p2, whole, part };
}

/** Both stations and the upstream see the same plating office and hold the same facts. */
async function expectSameEverywhere(upstream: Upstream, p1: App, p2: App) {
  const upstreamSees = await seen(upstream.store.db);
  expect(await seen(p1.store.db)).toEqual(upstreamSees);
  expect(await seen(p2.store.db)).toEqual(upstreamSees);
  const digest = await digestStore(upstream.store.db);
  expect(await digestStore(p1.store.db)).toEqual(digest);
  expect(await digestStore(p2.store.db)).toEqual(digest);
  return upstreamSees;
}

/** A station takes one page from the upstream without pushing its own first. */
async function pullOnly(db: Db) {
  const state = await db.selectFrom('sync_state').selectAll().executeTakeFirstOrThrow();
  const { data } = await pull({ url: state.upstream_url, token: plainVault.open(state.token), timeoutMs: 20_000 }, state.cursor, 100);
  if ('resyncRequired' in data) throw new Error('the upstream asked for a resync');
  await applyPulledPage(db, data.events, data.next, new Date().toISOString());
}

const attention = (db: Db) => db.selectFrom('sync_attention').select(['kind', 'reason']).where('resolved_at', 'is', null).orderBy('reason').execute();

it('runs a batch once, as the upstream took it first, when two stations ran it while apart', async () => {
  const { upstream, p1, p2, whole } = await world();
  // Apart: the first station starts, finishes (twice Faraday's gold, a supervisor's override) and checks PB-1; the second starts and finishes it too.
  const kiprop1 = await personAt(p1.store.db, 'kiprop');
  await startBatch(kiprop1, 'PB-1');
  await finishBatch(await personAt(p1.store.db, 'halima'), 'PB-1', 2, { reason: 'old anode plate dissolved' });
  await checkPlatedLot(kiprop1, 'PB-1', { lotId: whole, passed: 10, rework: 0, thicknessOk: true, adhesionOk: true, colourOk: true });
  const kiprop2 = await personAt(p2.store.db, 'kiprop');
  await startBatch(kiprop2, 'PB-1');
  await finishBatch(kiprop2, 'PB-1', 1.2);
  await syncOnce(p1.store.db);
  await syncOnce(p2.store.db);
  await syncOnce(p1.store.db);

  // The second run came after the first: its start, its lot's pieces leaving with it and its finish are listed at its station.
  expect(await attention(p2.store.db)).toEqual([
    { kind: 'rejected', reason: 'plating.alreadyStarted' },
    { kind: 'rejected', reason: 'plating.alreadyStarted' },
    { kind: 'rejected', reason: 'plating.notRunning' },
  ]);
  const sees = await expectSameEverywhere(upstream, p1, p2);
  expect(sees.batches.find((b) => b.id === 'PB-1')).toMatchObject({ state: 'done', gold_used_g: 2, metal_override_reason: 'old anode plate dissolved' });
  expect(sees.items.find((i) => i.batch_id === 'PB-1')).toMatchObject({ checked: 10 });
  expect(sees.lots.find((l) => l.id === whole)).toMatchObject({ refining: 0, plating: 0, finished: 10 });
});

it('moves the pieces of a batch started at both stations once, while more of the lot waits in refining', async () => {
  const { upstream, p1, p2, part } = await world();
  await startBatch(await personAt(p1.store.db, 'kiprop'), 'PB-2');
  await startBatch(await personAt(p2.store.db, 'kiprop'), 'PB-2');
  await syncOnce(p1.store.db);
  await syncOnce(p2.store.db);
  await syncOnce(p1.store.db);

  expect(await attention(p2.store.db)).toEqual([
    { kind: 'rejected', reason: 'plating.alreadyStarted' },
    { kind: 'rejected', reason: 'plating.alreadyStarted' },
  ]);
  const sees = await expectSameEverywhere(upstream, p1, p2);
  expect(sees.lots.find((l) => l.id === part)).toMatchObject({ refining: 20, plating: 10 });
  expect(sees.batches.find((b) => b.id === 'PB-2')).toMatchObject({ state: 'running' });
});

it('gives a batch back to the plan, and its pieces to refining, and drops its run\'s reading, when its start came after the planner took it out', async () => {
  const { upstream, p1, p2, whole } = await world();
  // Apart: the planner publishes a plan without PB-1; at the other station an operator starts PB-1.
  const plan = await p1.store.db.selectFrom('plating_batches').selectAll().where('id', '!=', 'PB-1').orderBy('id').execute();
  const items = await p1.store.db.selectFrom('plating_batch_items').selectAll().where('batch_id', '!=', 'PB-1').execute();
  const batches = plan.map((b) => ({ id: b.id, lineId: b.line_id, finish: b.finish, startAt: b.start_at, endAt: b.end_at, locked: false, expectedMetalG: 1, items: items.filter((i) => i.batch_id === b.id).map((i) => ({ lotId: i.lot_id, pieces: i.pieces })) }));
  await (await personAt(p1.store.db, 'akinyi')).write(({ record }) => record(planPublished, { basedOn: 1, batches }));
  const kiprop2 = await personAt(p2.store.db, 'kiprop');
  await startBatch(kiprop2, 'PB-1');
  await logReading(kiprop2, 'PB-1', { kind: 'bath', temperatureC: 55, currentA: 12, minutes: 5, sample: null, thicknessUm: null });
  await syncOnce(p1.store.db);
  // The operator's station takes the new plan before its start has gone out: its running PB-1 outlives the plan.
  const db = p2.store.db;
  await pullOnly(db);
  await syncOnce(db);
  await syncOnce(p1.store.db);

  // The start, its lot's pieces leaving with it, and the bath reading of that run are listed; the run's reading is gone with it.
  expect(await attention(db)).toEqual([
    { kind: 'rejected', reason: 'plating.batchNotFound' },
    { kind: 'rejected', reason: 'plating.batchNotFound' },
    { kind: 'rejected', reason: 'plating.notRunning' },
  ]);
  const sees = await expectSameEverywhere(upstream, p1, p2);
  expect(sees.batches.map((b) => b.id)).toEqual(['PB-2', 'PB-3']);
  expect(await db.selectFrom('plating_readings').selectAll().execute()).toEqual([]);
  expect(sees.lots.find((l) => l.id === whole)).toMatchObject({ refining: 10, plating: 0 });
});

it('refuses a plan made on a version the upstream never had, where its plan reached the same number by other changes', async () => {
  const { upstream, p1, p2, whole } = await world();
  const planOf = (id: string) => p1.store.db.selectFrom('plating_batches').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const batch = (b: Awaited<ReturnType<typeof planOf>>, id: string, lotId: string) => ({ id, lineId: b.line_id, finish: b.finish, startAt: b.start_at, endAt: b.end_at, locked: false, expectedMetalG: 1, items: [{ lotId, pieces: 10 }] });
  // The first station re-plans (version 2: PB-X takes the refined lot) and starts PB-X.
  const pb1 = await planOf('PB-1');
  // Each plan made as the planning service makes it: on the version it sees, named by when that version was made.
  const publish = (planner: Awaited<ReturnType<typeof personAt>>, basedOn: number, batches: ReturnType<typeof batch>[]) =>
    planner.write(async ({ record, trx }) => record(planPublished, { basedOn, basedOnAt: await planMadeAt(trx), batches }));
  await publish(await personAt(p1.store.db, 'akinyi'), 1, [batch(pb1, 'PB-X', whole)]);
  await startBatch(await personAt(p1.store.db, 'kiprop'), 'PB-X');
  await syncOnce(p1.store.db);
  // Apart, the second station re-planned twice: its version 2 is refused, and so is its version 3,
  // made on its own version 2, though the upstream's plan is at version 2 too (the first station's).
  const planner2 = await personAt(p2.store.db, 'akinyi');
  await publish(planner2, 1, [batch(pb1, 'PB-Y', whole)]);
  await publish(planner2, 2, [batch(pb1, 'PB-Z', whole)]);
  await syncOnce(p2.store.db);
  await syncOnce(p1.store.db);

  expect(await attention(p2.store.db)).toEqual([
    { kind: 'rejected', reason: 'plating.planChanged' },
    { kind: 'rejected', reason: 'plating.planChanged' },
  ]);
  const sees = await expectSameEverywhere(upstream, p1, p2);
  expect(sees.batches.map((b) => [b.id, b.state])).toEqual([['PB-X', 'running']]);
  expect(sees.lots.find((l) => l.id === whole)).toMatchObject({ refining: 0, plating: 10 });
});

it('ends with the same refinement progress everywhere when a batch start and a step done arrive in another order', async () => {
  const { upstream, p1, p2, part } = await world();
  // Apart: each station starts a batch of the lot's 10 refined pieces; the second then polishes 10 more.
  await startBatch(await personAt(p1.store.db, 'kiprop'), 'PB-2');
  const kiprop2 = await personAt(p2.store.db, 'kiprop');
  await startBatch(kiprop2, 'PB-3');
  await recordStepDone(kiprop2, part, 'polish', 10);
  await syncOnce(p1.store.db);
  await syncOnce(p2.store.db);
  await syncOnce(p1.store.db);

  expect(await attention(p2.store.db)).toEqual([]);
  const sees = await expectSameEverywhere(upstream, p1, p2);
  expect(sees.lots.find((l) => l.id === part)).toMatchObject({ refining: 10, plating: 20 });
});

/**
 * The lot of 30 with 20 refined: PB-2 and PB-3 take 10 each and start, PB-2 finishes, everywhere.
 * Then, apart, the first station passes PB-2's 10 and the second passes 8 and sends 2 to rework.
 */
async function checkedAtBoth() {
  const w = await world();
  const { p1, p2, part } = w;
  const kiprop1 = await personAt(p1.store.db, 'kiprop');
  const design = await p1.store.db.selectFrom('lots').innerJoin('designs', 'designs.sku', 'lots.design_sku').select('designs.materials').where('lots.id', '=', part).executeTakeFirstOrThrow();
  for (const step of stepsFor(JSON.parse(design.materials) as string[])) await recordStepDone(kiprop1, part, step, 10);
  await startBatch(kiprop1, 'PB-2');
  await startBatch(kiprop1, 'PB-3');
  await finishBatch(kiprop1, 'PB-2', 1.1);
  await syncOnce(p1.store.db);
  await syncOnce(p2.store.db);
  await checkPlatedLot(kiprop1, 'PB-2', { lotId: part, passed: 10, rework: 0, thicknessOk: true, adhesionOk: true, colourOk: true });
  await checkPlatedLot(await personAt(p2.store.db, 'kiprop'), 'PB-2', { lotId: part, passed: 8, rework: 2, thicknessOk: true, adhesionOk: true, colourOk: true });
  return w;
}

const secondCheck = (kind: 'rejected' | 'conflict') => [
  { kind, reason: 'plating.checkNotCounted' },
  { kind, reason: 'plating.checkNotCounted' },
  { kind, reason: 'plating.checkTooMany' },
];

it('moves the pieces of a lot checked at both stations once, while more of the lot is in plating from another batch', async () => {
  const { upstream, p1, p2, part } = await checkedAtBoth();
  await syncOnce(p1.store.db);
  await syncOnce(p2.store.db);
  await syncOnce(p1.store.db);

  // PB-2's 10 pieces moved once, as the first station checked them; PB-3's 10 are still in plating.
  const sees = await expectSameEverywhere(upstream, p1, p2);
  expect(sees.items.find((i) => i.batch_id === 'PB-2')).toMatchObject({ checked: 10 });
  expect(sees.lots.find((l) => l.id === part)).toMatchObject({ refining: 10, plating: 10, finished: 10, rework: 0 });
  // The second check came after the first: it and both its moves are listed at its station.
  expect(await attention(p2.store.db)).toEqual(secondCheck('rejected'));
});

it('leaves out a check and its moves when the station learns of the other check before sending its own', async () => {
  const { upstream, p1, p2, part } = await checkedAtBoth();
  await syncOnce(p1.store.db);
  // The second station pulls the first's check before its own has gone out: its check and moves no longer fit.
  const db = p2.store.db;
  await pullOnly(db);
  expect(await attention(db)).toEqual(secondCheck('conflict'));
  expect(await db.selectFrom('lots').select(['plating', 'finished', 'rework']).where('id', '=', part).executeTakeFirstOrThrow()).toEqual({ plating: 10, finished: 10, rework: 0 });
  await syncOnce(db);
  await syncOnce(p1.store.db);

  expect(await attention(db)).toEqual(secondCheck('rejected'));
  const sees = await expectSameEverywhere(upstream, p1, p2);
  expect(sees.items.find((i) => i.batch_id === 'PB-2')).toMatchObject({ checked: 10 });
  expect(sees.lots.find((l) => l.id === part)).toMatchObject({ refining: 10, plating: 10, finished: 10, rework: 0 });
});

it('still moves the pieces of a check recorded before schema 12, by its lot.moved', async () => {
  const { upstream, p1, p2, whole } = await world();
  const kiprop1 = await personAt(p1.store.db, 'kiprop');
  await startBatch(kiprop1, 'PB-1');
  await finishBatch(kiprop1, 'PB-1', 1.1);
  // As checkPlatedLot wrote a check until schema 12.
  await kiprop1.write(async ({ record }) => {
    await record(lotChecked, { batchId: 'PB-1', lotId: whole, passed: 7, rework: 3, thicknessOk: true, adhesionOk: true, colourOk: true });
    await record(lotMoved, { lotId: whole, from: 'plating', to: 'finished', quantity: 7, reason: 'passed after batch PB-1' });
    await record(lotMoved, { lotId: whole, from: 'plating', to: 'rework', quantity: 3, reason: 'plating check failed, batch PB-1' });
  });
  await syncOnce(p1.store.db);
  await syncOnce(p2.store.db);

  expect(await attention(p1.store.db)).toEqual([]);
  const sees = await expectSameEverywhere(upstream, p1, p2);
  expect(sees.items.find((i) => i.batch_id === 'PB-1')).toMatchObject({ checked: 10 });
  expect(sees.lots.find((l) => l.id === whole)).toMatchObject({ plating: 0, finished: 7, rework: 3 });
});

it('keeps a batch as it was started when a planner elsewhere, not knowing of the start, re-planned it', async () => {
  const { upstream, p1, p2, part } = await world();
  await startBatch(await personAt(p1.store.db, 'kiprop'), 'PB-2');
  await syncOnce(p1.store.db);
  // Apart, the second station's planner moves PB-2 and gives it 5 pieces, on the plan it holds (the upstream's version).
  const planner2 = await personAt(p2.store.db, 'akinyi');
  const plan = await p2.store.db.selectFrom('plating_batches').selectAll().orderBy('id').execute();
  const items = await p2.store.db.selectFrom('plating_batch_items').selectAll().execute();
  const batches = plan.map((b) => ({
    id: b.id,
    lineId: b.line_id,
    finish: b.finish,
    startAt: b.id === 'PB-2' ? new Date(Date.now() + 30 * 3600_000).toISOString() : b.start_at,
    endAt: b.id === 'PB-2' ? new Date(Date.now() + 31 * 3600_000).toISOString() : b.end_at,
    locked: false,
    expectedMetalG: 1,
    items: items.filter((i) => i.batch_id === b.id).map((i) => ({ lotId: i.lot_id, pieces: b.id === 'PB-2' ? 5 : i.pieces })),
  }));
  await planner2.write(async ({ record, trx }) => record(planPublished, { basedOn: 1, basedOnAt: await planMadeAt(trx), batches }));
  await syncOnce(p2.store.db);
  await syncOnce(p1.store.db);
  await syncOnce(p2.store.db);

  const sees = await expectSameEverywhere(upstream, p1, p2);
  expect(sees.items.find((i) => i.batch_id === 'PB-2')).toMatchObject({ lot_id: part, pieces: 10 });
  expect(sees.batches.find((b) => b.id === 'PB-2')).toMatchObject({ state: 'running' });
});

it('runs a batch where a move placed before its start put it, at the station that started it not knowing of the move', async () => {
  const { upstream, p1, p2 } = await world();
  const { line_id } = await p2.store.db.selectFrom('plating_batches').select('line_id').where('id', '=', 'PB-2').executeTakeFirstOrThrow();
  const [startAt, endAt] = [30, 31].map((h) => new Date(Date.now() + h * 3600_000).toISOString());
  // Apart: the second station's planner moves PB-2 a day on and syncs; the first station's operator starts PB-2 as it stood there.
  await (await personAt(p2.store.db, 'akinyi')).write(async ({ record, trx }) =>
    record(batchMoved, { basedOn: 1, basedOnAt: await planMadeAt(trx), batchId: 'PB-2', lineId: line_id, startAt: startAt!, endAt: endAt!, overridden: [] }),
  );
  await syncOnce(p2.store.db);
  await startBatch(await personAt(p1.store.db, 'kiprop'), 'PB-2');
  await syncOnce(p1.store.db);
  await syncOnce(p2.store.db);

  const sees = await expectSameEverywhere(upstream, p1, p2);
  expect(sees.batches.find((b) => b.id === 'PB-2')).toMatchObject({ state: 'running', start_at: startAt, end_at: endAt });
});
