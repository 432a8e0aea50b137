import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { afterEach, expect, it } from 'vitest';
import { seedDemoUpstream } from '../../upstream/demo';
import { startUpstreamServer } from '../../upstream/server';
import { Upstream } from '../../upstream/service';
import { createApp, type App } from '../app/app';
import { askStore } from '../testing/askStore';
import { hq } from '../testing/hq';
import { joinSite, loggedIn } from '../testing/joinSite';
import { tempDir, tempStoreFile } from '../testing/tempStore';

// A real station joined to a real upstream over HTTP, used by people with PINs and a site key:
// its log and its support bundle, read back with the system's own unzip, hold none of them.

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

const siteKey = 'site-key-Zq81xT';
const newPin = '80614273';
const wrongPin = '57193846';

async function stationOnSite(): Promise<App & { upstreamDown(): Promise<void> }> {
  const upstream = await Upstream.open({ file: tempStoreFile('upstream.db') }, { demo: true, enrollKey: siteKey });
  await seedDemoUpstream(upstream);
  const server = await startUpstreamServer(upstream, { port: 0, host: '127.0.0.1' });
  open.push(upstream, server);
  const app = await createApp(tempStoreFile(), { devicePollMs: 0, syncIntervalMs: 60_000 });
  open.push(app);
  await joinSite(app, server.url, siteKey);
  return Object.assign(app, { upstreamDown: () => server.close() });
}

/** A day's secrets: the site key, an admin's session, a PIN set by the admin, a wrong PIN and a clerk's session. */
async function useWithSecrets(app: App): Promise<{ secrets: string[]; admin: Awaited<ReturnType<typeof loggedIn>> }> {
  const admin = await loggedIn(app, 'grace', '9999');
  const [wanjiru] = (await admin<{ id: string; username: string }[]>('users.list')).filter((u) => u.username === 'wanjiru');
  await admin('users.resetPin', { id: wanjiru!.id, pin: newPin });
  const wrong = await app.call({ name: 'session.login', input: { username: 'wanjiru', pin: wrongPin } });
  expect(wrong.ok).toBe(false);
  const clerk = await app.call({ name: 'session.login', input: { username: 'wanjiru', pin: newPin } });
  const sessions = await askStore<{ token: string }>(app.store.file, 'SELECT token FROM sessions');
  const [{ token: upstreamToken }] = await askStore<{ token: string }>(app.store.file, 'SELECT token FROM sync_state');
  const clerkToken = (clerk as { data: { token: string } }).data.token;
  return { secrets: [siteKey, newPin, wrongPin, upstreamToken, clerkToken, ...sessions.map((s) => s.token)], admin };
}

const unzip = (...args: string[]) => execFileSync('unzip', args, { encoding: 'utf8' });

it('logs the start, the joining, the sign-ins and the admin calls, and no PIN, token or key', async () => {
  const app = await stationOnSite();
  const { secrets } = await useWithSecrets(app);
  const log = readFileSync(path.join(path.dirname(app.store.file), 'station.log'), 'utf8');

  expect(log).toMatch(/ INFO  station Karakana \S+ started /);
  expect(log).toMatch(/ INFO  api setup\.joinSite done \{"input":\{"url":"http:\/\/127\.0\.0\.1:\d+","siteKey":"\[hidden\]"\}\}/);
  expect(log).toContain('INFO  api session.login refused: auth.badLogin {"input":{"username":"wanjiru","pin":"[hidden]"}');
  expect(log).toContain('INFO  api users.resetPin done');
  expect(secrets.length).toBeGreaterThan(5);
  for (const secret of secrets) expect(log).not.toContain(secret);
});

it("saves a support bundle an admin asks for: one zip of the logs, status, versions, devices and sync errors, with no secret", async () => {
  const app = await stationOnSite();
  const { secrets, admin } = await useWithSecrets(app);
  const folder = tempDir();
  const saved = await admin<{ file: string }>('support.saveBundle', { folder });

  expect(path.dirname(saved.file)).toBe(folder);
  expect(path.basename(saved.file)).toMatch(/^karakana-support-R\d+-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.zip$/);
  expect(unzip('-t', saved.file)).toContain('No errors detected');
  const names = unzip('-Z1', saved.file).split('\n').filter(Boolean).sort();
  expect(names).toEqual(['devices.json', 'logs/station.log', 'status.json', 'sync-errors.txt', 'versions.json']);

  const status = JSON.parse(unzip('-p', saved.file, 'status.json'));
  const [{ user_version: schema }] = await askStore<{ user_version: number }>(app.store.file, 'PRAGMA user_version');
  const [{ n: unsent }] = await askStore<{ n: number }>(app.store.file, "SELECT count(*) AS n FROM events WHERE local = 1 AND status = 'applied' AND upstream_seq IS NULL");
  expect(status).toMatchObject({ schemaVersion: schema, sync: { enrolled: true, pending: unsent }, storeBytes: { store: expect.any(Number) } });
  expect(JSON.parse(unzip('-p', saved.file, 'versions.json'))).toMatchObject({ node: process.versions.node, sqlite: sqlite3.VERSION, electron: null });
  const devices = await askStore<{ name: string }>(app.store.file, 'SELECT name FROM devices ORDER BY name');
  expect(JSON.parse(unzip('-p', saved.file, 'devices.json')).devices.map((d: { name: string }) => d.name).sort()).toEqual(devices.map((d) => d.name).sort());
  expect(unzip('-p', saved.file, 'logs/station.log')).toContain('session.login');
  const everything = unzip('-p', saved.file);
  for (const secret of secrets) expect(everything).not.toContain(secret);
});

it("tells a failed sync round in the log and the bundle's sync errors", async () => {
  const app = await stationOnSite();
  const { admin } = await useWithSecrets(app);
  await app.upstreamDown();
  await expect(admin('sync.now')).rejects.toThrow();
  const saved = await admin<{ file: string }>('support.saveBundle', { folder: tempDir() });

  const errors = unzip('-p', saved.file, 'sync-errors.txt');
  const [{ last_error: stored }] = await askStore<{ last_error: string }>(app.store.file, 'SELECT last_error FROM sync_state');
  const { code } = JSON.parse(stored) as { code: string };
  expect(errors).toContain(`Last sync error (`);
  expect(errors).toContain(`"code":"${code}"`);
  expect(errors).toMatch(new RegExp(`\\n\\S+ WARN  sync sync round failed \\{"error":\\{"code":"${code.replace('.', '\\.')}"`));
});

it('refuses a folder that is not there, or not a whole path, in words of its own', async () => {
  const app = await stationOnSite();
  const { admin } = await useWithSecrets(app);
  const gone = path.join(tempDir(), 'usb-drive');
  await expect(admin('support.saveBundle', { folder: gone })).rejects.toMatchObject({ code: 'support.folderMissing' });
  await expect(admin('support.saveBundle', { folder: 'support' })).rejects.toMatchObject({ code: 'support.folderNotAbsolute' });
});

it('hq support-bundle writes the same zip beside a running station, and from a store too damaged to open, its logs', async () => {
  const app = await stationOnSite();
  const { secrets } = await useWithSecrets(app);
  const out = path.join(tempDir(), 'bundle.zip');
  const done = await hq('support-bundle', '--db', app.store.file, '--out', out);
  expect(done).toMatchObject({ code: 0, stdout: expect.stringContaining(`Wrote ${out}`) });
  expect(unzip('-Z1', out).split('\n').filter(Boolean).sort()).toEqual(['devices.json', 'logs/station.log', 'status.json', 'sync-errors.txt', 'versions.json']);
  expect(JSON.parse(unzip('-p', out, 'status.json'))).toMatchObject({ sync: { enrolled: true } });
  for (const secret of secrets) expect(unzip('-p', out)).not.toContain(secret);

  const damaged = path.join(tempDir(), 'station.db');
  writeFileSync(damaged, 'not a store: a page of something else'.repeat(200));
  copyFileSync(path.join(path.dirname(app.store.file), 'station.log'), path.join(path.dirname(damaged), 'station.log'));
  const logsOnly = path.join(tempDir(), 'logs-only.zip');
  expect(await hq('support-bundle', '--db', damaged, '--out', logsOnly)).toMatchObject({ code: 0, stdout: expect.stringContaining('the bundle holds the logs only') });
  expect(unzip('-p', logsOnly, 'logs/station.log')).toContain('setup.joinSite done');
  expect(JSON.parse(unzip('-p', logsOnly, 'status.json'))).toEqual({ unreadable: expect.stringContaining(damaged) });
});
