import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../app/app';
import { hqScript } from '../testing/hq';
import { askStore as ask, eventCount, integrity } from '../testing/askStore';
import { demoStoreFile, tempDir } from '../testing/tempStore';

// The station's own backups, as an admin schedules them: real stores, real files, a real hq serve.

const apps: App[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const app of apps.splice(0)) await app.close();
});


type Answer = { ok: boolean; data?: Record<string, unknown> & { token?: string }; error?: { code: string; params: Record<string, unknown> } };

/** An admin logged in at a station opened on a demo store, and a way to call it as the screens do. */
async function adminAt(file: string, clock?: { at: Date }) {
  const app = await createApp(file, { devicePollMs: 0, now: () => clock?.at ?? new Date() });
  apps.push(app);
  const login = (await app.call({ name: 'session.login', input: { username: 'grace', pin: '9999' }, token: null })) as Answer;
  const call = (name: string, input: unknown = {}) => app.call({ name, input, token: login.data!.token! }) as Promise<Answer>;
  return { app, call };
}

const ourBackups = (folder: string) => readdirSync(folder).filter((name) => /^karakana-R1-.*\.db$/.test(name) && name !== 'karakana-R1-monday.db');

describe('scheduled backups', { timeout: 120_000 }, () => {
  it('keep 3 leaves exactly the 3 newest of this station, each sound, and never touches a file that is not one of ours', async () => {
    const store = await demoStoreFile();
    const folder = tempDir();
    const foreign: Record<string, string> = {
      'notes.txt': 'the technician writes here',
      'karakana-R1-monday.db': 'a copy made by hand',
      'karakana-Q1-2026-01-01T00-00-00.db': "another station's backup in a shared folder",
      'karakana-R1-2026-01-01T00-00-00.db.txt': 'not a backup',
    };
    for (const [name, text] of Object.entries(foreign)) writeFileSync(path.join(folder, name), text);
    const clock = { at: new Date('2026-12-06T08:00:00Z') };
    const { call } = await adminAt(store, clock);

    const written: string[] = [];
    const first = await call('backup.schedule', { folder, intervalMinutes: 60, keep: 3 });
    expect(first.ok).toBe(true);
    written.push(String((first.data!.lastSuccess as { file: string }).file));
    for (let minute = 1; minute <= 4; minute++) {
      clock.at = new Date(Date.parse('2026-12-06T08:00:00Z') + minute * 60_000);
      const next = await call('backup.now');
      written.push(String((next.data!.lastSuccess as { file: string }).file));
    }

    expect(new Set(written).size).toBe(5);
    expect(ourBackups(folder).sort()).toEqual(written.slice(2).map((file) => path.basename(file)).sort());
    for (const [name, text] of Object.entries(foreign)) expect(readFileSync(path.join(folder, name), 'utf8')).toBe(text);
    for (const file of written.slice(2)) {
      expect(await integrity(file)).toBe('ok');
      expect(await eventCount(file)).toBeGreaterThan(0);
    }
  });

  it('refuses a folder it cannot write in, saying which and why, and stores nothing', async () => {
    const store = await demoStoreFile();
    const { call } = await adminAt(store);
    const aFile = path.join(tempDir(), 'a-file');
    writeFileSync(aFile, 'x');
    const tries = [
      [path.join(tempDir(), 'unplugged'), 'backup.folderMissing'],
      [aFile, 'backup.notAFolder'],
      ['backups', 'backup.folderNotAbsolute'],
    ] as const;
    const events = await eventCount(store);
    for (const [folder, code] of tries) {
      const answer = await call('backup.schedule', { folder, intervalMinutes: 60, keep: 3 });
      expect(answer.error).toMatchObject({ code, params: { folder } });
    }
    expect(await eventCount(store)).toBe(events);
    expect(await ask(store, 'SELECT backup_folder FROM station')).toEqual([{ backup_folder: null }]);
  });

  it('a folder gone after it was chosen is a failing backup on the status until a backup succeeds again', async () => {
    const store = await demoStoreFile();
    const folder = path.join(tempDir(), 'usb');
    mkdirSync(folder);
    const { call } = await adminAt(store);
    expect((await call('backup.schedule', { folder, intervalMinutes: 60, keep: 3 })).data).toMatchObject({ failing: false, lastFailure: null });

    rmSync(folder, { recursive: true });
    await call('backup.now');
    const status = (await call('status.get')).data!;
    expect(status.backup).toMatchObject({ failing: true, lastFailure: { error: { code: 'backup.folderMissing', params: { folder } } } });

    mkdirSync(folder);
    expect((await call('backup.now')).data).toMatchObject({ failing: false });
    expect(ourBackups(folder)).toHaveLength(1);

    // The drive is gone for good: an empty folder stops the schedule and its warning.
    rmSync(folder, { recursive: true });
    await call('backup.now');
    expect((await call('backup.schedule', { folder: '', intervalMinutes: 60, keep: 3 })).data).toMatchObject({ folder: null, failing: false });
  });

  it('a station started with its last backup older than the interval backs up at once', async () => {
    const store = await demoStoreFile();
    const folder = tempDir();
    const first = await adminAt(store);
    await first.call('backup.schedule', { folder, intervalMinutes: 60, keep: 5 });
    await apps.pop()!.close();
    const hoursAgo = new Date(Date.now() - 3 * 3_600_000);
    for (const name of ourBackups(folder)) utimesSync(path.join(folder, name), hoursAgo, hoursAgo);
    const newest = () => Math.max(...ourBackups(folder).map((name) => statSync(path.join(folder, name)).mtimeMs));

    const started = Date.now();
    await adminAt(store);
    while (newest() < started - 1000) await sleep(50);
    const fresh = ourBackups(folder).map((name) => path.join(folder, name)).filter((file) => statSync(file).mtimeMs >= started - 1000);
    expect(fresh).toHaveLength(1);
    expect(await integrity(fresh[0]!)).toBe('ok');
  });

  it("hq serve's stop takes one last backup, holding the work done since the one before", async () => {
    const store = await demoStoreFile();
    const folder = tempDir();
    const child = spawn(process.execPath, [hqScript, 'serve', '--db', store, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    while (!/:(\d+)\s/.test(output)) await once(child.stdout, 'data');
    const port = Number(/:(\d+)\s/.exec(output)![1]);
    const call = (name: string, input: unknown, token?: string) =>
      fetch(`http://127.0.0.1:${port}/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ input }),
      }).then((response) => response.json() as Promise<Answer>);
    const { data } = await call('session.login', { username: 'grace', pin: '9999' });
    const scheduled = await call('backup.schedule', { folder, intervalMinutes: 1440, keep: 5 }, data!.token);
    const firstEvents = await eventCount(String((scheduled.data!.lastSuccess as { file: string }).file));
    expect(await call('station.setSessionIdle', { minutes: 45 }, data!.token)).toMatchObject({ ok: true });

    child.kill('SIGTERM');
    await once(child, 'exit');
    // Within the same second as the first, the last backup takes its name: newest by when written.
    const [last] = ourBackups(folder)
      .map((name) => path.join(folder, name))
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
    expect(await integrity(last!)).toBe('ok');
    expect(await eventCount(last!)).toBe(await eventCount(store));
    expect(await eventCount(last!)).toBe(firstEvents + 1);
  });
});
