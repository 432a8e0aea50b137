import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Status } from '../core/api/contract';
import { createApp, type App } from '../core/app/app';
import { enroll } from '../core/sync/client';
import { syncSummary } from '../core/sync/status';
import { enrollStation, syncOnce } from '../core/sync/sync';
import { hq, hqScript } from '../core/testing/hq';
import { joinSite, loggedIn } from '../core/testing/joinSite';
import { tempStoreFile } from '../core/testing/tempStore';
import { issueHubKey } from './admin';
import { linkHub } from './hub';
import { startUpstreamServer } from './server';
import { Upstream } from './service';

// A hub whose cloud is down, or refuses its key, at its first start: it serves its site's stations
// all the same, says loudly why it is not linked, links as soon as it can, and its stations see it.

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close().catch(() => undefined);
});

const siteKey = 'hq-site-key';

/** A port nothing listens on (yet). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `hq upstream ... --upstream CLOUD` as the technician starts it: a real process, its URL once it listens, what it said on stderr. */
async function startHub(file: string, cloudUrl: string, hubKey: string) {
  const child: ChildProcess = spawn(process.execPath, [hqScript, 'upstream', '--db', file, '--port', '0', '--enroll-key', siteKey, '--upstream', cloudUrl, '--upstream-key', hubKey], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const said = { stdout: '', stderr: '' };
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (said.stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (said.stderr += chunk));
  open.push({ close: () => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM')))) });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const listening = /: (http:\/\/\S+)/.exec(said.stdout);
      if (listening) resolve(listening[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the hub exited with ${code}: ${said.stderr}`)));
  });
  return { url, said };
}

/** Asks again and again until it holds: the hub retries on its own clock, with backoff. */
async function eventually<T>(ask: () => Promise<T>, holds: (value: T) => boolean, what: string): Promise<T> {
  for (let waited = 0; waited < 60_000; waited += 250) {
    const value = await ask();
    if (holds(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`not within a minute: ${what}`);
}

async function station(): Promise<App> {
  const app = await createApp(tempStoreFile(), { devicePollMs: 0, syncIntervalMs: 60_000 });
  open.push(app);
  return app;
}

/** The station's status as its status bar gets it, asked by its admin. */
async function hubAsSeenBy(app: App): Promise<Status['sync']['hub']> {
  const call = await loggedIn(app, 'achieng', '2468100');
  return (await call<Status>('status.get')).sync.hub;
}

const linkOver = (url: string, token: string | null) => fetch(`${url}/sync/v1/link`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('a hub whose cloud is down at its first start', () => {
  it('serves its site all the same, says why it is not linked, then links, forwards what it held and says so', async () => {
    // The company's cloud, empty, its admin has made the hub's key; it is not up yet.
    const cloud = await Upstream.open(tempStoreFile('cloud.db'), { enrollKey: 'cloud-site-key' });
    open.push(cloud);
    const hubKey = (await issueHubKey(cloud.store.db, 'HQ hub')).key;
    const cloudPort = await freePort();
    const hubFile = tempStoreFile('hub.db');
    const hub = await startHub(hubFile, `http://127.0.0.1:${cloudPort}`, hubKey);
    await eventually(async () => hub.said.stderr, (s) => s.includes('NOT LINKED'), 'the hub says it is not linked');
    expect(hub.said.stderr).toContain(`The upstream http://127.0.0.1:${cloudPort} does not answer`);

    // The site's first station sets itself up, enrolls with the hub, and its first admin goes there.
    const desk = await station();
    const setUp = await desk.call({ name: 'setup.createAdmin', input: { name: 'Achieng Odhiambo', username: 'achieng', pin: '2468100', stationCode: 'K1', stationName: 'Kisumu desk' } });
    expect(setUp.ok).toBe(true);
    await enrollStation(desk.store.db, hub.url, { code: null, name: null, enrollKey: siteKey });
    expect(await syncOnce(desk.store.db)).toMatchObject({ pushed: 1, rejected: 0 });
    // A second station joins through the hub alone and gets the admin from it.
    const bench = await station();
    await joinSite(bench, hub.url, siteKey);
    expect(await bench.store.db.selectFrom('users').select('username').execute()).toEqual([{ username: 'achieng' }]);

    // The desk's status carries the hub's link: not linked, why, and what waits there.
    const unlinked = await hubAsSeenBy(desk);
    expect(unlinked).toMatchObject({ linked: false, everLinked: false, waiting: 1, error: { code: 'sync.unreachable' } });
    const token = (await desk.store.db.selectFrom('sync_state').select('token').executeTakeFirstOrThrow()).token;
    expect((await linkOver(hub.url, null)).status).toBe(401);
    expect(await (await linkOver(hub.url, token)).json()).toMatchObject({ link: { role: 'hub', linked: false, waiting: 1, error: { code: 'sync.unreachable' } } });
    const told = await hq('upstream', 'status', '--db', hubFile);
    expect(told.stdout).toMatch(/^the hub has never reached the cloud \(trying for \d+ s\); 1 event waits here; last error: The upstream http:\/\/127\.0\.0\.1:\d+ does not answer/);

    // The cloud comes up: the hub links by itself and forwards what it held.
    const cloudServer = await startUpstreamServer(cloud, { port: cloudPort, host: '127.0.0.1' });
    open.push(cloudServer);
    await eventually(() => cloud.store.db.selectFrom('users').select('username').execute(), (users) => users.length === 1, 'the admin reaches the cloud');
    await eventually(async () => (await hq('upstream', 'status', '--db', hubFile)).stdout, (s) => s.startsWith('linked;'), 'the hub says it is linked');
    expect((await hq('upstream', 'status', '--db', hubFile)).stdout).toMatch(/^linked; last reached the cloud \d+ s ago; 0 events wait here\n$/);
    await eventually(async () => hub.said.stdout, (s) => s.includes('hub: linked;'), 'the hub says it linked');
    await syncOnce(desk.store.db);
    expect(await hubAsSeenBy(desk)).toMatchObject({ linked: true, everLinked: true, waiting: 0, error: null, warning: false });
    // Said once when it could not link, once when it did: not at every failed round.
    expect(hub.said.stderr.split('NOT LINKED').length - 1).toBe(1);
    // A cloud has no upstream above it, and says so to a station of its own.
    const direct = await enroll({ url: cloudServer.url, token: null, enrollKey: 'cloud-site-key' }, { code: 'C1', name: 'Cloud desk', demo: false });
    expect(await (await linkOver(cloudServer.url, direct.data.token)).json()).toMatchObject({ link: { role: 'cloud' } });
  }, 180_000);
});

describe('a hub given a wrong hub key', () => {
  it('serves its site, and keeps saying the key is wrong: to the technician, and on its stations', async () => {
    const cloud = await Upstream.open(tempStoreFile('cloud.db'), { enrollKey: 'cloud-site-key' });
    open.push(cloud);
    await issueHubKey(cloud.store.db, 'HQ hub');
    const cloudServer = await startUpstreamServer(cloud, { port: 0, host: '127.0.0.1' });
    open.push(cloudServer);
    const hubFile = tempStoreFile('hub.db');
    const hub = await startHub(hubFile, cloudServer.url, 'not-the-key-the-admin-gave');
    await eventually(async () => hub.said.stderr, (s) => s.includes('NOT LINKED'), 'the hub says it is not linked');
    expect(hub.said.stderr).toContain('last error: wrong hub key');

    const desk = await station();
    const setUp = await desk.call({ name: 'setup.createAdmin', input: { name: 'Achieng Odhiambo', username: 'achieng', pin: '2468100', stationCode: 'K1', stationName: 'Kisumu desk' } });
    expect(setUp.ok).toBe(true);
    await enrollStation(desk.store.db, hub.url, { code: null, name: null, enrollKey: siteKey });
    await syncOnce(desk.store.db);
    expect(await hubAsSeenBy(desk)).toMatchObject({ linked: false, everLinked: false, error: { code: 'sync.wrongHubKey' } });
    expect((await hq('upstream', 'status', '--db', hubFile)).stdout).toMatch(/^the hub has never reached the cloud \(trying for \d+ s\); \d+ events? wait(s)? here; last error: wrong hub key/);
    expect(await cloud.store.db.selectFrom('upstream_stations').select('code').execute()).toEqual([]);
  }, 120_000);
});

describe("a station's status bar under a hub cut off from the cloud", () => {
  it('is marked once the hub has not reached the cloud for more than a few minutes, not before', async () => {
    const hub = await Upstream.open(tempStoreFile('hub.db'), { enrollKey: siteKey });
    open.push(hub);
    await expect(linkHub(hub, { url: `http://127.0.0.1:${await freePort()}`, hubKey: 'a-hub-key' })).rejects.toMatchObject({ code: 'sync.unreachable' });
    const server = await startUpstreamServer(hub, { port: 0, host: '127.0.0.1' });
    open.push(server);
    const desk = await station();
    await enrollStation(desk.store.db, server.url, { code: 'K1', name: 'Kisumu desk', enrollKey: siteKey });
    await syncOnce(desk.store.db);
    expect((await syncSummary(desk.store.db, null)).hub).toMatchObject({ linked: false, warning: false });

    // Two hours later by the hub's clock (its first attempt moved back: the one edge faked here).
    await hub.store.db.updateTable('upstream_link').set({ started_at: new Date(Date.now() - 2 * 3_600_000).toISOString() }).execute();
    await syncOnce(desk.store.db);
    const marked = (await syncSummary(desk.store.db, null)).hub;
    expect(marked).toMatchObject({ linked: false, warning: true });
    expect(marked!.unreachedMs).toBeGreaterThanOrEqual(2 * 3_600_000);
  });
});
