import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../core/app/app';
import { exit } from '../core/kernel/command';
import { createContext } from '../core/app/context';
import { receiveLot } from '../core/lots/service';
import { enroll } from '../core/sync/client';
import { syncOnce } from '../core/sync/sync';
import { hq } from '../core/testing/hq';
import { joinSite, loggedIn } from '../core/testing/joinSite';
import { tempStoreFile } from '../core/testing/tempStore';
import { issueHubKey, listStations } from './admin';
import { seedDemoUpstream } from './demo';
import { forwardOnce, linkHub } from './hub';
import { freshPgUrl } from './pg/testing';
import { startUpstreamServer, type UpstreamServer } from './server';
import { Upstream } from './service';

// Who may join a site: a station that presents the site key, a hub its admin made, and no one the
// admin has revoked. The admin's commands run as their own processes beside the running upstream.

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close().catch(() => undefined);
});

const siteKey = 'nairobi-site-key-2026';

async function serve(upstream: Upstream): Promise<UpstreamServer> {
  const server = await startUpstreamServer(upstream, { port: 0, host: '127.0.0.1' });
  open.push(server);
  return server;
}

async function freshStation(): Promise<App> {
  const app = await createApp(tempStoreFile(), { devicePollMs: 0, syncIntervalMs: 60_000 });
  open.push(app);
  return app;
}

async function upstreamOn(file: string, options: { demo?: boolean; enrollKey?: string }) {
  const upstream = await Upstream.open(file, options);
  open.push(upstream);
  if (options.demo) await seedDemoUpstream(upstream);
  return { upstream, server: await serve(upstream) };
}

const enrollOver = (url: string, key: string | null) =>
  fetch(`${url}/sync/v1/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'karakana-enroll-key': key } : {}) },
    body: JSON.stringify({ code: null, name: 'Intruder', demo: false }),
  });

describe('a real upstream and its site key', () => {
  it('will not start without one: hq upstream exits 2 saying so, and Upstream.open refuses', async () => {
    const file = tempStoreFile('upstream.db');
    const run = await hq('upstream', '--db', file, '--port', '0');
    expect(run.code).toBe(exit.usage);
    expect(run.stderr).toContain('a real upstream needs the site key its stations present to enroll: --enroll-key KEY');
    await expect(Upstream.open(file)).rejects.toMatchObject({ code: 'sync.noSiteKey' });
  });

  it('enrolls a station that presents it; without it or with a wrong one: 401 sync.wrongSiteKey, and nothing changes on either side', async () => {
    const { upstream, server } = await upstreamOn(tempStoreFile('upstream.db'), { enrollKey: siteKey });
    expect((await enrollOver(server.url, null)).status).toBe(401);
    expect(await (await enrollOver(server.url, 'nairobi-site-key-2025')).json()).toMatchObject({ error: { code: 'sync.wrongSiteKey' } });
    const app = await freshStation();
    for (const input of [{ url: server.url }, { url: server.url, siteKey: 'nairobi-site-key-2025' }]) {
      const refused = await app.call({ name: 'setup.joinSite', input });
      expect(refused).toMatchObject({ ok: false, error: { code: 'sync.wrongSiteKey' } });
    }
    expect(await app.store.db.selectFrom('station').select('code').execute()).toEqual([]);
    expect(await app.store.db.selectFrom('sync_state').select('id').execute()).toEqual([]);
    expect(await upstream.store.db.selectFrom('upstream_stations').select('code').execute()).toEqual([]);

    const joined = await app.call({ name: 'setup.joinSite', input: { url: server.url, siteKey } });
    expect(joined).toMatchObject({ ok: true, data: { code: 'R1' } });
    expect(await upstream.store.db.selectFrom('upstream_stations').select(['code', 'relay']).execute()).toEqual([{ code: 'R1', relay: 0 }]);
  });
});

describe("the upstream's admin, beside the running upstream", () => {
  it('makes a hub with hq upstream add-hub: its one-time key enrolls it as that relay, and the site\'s work goes through it to the cloud', async () => {
    const cloudFile = tempStoreFile('cloud.db');
    const { upstream: cloud, server } = await upstreamOn(cloudFile, { demo: true });
    const added = await hq('upstream', 'add-hub', '--db', cloudFile, '--name', 'Mombasa hub');
    expect(added.code).toBe(exit.ok);
    const [, code, key] = /^Hub (H\d+) \(Mombasa hub\)\. .*\n(\S+)\n/.exec(added.stdout) ?? [];
    expect(code).toBe('H1');

    const hub = await Upstream.open(tempStoreFile('hub.db'), { enrollKey: siteKey });
    open.push(hub);
    await linkHub(hub, { url: server.url, hubKey: key! });
    await forwardOnce(hub);
    const desk = await freshStation();
    await joinSite(desk, (await serve(hub)).url, siteKey);
    const clerk = await desk.store.db.selectFrom('users').select('id').where('username', '=', 'wanjiru').executeTakeFirstOrThrow();
    const ctx = createContext({ db: desk.store.db, bus: desk.bus, now: () => new Date(), statusChanged: () => undefined }, null, clerk.id);
    const lotId = await receiveLot(ctx, { designSku: 'BR-CUF-001', artisanId: 'A-00001', finish: 'polished', deliveryCode: null, quantity: 8, weightG: null, state: 'in_qc' });
    await syncOnce(desk.store.db);
    await forwardOnce(hub);
    expect(await cloud.store.db.selectFrom('lots').select('in_qc').where('id', '=', lotId).executeTakeFirst()).toEqual({ in_qc: 8 });

    // Spent: a second hub cannot be made with the same key.
    const again = await Upstream.open(tempStoreFile('hub2.db'), { enrollKey: siteKey });
    open.push(again);
    await linkHub(again, { url: server.url, hubKey: key! });
    expect(await cloud.authenticate((await again.store.db.selectFrom('upstream_parent').select('token').executeTakeFirstOrThrow()).token)).toMatchObject({ relay: false });
    const listed = await hq('upstream', 'stations', '--db', cloudFile);
    expect(listed.stdout).toMatch(/^H1\s+Mombasa hub\s+hub\s+\d{4}-/m);
  });

  it('issues hub keys a technician can type after --upstream-key: none starts with a dash, which the command would take for an option', async () => {
    const { upstream } = await upstreamOn(tempStoreFile('cloud.db'), { demo: true });
    const keys: string[] = [];
    // One in 64 base64url keys started with '-' (a README run of hq upstream failed on one): keys are hex digits.
    for (let i = 0; i < 20; i++) keys.push((await issueHubKey(upstream.store.db, `Hub ${i}`)).key);
    expect(keys.filter((key) => !/^[0-9a-f]{48}$/.test(key))).toEqual([]);
  });

  it('revokes a station with hq upstream revoke: its token is refused (401) on push and pull, its Sync screen says so, and the list shows it', async () => {
    const cloudFile = tempStoreFile('cloud.db');
    const { server } = await upstreamOn(cloudFile, { demo: true });
    const desk = await freshStation();
    await joinSite(desk, server.url);
    const supervisor = await loggedIn(desk, 'halima', '6666');
    await supervisor('sync.now');

    const revoked = await hq('upstream', 'revoke', '--db', cloudFile, '--station', 'R1');
    expect(revoked.code).toBe(exit.ok);
    const token = (await desk.store.db.selectFrom('sync_state').select('token').executeTakeFirstOrThrow()).token;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    expect((await fetch(`${server.url}/sync/v1/pull?after=0&limit=1`, { headers })).status).toBe(401);
    expect((await fetch(`${server.url}/sync/v1/push`, { method: 'POST', headers, body: JSON.stringify({ events: [] }) })).status).toBe(401);
    await expect(supervisor('sync.now')).rejects.toMatchObject({ code: 'sync.unauthorized' });
    expect(await supervisor('sync.status')).toMatchObject({ lastError: { code: 'sync.unauthorized' } });

    const listed = await hq('upstream', 'stations', '--db', cloudFile);
    expect(listed.stdout).toMatch(/^R1\s.*\sstation\s+\S+\s+\S+\s+\d{4}-\d\d-\d\dT/m);
    const unknown = await hq('upstream', 'revoke', '--db', cloudFile, '--station', 'Q9');
    expect(unknown.code).toBe(exit.failed);
    expect(unknown.stderr).toContain('No station Q9 is enrolled here');
  });
});

describe('on a PostgreSQL upstream', () => {
  it('takes the site key, makes a hub of a one-time hub key only, and refuses a revoked token', async () => {
    const upstream = await Upstream.open({ pg: await freshPgUrl() }, { enrollKey: siteKey });
    open.push(upstream);
    const server = await serve(upstream);
    await expect(enroll({ url: server.url, token: null, enrollKey: 'guess' }, { code: null, name: 'Desk', demo: false })).rejects.toMatchObject({ code: 'sync.wrongSiteKey' });
    const desk = await enroll({ url: server.url, token: null, enrollKey: siteKey }, { code: null, name: 'Desk', demo: false });
    const issued = await issueHubKey(upstream.store.db, 'Eldoret hub');
    const hub = await enroll({ url: server.url, token: null, enrollKey: issued.key }, { code: null, name: 'Hub', demo: false });
    await expect(enroll({ url: server.url, token: null, enrollKey: issued.key }, { code: null, name: 'Hub', demo: false })).rejects.toMatchObject({ code: 'sync.wrongSiteKey' });
    expect(await upstream.authenticate(hub.data.token)).toEqual({ code: 'H1', relay: true });
    await upstream.revoke(desk.data.station.code);
    expect(await upstream.authenticate(desk.data.token)).toBeNull();
    expect((await fetch(`${server.url}/sync/v1/pull?after=0&limit=1`, { headers: { authorization: `Bearer ${desk.data.token}` } })).status).toBe(401);
    expect((await listStations(upstream.store.db)).map((s) => [s.code, s.hub, s.revokedAt !== null])).toEqual([
      ['H1', true, false],
      ['R1', false, true],
    ]);
  });
});
