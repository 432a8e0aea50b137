import { afterEach, expect, it } from 'vitest';
import { Upstream } from '../../upstream/service';
import { seedDemoUpstream } from '../../upstream/demo';
import { startUpstreamServer } from '../../upstream/server';
import { Bus } from '../app/bus';
import { createContext } from '../app/context';
import { receiveLot } from '../lots/service';
import { digestStore } from '../sync/digest';
import { FaultProxy } from '../sync/faults/proxy';
import { syncOnce } from '../sync/sync';
import { loggedIn, siteStation } from '../testing/joinSite';
import { tempStoreFile } from '../testing/tempStore';
import { decideAtBench, judgeAtBench } from './testWorld';

// Two QC benches and a real upstream over HTTP: a lot decided at both while apart is decided once.

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

const station = (url: string) => siteStation(url, open);
const as = loggedIn;

/** Two benches joined to a real upstream, and a way to receive a lot of one artisan and design at the first. */
async function site() {
  const upstream = await Upstream.open({ file: tempStoreFile('upstream.db') }, { demo: true });
  await seedDemoUpstream(upstream);
  const server = await startUpstreamServer(upstream, { port: 0, host: '127.0.0.1' });
  // The second bench reaches the upstream through a proxy, so that a test can take it off the network.
  const proxy = await FaultProxy.start({ port: Number(new URL(server.url).port) });
  open.push(upstream, server, proxy);
  const [q1, q2] = [await station(server.url), await station(proxy.url)];
  const artisan = await q1.store.db.selectFrom('artisans').select('id').orderBy('id').executeTakeFirstOrThrow();
  const design = await q1.store.db.selectFrom('designs').select(['sku', 'finishes']).orderBy('sku').executeTakeFirstOrThrow();
  const clerk = await q1.store.db.selectFrom('users').select('id').where('username', '=', 'wanjiru').executeTakeFirstOrThrow();
  const desk = createContext({ db: q1.store.db, bus: new Bus(), now: () => new Date(), statusChanged: () => undefined }, null, clerk.id);
  const receive = () => receiveLot(desk, { designSku: design.sku, artisanId: artisan.id, finish: (JSON.parse(design.finishes) as string[])[0]!, deliveryCode: null, quantity: 50, weightG: null, state: 'in_qc' });
  return { upstream, proxy, q1, q2, artisan, design, receive };
}

it('keeps the first decision and moves the pieces once when two benches decided a lot while apart', async () => {
  const { proxy, q1, q2, artisan, design, receive } = await site();
  const lotId = await receive();
  await syncOnce(q1.store.db);
  await syncOnce(q2.store.db);

  // Apart: the first bench accepts by the plan; at the second a supervisor rejects and returns it.
  // The second bench is off the network: its writes wake its sync loop, which must not learn the first's decision.
  proxy.set({ kind: 'down' });
  const halima = await as(q2, 'halima', '6666');
  const atSecond = await judgeAtBench(halima, lotId);
  const otieno = await as(q1, 'otieno', '2222');
  await decideAtBench(otieno, lotId, { verdict: 'accept', disposition: null, reason: null });
  await syncOnce(q1.store.db);
  await halima('qc.decide', { lotId, inspectionId: atSecond, verdict: 'reject', disposition: 'return', reason: 'Clasps look weak' });
  proxy.set({ kind: 'pass' });
  await syncOnce(q1.store.db);
  await syncOnce(q2.store.db);
  await syncOnce(q1.store.db);

  for (const app of [q1, q2]) {
    const lot = await app.store.db.selectFrom('lots').selectAll().where('id', '=', lotId).executeTakeFirstOrThrow();
    expect(lot).toMatchObject({ in_qc: 0, refining: 50, returned: 0, qc_round: 1 });
    const decisions = await app.store.db.selectFrom('qc_decisions').select(['round', 'verdict']).where('lot_id', '=', lotId).execute();
    expect(decisions).toEqual([{ round: 0, verdict: 'accept' }]);
    const switching = await app.store.db.selectFrom('qc_switching').select('state').where('artisan_id', '=', artisan.id).where('design_sku', '=', design.sku).executeTakeFirstOrThrow();
    expect(JSON.parse(switching.state)).toMatchObject({ mode: 'first-lots' });
  }
  // The second bench's decision and move are there for a supervisor to see, not silently dropped.
  const attention = await q2.store.db.selectFrom('sync_attention').select(['kind', 'reason']).where('resolved_at', 'is', null).orderBy('reason').execute();
  expect(attention).toEqual([
    { kind: 'rejected', reason: 'lot.notEnough' },
    { kind: 'rejected', reason: 'qc.alreadyDecided' },
  ]);
});

it('folds every pair again from the new count when a supervisor changes the first lots at 100 %', async () => {
  const { upstream, q1, q2, artisan, design, receive } = await site();
  // Three lots of the pair accepted: past the company's first 3 lots, on normal inspection.
  const otieno = await as(q1, 'otieno', '2222');
  for (let i = 0; i < 3; i++) await decideAtBench(otieno, await receive(), { verdict: 'accept', disposition: null, reason: null });
  await syncOnce(q1.store.db);
  await syncOnce(q2.store.db);
  const switching = (app: { store: { db: typeof upstream.store.db } }) =>
    app.store.db.selectFrom('qc_switching').select(['state', 'mode']).where('artisan_id', '=', artisan.id).where('design_sku', '=', design.sku).executeTakeFirstOrThrow();
  expect(await switching(q2)).toMatchObject({ mode: 'normal' });

  // At the other bench a supervisor makes it the first 5: the pair has had 3, so 2 more at 100 %, at every bench.
  await (await as(q2, 'halima', '6666'))('qc.saveDefaults', { majorAql: 2.5, minorAql: 4.0, level: 'II', firstLots: 5 });
  await syncOnce(q2.store.db);
  await syncOnce(q1.store.db);
  const upstreamState = await switching(upstream);
  expect(upstreamState.mode).toBe('all');
  expect(JSON.parse(upstreamState.state)).toMatchObject({ mode: 'first-lots', firstLotsLeft: 2 });
  expect(await switching(q1)).toEqual(upstreamState);
  expect(await switching(q2)).toEqual(upstreamState);
  const digest = await digestStore(upstream.store.db);
  expect(await digestStore(q1.store.db)).toEqual(digest);
  expect(await digestStore(q2.store.db)).toEqual(digest);
});

it('lets a bench that joined the demo upstream log a defect from the catalogue at once', async () => {
  const { q1, receive } = await site();
  const lotId = await receive();
  const otieno = await as(q1, 'otieno', '2222');
  const view = (await otieno('qc.open', { lotId })) as { catalogue: { code: string; class: string }[] };
  expect(view.catalogue.map((c) => c.code)).toContain('dimension');
  const logged = (await otieno('qc.logDefect', { lotId, piece: 1, code: 'dimension' })) as { entries: { code: string | null }[] };
  expect(logged.entries.map((e) => e.code)).toEqual(['dimension']);
});
