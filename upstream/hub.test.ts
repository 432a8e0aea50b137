import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../core/app/app';
import { createContext } from '../core/app/context';
import { receiveLot } from '../core/lots/service';
import { enroll, push } from '../core/sync/client';
import { digestStore } from '../core/sync/digest';
import { syncOnce } from '../core/sync/sync';
import { joinSite } from '../core/testing/joinSite';
import { tempStoreFile } from '../core/testing/tempStore';
import { issueHubKey } from './admin';
import { publishDemoWork, seedDemoUpstream } from './demo';
import { forwardOnce, linkHub } from './hub';
import { startUpstreamServer, type UpstreamServer } from './server';
import { Upstream } from './service';

// The HQ hub: the site keeps converging over the LAN while the cloud is away, and the cloud gets
// everything once it is back.

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close().catch(() => undefined);
});

async function serve(upstream: Upstream, port = 0): Promise<UpstreamServer> {
  const server = await startUpstreamServer(upstream, { port, host: '127.0.0.1' });
  open.push(server);
  return server;
}

const siteKey = 'hq-site-key';

/** A fresh station that joins the hub at url with the site's key. */
async function station(url: string): Promise<App> {
  const app = await createApp(tempStoreFile(), { devicePollMs: 0, syncIntervalMs: 60_000 });
  open.push(app);
  await joinSite(app, url, siteKey);
  return app;
}

/** A demo cloud, a hub its admin made and that has taken in the site, and the hub's server. */
async function cloudAndHub() {
  const cloud = await Upstream.open(tempStoreFile('cloud.db'), { demo: true });
  open.push(cloud);
  await seedDemoUpstream(cloud);
  const cloudServer = await serve(cloud);
  const hub = await Upstream.open(tempStoreFile('hub.db'), { enrollKey: siteKey });
  open.push(hub);
  await linkHub(hub, { url: cloudServer.url, hubKey: (await issueHubKey(cloud.store.db, 'HQ hub')).key });
  await forwardOnce(hub);
  return { cloud, cloudServer, hub, hubServer: await serve(hub) };
}

/** The receiving clerk at a station receives a lot of cuffs. */
async function receiveAt(app: App, quantity: number): Promise<string> {
  const clerk = await app.store.db.selectFrom('users').select('id').where('username', '=', 'wanjiru').executeTakeFirstOrThrow();
  const ctx = createContext({ db: app.store.db, bus: app.bus, now: () => new Date(), statusChanged: () => undefined }, null, clerk.id);
  return receiveLot(ctx, { designSku: 'BR-CUF-001', artisanId: 'A-00001', finish: 'polished', deliveryCode: null, quantity, weightG: null, state: 'in_qc' });
}

describe('an HQ hub between the stations and the cloud', () => {
  it('keeps the site converging while the cloud is away, then forwards everything, none lost or doubled', async () => {
    const site = await cloudAndHub();
    const { cloud, hub, hubServer } = site;
    let cloudServer = site.cloudServer;
    const cloudPort = Number(new URL(cloudServer.url).port);
    const [r1, q1] = [await station(hubServer.url), await station(hubServer.url)];

    // The cloud goes away. The receiving desk's new lot still reaches the QC bench across the room.
    await cloudServer.close();
    const lotId = await receiveAt(r1, 40);
    await syncOnce(r1.store.db);
    await syncOnce(q1.store.db);
    expect(await q1.store.db.selectFrom('lots').select('in_qc').where('id', '=', lotId).executeTakeFirst()).toEqual({ in_qc: 40 });
    await expect(forwardOnce(hub)).rejects.toMatchObject({ code: 'sync.unreachable' });
    expect(await cloud.store.db.selectFrom('lots').select('id').where('id', '=', lotId).executeTakeFirst()).toBeUndefined();

    // The cloud is back: the hub forwards what its stations made while it was away.
    cloudServer = await serve(cloud, cloudPort);
    const report = await forwardOnce(hub);
    expect(report.pushed).toBeGreaterThan(0);
    await forwardOnce(hub);
    const everywhere = await Promise.all([cloud.store.db, hub.store.db, r1.store.db, q1.store.db].map((db) => digestStore(db)));
    expect(new Set(everywhere.map((d) => d.hash)).size).toBe(1);
    const ids = await cloud.store.db.selectFrom('events').select('id').where('lot_id', '=', lotId).execute();
    expect(ids).toHaveLength(1);
  });

  it('lets only a hub its admin made speak for other stations: asking to be a relay makes none', async () => {
    const cloud = await Upstream.open(tempStoreFile('cloud.db'), { demo: true });
    open.push(cloud);
    const server = await serve(cloud);
    // A station asks over the wire to be a relay, as a hub of an earlier version did.
    const asking = await enroll({ url: server.url, token: null }, { code: 'R9', name: 'Desk', demo: false, relay: true } as { code: string; name: string; demo: boolean });
    expect(await cloud.authenticate(asking.data.token)).toEqual({ code: 'R9', relay: false });
    const event = { id: 'e-1', station: 'Q7', seq: 1, type: 'artisan.registered', lotId: null, payload: { id: 'A-1', name: 'N', phone: 'p', region: 'r', joinedOn: '2026-01-01' }, userId: 'u', at: new Date().toISOString() };
    const [refused] = await push({ url: server.url, token: asking.data.token }, [event]).then((r) => r.data.results);
    expect(refused).toMatchObject({ status: 'rejected', reason: 'sync.foreignStation' });

    const issued = await issueHubKey(cloud.store.db, 'Mombasa hub');
    const hub = await enroll({ url: server.url, token: null, enrollKey: issued.key }, { code: null, name: 'anything', demo: false });
    expect(hub.data.station).toEqual({ code: issued.code, name: 'Mombasa hub' });
    expect(await cloud.authenticate(hub.data.token)).toEqual({ code: issued.code, relay: true });
    const [relayed] = await push({ url: server.url, token: hub.data.token }, [{ ...event, id: 'e-2', seq: 2 }]).then((r) => r.data.results);
    expect(relayed).not.toMatchObject({ reason: 'sync.foreignStation' });
    // The key is spent: presented again, it makes no second hub.
    await expect(enroll({ url: server.url, token: null, enrollKey: issued.key }, { code: null, name: 'again', demo: false })).resolves.toMatchObject({ data: { station: { code: 'R1' } } });
    expect((await cloud.store.db.selectFrom('upstream_stations').select('code').where('relay', '=', 1).execute()).map((s) => s.code)).toEqual([issued.code]);
  });
});

describe('a hub whose upstream refuses an event', () => {
  it('lists it, sends it no more, goes on pulling, and passes the refusal down to the station that made it', async () => {
    const { cloud, hub, hubServer } = await cloudAndHub();
    const [r1, q1] = [await station(hubServer.url), await station(hubServer.url)];
    // The cloud stops taking the hub as a relay: every event of its stations is refused there.
    await cloud.store.db.updateTable('upstream_stations').set({ relay: 0 }).execute();
    const lotId = await receiveAt(r1, 10);
    const pushed = await syncOnce(r1.store.db);
    expect(pushed).toMatchObject({ pushed: 1, rejected: 0 });
    const first = await forwardOnce(hub);
    expect(first.rejected).toBeGreaterThan(0);
    const again = await forwardOnce(hub);
    expect(again).toMatchObject({ pushed: 0, rejected: 0 });
    const listed = await hub.store.db.selectFrom('sync_attention').select(['reason']).execute();
    expect(listed.map((l) => l.reason)).toContain('sync.foreignStation');

    // The receiving desk's next round lists its receipt as refused beyond the hub, once; the QC bench lists nothing.
    const told = await syncOnce(r1.store.db);
    expect(told.rejected).toBe(1);
    expect(await syncOnce(r1.store.db)).toMatchObject({ rejected: 0 });
    await syncOnce(q1.store.db);
    const supervisor = await r1.call({ name: 'session.login', input: { username: 'halima', pin: '6666' } });
    if (!supervisor.ok) throw new Error(supervisor.error.message);
    const detail = await r1.call({ name: 'sync.status', input: {}, token: (supervisor.data as { token: string }).token });
    if (!detail.ok) throw new Error(detail.error.message);
    expect((detail.data as { attention: unknown[] }).attention).toEqual([expect.objectContaining({ kind: 'rejected', reason: 'sync.foreignStation', lotId, resolution: null })]);
    expect(await q1.store.db.selectFrom('sync_attention').select('event_id').execute()).toEqual([]);
  });
});

describe('a hub whose upstream was restored from a backup', () => {
  it('notices, even when the upstream has moved past its cursor since, and sends again what it forgot', async () => {
    const { cloud, hub, hubServer } = await cloudAndHub();
    const r1 = await station(hubServer.url);
    const lotId = await receiveAt(r1, 12);
    await syncOnce(r1.store.db);
    await forwardOnce(hub);
    expect(await cloud.store.db.selectFrom('lots').select('id').where('id', '=', lotId).executeTakeFirst()).toBeDefined();

    // The cloud loses everything the hub sent (as if restored from the backup of the night before),
    // and the platform publishes new work past where the hub had come.
    await cloud.store.db.deleteFrom('lots').execute();
    await cloud.store.db.deleteFrom('events').where('station', '!=', 'UP').execute();
    await publishDemoWork(cloud, { notices: 30, orders: 30 }, 7);

    await forwardOnce(hub);
    await forwardOnce(hub);
    expect(await cloud.store.db.selectFrom('lots').select('id').where('id', '=', lotId).executeTakeFirst()).toBeDefined();
    const [atCloud, atHub] = await Promise.all([digestStore(cloud.store.db), digestStore(hub.store.db)]);
    expect(atHub).toEqual(atCloud);
  });
});
