import { afterEach, describe, expect, it } from 'vitest';
import { freshPgUrl } from '../../upstream/pg/testing';
import type { UpstreamTarget } from '../../upstream/pg/store';
import { Upstream } from '../../upstream/service';
import { publishDemoWork, seedDemoUpstream } from '../../upstream/demo';
import { startUpstreamServer, type UpstreamServer } from '../../upstream/server';
import { createApp, type App } from '../app/app';
import { createContext } from '../app/context';
import { moveLot, receiveLot } from '../lots/service';
import { lotStates, type Db } from '../db/schema';
import { simulateDay } from '../simulate/simulate';
import { joinSite } from '../testing/joinSite';
import { tempStoreFile } from '../testing/tempStore';
import { openStore } from '../db/store';
import { digestStore } from './digest';
import { enrollStation, syncOnce } from './sync';

// Stations and an upstream in one process, over real HTTP on loopback: what a supervisor sees.
// Every test runs twice: with the upstream storing in SQLite and in PostgreSQL (KARAKANA_TEST_PG).

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

const storages = ['sqlite', 'postgresql'] as const;
type Storage = (typeof storages)[number];

async function upstreamTarget(storage: Storage): Promise<UpstreamTarget> {
  return storage === 'sqlite' ? { file: tempStoreFile('upstream.db') } : { pg: await freshPgUrl() };
}

async function siteOn(storage: Storage, options: { demo?: boolean; enrollKey?: string } = { demo: true }) {
  const upstream = await Upstream.open(await upstreamTarget(storage), options);
  if (options.demo) await seedDemoUpstream(upstream);
  const server: UpstreamServer = await startUpstreamServer(upstream, { port: 0, host: '127.0.0.1' });
  open.push(upstream, server);
  return { upstream, url: server.url };
}

async function station(url: string): Promise<App> {
  const app = await createApp(tempStoreFile(), { devicePollMs: 0, syncIntervalMs: 60_000 });
  open.push(app);
  await joinSite(app, url);
  return app;
}

async function login(app: App, username: string, pin: string): Promise<string> {
  const result = await app.call({ name: 'session.login', input: { username, pin } });
  if (!result.ok) throw new Error(result.error.message);
  return (result.data as { token: string }).token;
}

async function call<T>(app: App, token: string, name: string, input: unknown = {}): Promise<T> {
  const result = await app.call({ name, input, token });
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.data as T;
}

describe.each(storages)('with the upstream in %s', (storage) => {
  const site = (options?: { demo?: boolean; enrollKey?: string }) => siteOn(storage, options);

  describe('sync between stations', () => {
    it('keeps one lot when two desks received the same notice line while apart, on both desks', async () => {
      const { upstream, url } = await site();
      const [r1, r2] = [await station(url), await station(url)];
      const received: Record<string, string> = {};
      for (const [name, app] of [['r1', r1], ['r2', r2]] as const) {
        const token = await login(app, 'wanjiru', '1111');
        const delivery = await call<{ lines: { lineNo: number; designSku: string; finish: string; expected: number }[] }>(app, token, 'receiving.open', { code: 'DN-26-000101' });
        const line = delivery.lines[0]!;
        const lot = await call<{ lotId: string }>(app, token, 'receiving.receive', {
          deliveryCode: 'DN-26-000101',
          lineNo: line.lineNo,
          artisanOrderId: null,
          designSku: line.designSku,
          finish: line.finish,
          quantity: line.expected,
          weighing: null,
          count: { method: 'hand', unitWeightG: null, sampleSize: null },
          variance: null,
        });
        received[name] = lot.lotId;
      }
      await syncOnce(r1.store.db);
      // (The desks' own sync loops may have pushed already: the outcome is what counts.)
      await syncOnce(r2.store.db);
      await syncOnce(r1.store.db);
      for (const app of [r1, r2]) {
        const line = await app.store.db.selectFrom('delivery_notice_lines').select('received_lot_id').where('notice_code', '=', 'DN-26-000101').where('line_no', '=', 1).executeTakeFirstOrThrow();
        expect(line.received_lot_id).toBe(received.r1);
        expect(await app.store.db.selectFrom('lots').select('id').where('id', '=', received.r2!).executeTakeFirst()).toBeUndefined();
      }
      const attention = await r2.store.db.selectFrom('sync_attention').select(['kind', 'reason']).where('resolved_at', 'is', null).execute();
      expect(attention).toEqual([{ kind: 'rejected', reason: 'receiving.lineAlreadyReceived' }]);
      const digests = await Promise.all([r1.store.db, r2.store.db, upstream.store.db].map((db) => digestStore(db)));
      expect(new Set(digests.map((d) => d.hash)).size).toBe(1);
    });

    it('brings a lot received at one station, with its history, to the other', async () => {
      const { url } = await site();
      const [r1, q1] = [await station(url), await station(url)];
      const clerk = await login(r1, 'wanjiru', '1111');
      const me = await call<{ id: string }>(r1, clerk, 'session.me');
      const lotId = await receiveLot(createContext({ db: r1.store.db, bus: r1.bus, now: () => new Date(), statusChanged: () => undefined }, null, me.id), {
        designSku: 'BR-CUF-001',
        artisanId: 'A-00001',
        finish: 'polished',
        deliveryCode: null,
        quantity: 40,
        weightG: 1520,
        state: 'in_qc',
      });
      await syncOnce(r1.store.db);
      await syncOnce(q1.store.db);
      const inspector = await login(q1, 'otieno', '2222');
      const seen = await call<{ lot: { quantities: Record<string, number> }; history: { userName: string; station: string }[] }>(q1, inspector, 'lots.get', { lotId });
      expect(seen.lot.quantities.in_qc).toBe(40);
      expect(seen.history).toEqual([expect.objectContaining({ userName: 'Wanjiru Kamau', station: 'R1' })]);
      expect(await digestStore(q1.store.db)).toEqual(await digestStore(r1.store.db));
    });

    it('shows a supervisor both sides when two stations moved the same pieces, and keeps every lot balanced', async () => {
      const { upstream, url } = await site();
      const [r1, q1] = [await station(url), await station(url)];
      const as = (app: App, userId: string) => createContext({ db: app.store.db, bus: app.bus, now: () => new Date(), statusChanged: () => undefined }, null, userId);
      const supervisor = await login(r1, 'halima', '6666');
      const halima = await call<{ id: string }>(r1, supervisor, 'session.me');
      const lotId = await receiveLot(as(r1, halima.id), { designSku: 'BR-CUF-001', artisanId: 'A-00001', finish: 'polished', deliveryCode: null, quantity: 10, weightG: null, state: 'in_qc' });
      await syncOnce(r1.store.db);
      await syncOnce(q1.store.db);

      // Apart: Q1 sends 8 pieces on to refining, R1 returns 5 of the same 10 to the artisan.
      await moveLot(as(q1, halima.id), { lotId, from: 'in_qc', to: 'refining', quantity: 8, reason: null });
      await moveLot(as(r1, halima.id), { lotId, from: 'in_qc', to: 'returned', quantity: 5, reason: 'Clasp broken' });
      await syncOnce(q1.store.db);
      const report = await syncOnce(r1.store.db);
      expect(report.rejected).toBe(1);
      await syncOnce(q1.store.db);

      for (const db of [r1.store.db, q1.store.db, upstream.store.db]) {
        const lot = await db.selectFrom('lots').selectAll().where('id', '=', lotId).executeTakeFirstOrThrow();
        expect(lotStates.reduce((sum, s) => sum + lot[s], 0)).toBe(10);
        expect(lot).toMatchObject({ in_qc: 2, refining: 8, returned: 0 });
      }
      expect(await digestStore(r1.store.db)).toEqual(await digestStore(upstream.store.db));

      type Detail = { attention: { eventId: string; kind: string; reason: string; current: Record<string, number> | null; resolution: unknown }[] };
      const detail = await call<Detail>(r1, supervisor, 'sync.status');
      expect(detail.attention).toHaveLength(1);
      expect(detail.attention[0]).toMatchObject({ kind: 'rejected', reason: 'lot.notEnough', current: expect.objectContaining({ in_qc: 2, refining: 8 }), resolution: null });
      const status = await call<{ sync: { attention: number } }>(r1, supervisor, 'status.get');
      expect(status.sync.attention).toBe(1);

      // Redo needs the pieces: 5 are no longer in QC, so the redo is refused and nothing changes.
      await expect(call(r1, supervisor, 'sync.resolve', { eventId: detail.attention[0]!.eventId, resolution: 'redo' })).rejects.toMatchObject({ code: 'lot.notEnough' });
      await call(r1, supervisor, 'sync.resolve', { eventId: detail.attention[0]!.eventId, resolution: 'acknowledge' });
      const after = await call<Detail>(r1, supervisor, 'sync.status');
      expect(after.attention[0]!.resolution).toMatchObject({ how: 'acknowledge' });
      const clerk = await login(r1, 'wanjiru', '1111');
      await expect(call(r1, clerk, 'sync.resolve', { eventId: detail.attention[0]!.eventId, resolution: 'acknowledge' })).rejects.toMatchObject({ code: 'auth.forbidden' });
    });

    it("gives the upstream and a station pulling them the desk's QC decisions and switching states, as the desk applied them one by one", async () => {
      const { upstream, url } = await site();
      const [desk, other] = [await station(url), await station(url)];
      await simulateDay(desk.store.db, 400, 23);
      await syncOnce(desk.store.db);
      await syncOnce(other.store.db);
      const decisions = (db: Db) => db.selectFrom('qc_decisions').select(['lot_id', 'round', 'event_id', 'verdict', 'disposition', 'sample_size']).orderBy('lot_id').orderBy('round').execute();
      const switching = (db: Db) =>
        db.selectFrom('qc_switching').select(['artisan_id', 'design_sku', 'mode', 'state', 'updated_at', 'folded_at', 'folded_id']).orderBy('artisan_id').orderBy('design_sku').execute();
      const made = { decisions: await decisions(desk.store.db), switching: await switching(desk.store.db) };
      const today = await desk.store.db.selectFrom('events').select('id').where('type', '=', 'qc.decided').where('local', '=', 1).execute();
      expect(today.length).toBeGreaterThan(20);
      for (const db of [upstream.store.db, other.store.db]) expect({ decisions: await decisions(db), switching: await switching(db) }).toEqual(made);
    });

    it('holds an event of a type this version does not know, and keeps syncing', async () => {
      const { upstream, url } = await site();
      const r1 = await station(url);
      const head = await upstream.head();
      await upstream.store.db
        .insertInto('events')
        .values({ id: 'future-1', station: 'UP', seq: 10_000, type: 'plating.batchPlanned', lot_id: null, payload: '{"batch":"B-1"}', user_id: 'u', at: new Date().toISOString(), upstream_seq: head + 1, local: 0 })
        .execute();
      const report = await syncOnce(r1.store.db);
      expect(report.held).toBe(1);
      const held = await r1.store.db.selectFrom('events').select('status').where('id', '=', 'future-1').executeTakeFirstOrThrow();
      expect(held.status).toBe('held');
      expect(await digestStore(r1.store.db)).toEqual(await digestStore(upstream.store.db));
    });
    it('numbers pushes from two stations and the platform at the same moment in one order, without gaps', async () => {
      const { upstream, url } = await site();
      const [r1, q1] = [await station(url), await station(url)];
      const me = await call<{ id: string }>(r1, await login(r1, 'wanjiru', '1111'), 'session.me');
      for (const app of [r1, q1])
        for (let i = 1; i <= 5; i++) {
          const ctx = createContext({ db: app.store.db, bus: app.bus, now: () => new Date(), statusChanged: () => undefined }, null, me.id);
          await receiveLot(ctx, { designSku: 'BR-CUF-001', artisanId: 'A-00001', finish: 'polished', deliveryCode: null, quantity: 10 * i, weightG: null, state: 'in_qc' });
        }
      const [fromR1, fromQ1] = await Promise.all([syncOnce(r1.store.db), syncOnce(q1.store.db), publishDemoWork(upstream, { notices: 3, orders: 2 }, 7)]);
      expect(fromR1).toMatchObject({ pushed: 5, rejected: 0 });
      expect(fromQ1).toMatchObject({ pushed: 5, rejected: 0 });
      const order = await upstream.store.db.selectFrom('events').select('upstream_seq').where('upstream_seq', 'is not', null).orderBy('upstream_seq').execute();
      expect(order.map((e) => e.upstream_seq)).toEqual(order.map((_, i) => i + 1));
      expect(await upstream.head()).toBe(order.length);
      await syncOnce(r1.store.db);
      await syncOnce(q1.store.db);
      expect(await digestStore(r1.store.db)).toEqual(await digestStore(upstream.store.db));
      expect(await digestStore(q1.store.db)).toEqual(await digestStore(upstream.store.db));
    });
  });

  describe('enrollment', () => {
    it('refuses a demo store, and a station without the site key at a real upstream', async () => {
      const { url } = await site({ demo: false, enrollKey: 'site-secret' });
      const demo = await createApp(tempStoreFile(), { devicePollMs: 0 });
      open.push(demo);
      await demo.call({ name: 'setup.loadDemo', input: {} });
      await expect(enrollStation(demo.store.db, url, { code: null, name: null })).rejects.toMatchObject({ code: 'sync.demoStore' });
      const fresh = await createApp(tempStoreFile(), { devicePollMs: 0 });
      open.push(fresh);
      const joined = await fresh.call({ name: 'setup.joinSite', input: { url } });
      expect(joined).toMatchObject({ ok: false, error: { code: 'sync.wrongSiteKey' } });
      expect(await fresh.store.db.selectFrom('station').selectAll().execute()).toEqual([]);
    });

    it('syncs a running station that another process enrolled (hq sync beside hq serve), with no restart', async () => {
      const { url } = await site();
      const file = tempStoreFile();
      const running = await createApp(file, { devicePollMs: 0, syncIntervalMs: 100, enrollmentPollMs: 50 });
      open.push(running);
      const technician = await openStore(file);
      await enrollStation(technician.db, url, { code: null, name: 'Packing table' });
      await technician.close();
      // Only the running app syncs now: the site's people reach its store, and its clerk logs in there.
      for (let waited = 0; waited < 20_000 && !(await running.store.db.selectFrom('users').select('id').where('username', '=', 'wanjiru').executeTakeFirst()); waited += 50)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await running.call({ name: 'session.login', input: { username: 'wanjiru', pin: '1111' } })).toMatchObject({ ok: true });
      expect(await running.store.db.selectFrom('sync_state').select('last_success_at').executeTakeFirstOrThrow()).not.toEqual({ last_success_at: null });
    });
  });
});
