import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import sqlite3 from 'sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { exit } from '../kernel/command';
import { hq, hqScript } from '../testing/hq';
import { askStore as ask, eventCount, integrity } from '../testing/askStore';
import { demoStoreFile, tempDir } from '../testing/tempStore';

// Backups and restores as the site's technician runs them: real stores, real hq processes.

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function start(args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, [hqScript, ...args], { stdio: 'ignore', env: { ...process.env, ...env } });
  running.push(child);
  return child;
}

const eventIds = async (file: string, upToRowid = Number.MAX_SAFE_INTEGER) =>
  (await ask<{ id: string }>(file, `SELECT id FROM events WHERE rowid <= ${upToRowid} ORDER BY id`)).map((e) => e.id);
const fingerprint = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function until(condition: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await condition())) await sleep(20);
}

// Each hq process starts tsx, which takes seconds on a loaded machine: room for a few per test.
describe('hq backup', { timeout: 120_000 }, () => {
  it('takes a copy that opens, is sound and holds every event committed before it started, while hq simulate writes', async () => {
    const store = await demoStoreFile();
    const before = await eventCount(store);
    const simulation = start(['simulate', '--db', store, '--ops', '100000', '--seed', '7']);
    await until(async () => (await eventCount(store)) > before + 20);
    const [{ last }] = (await ask<{ last: number }>(store, 'SELECT max(rowid) AS last FROM events')) as [{ last: number }];
    const committed = await eventIds(store, last);

    const out = path.join(tempDir(), 'monday.db');
    const backup = await hq('backup', '--db', store, '--out', out);

    expect(simulation.exitCode).toBeNull(); // the station was still writing throughout
    expect(backup.code).toBe(exit.ok);
    expect(backup.stdout).toMatch(/^Backed up [\d,]+ events to .*monday\.db \([\d.]+ MB\) in [\d.]+ s; checked: ok\.\n$/);
    expect(await integrity(out)).toBe('ok');
    const copied = new Set(await eventIds(out));
    expect(committed.filter((id) => !copied.has(id))).toEqual([]);
    expect(backup.stdout).toContain(`Backed up ${copied.size.toLocaleString('en')} events`);
    expect(existsSync(`${out}-wal`)).toBe(false);
  });

  it('killed half-way, leaves the store as it was and nothing under the backup\'s name', async () => {
    const store = await demoStoreFile();
    const events = await eventCount(store);
    const folder = tempDir();
    const out = path.join(folder, 'tuesday.db');
    const backup = start(['backup', '--db', store, '--out', out], { KARAKANA_BACKUP_PACE: '1:50' });
    // Whatever the copy writes first, under whichever name: the backup is under way.
    await until(() => readdirSync(folder).length > 0);
    backup.kill('SIGKILL');
    await once(backup, 'exit');

    expect(existsSync(out)).toBe(false);
    expect(await integrity(store)).toBe('ok');
    expect(await eventCount(store)).toBe(events);
  });

  it('refuses a store that does not exist, with exit 3 and no backup', async () => {
    const folder = tempDir();
    const run = await hq('backup', '--db', path.join(folder, 'missing.db'), '--out', path.join(folder, 'b.db'));
    expect(run.code).toBe(exit.store);
    expect(run.stderr).toContain('cannot be opened');
    expect(readdirSync(folder)).toEqual([]);
  });
});

describe('hq restore', { timeout: 120_000 }, () => {
  async function refusedBackup(from: string, store: string) {
    const before = fingerprint(store);
    const run = await hq('restore', '--db', store, '--from', from);
    expect(run.code).toBe(exit.failed);
    expect(fingerprint(store)).toBe(before);
    expect(readdirSync(path.dirname(store)).filter((name) => name.includes('replaced') || name.includes('restoring'))).toEqual([]);
    return run.stderr;
  }

  it('refuses a file that is not a Karakana store, changing nothing', async () => {
    const store = await demoStoreFile();
    const text = path.join(tempDir(), 'notes.db');
    writeFileSync(text, 'shopping list: solder, wire\n'.repeat(300));
    expect(await refusedBackup(text, store)).toContain('is not a Karakana store');
    const otherApp = path.join(tempDir(), 'other.db');
    const db = new sqlite3.Database(otherApp);
    await new Promise((resolve) => db.exec('CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES (\'Malaika\')', resolve));
    await new Promise((resolve) => db.close(resolve));
    expect(await refusedBackup(otherApp, store)).toContain('is not a Karakana store');
  });

  it('refuses a damaged backup, changing nothing', async () => {
    const store = await demoStoreFile();
    const damaged = path.join(tempDir(), 'damaged.db');
    const bytes = readFileSync(await demoStoreFile());
    // One page in the middle of the file overwritten, as a failing disk does.
    const page = 4096 * Math.floor(bytes.length / 4096 / 2);
    bytes.fill(0x5a, page, page + 4096);
    writeFileSync(damaged, bytes);
    expect(await refusedBackup(damaged, store)).toContain('is damaged');
  });

  it('puts the backup in place, keeps the replaced store aside and counts the work it held that the backup lacks', async () => {
    const store = await demoStoreFile();
    const backup = path.join(tempDir(), 'monday.db');
    expect((await hq('backup', '--db', store, '--out', backup)).code).toBe(exit.ok);
    expect((await hq('simulate', '--db', store, '--ops', '40', '--seed', '3')).code).toBe(exit.ok);
    const inBackup = new Set(await eventIds(backup));
    const tuesday = await eventIds(store);
    const newer = tuesday.filter((id) => !inBackup.has(id)).length;
    expect(newer).toBeGreaterThan(0);

    const run = await hq('restore', '--db', store, '--from', backup);

    expect(run.code).toBe(exit.ok);
    expect(await eventIds(store)).toEqual([...inBackup].sort());
    const kept = readdirSync(path.dirname(store)).filter((name) => /^station\.db\.replaced-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d$/.test(name));
    expect(kept).toHaveLength(1);
    expect(await eventIds(path.join(path.dirname(store), kept[0]!))).toEqual(tuesday);
    // The store was never enrolled: none of its work reached an upstream.
    expect(run.stdout).toContain(`kept as ${path.join(path.dirname(store), kept[0]!)}: it holds ${newer} events of this station newer than the backup, ${newer} of them not yet sent`);
  });
});
