import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { takeBackup } from '../backup/backup';
import { backupName } from '../backup/rotation';
import { openSqlite, sqlite3 } from '../db/dialect';
import { askStore } from '../testing/askStore';
import { damageTablePage } from '../testing/damagedStore';
import { demoStoreFile, tempDir, tempStoreFile } from '../testing/tempStore';
import { openStationApp, type StoreChecks } from './station';
import type { Station } from './storeProblem';

// Real store files as a station PC finds them: a page overwritten by a failing disk, a 0-byte file,
// another program's SQLite database, a text file. The station must say what it found on every call
// and write nothing to a file that is not a whole Karakana store.

const opened: Station[] = [];
afterEach(async () => {
  for (const station of opened.splice(0)) await station.close();
});

async function open(file: string, checks?: StoreChecks): Promise<Station> {
  const station = await openStationApp(file, { devicePollMs: 0, enrollmentPollMs: 60_000 }, checks);
  opened.push(station);
  return station;
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function sqlite(file: string, statements: string): Promise<void> {
  const db = await openSqlite(file, sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE);
  await new Promise<void>((resolve, reject) => db.exec(statements, (err) => (err ? reject(err) : resolve())));
  await new Promise((resolve) => db.close(resolve));
}

/** The demo store with a backup schedule's folder holding one real backup of it, then its users' page damaged. */
async function damagedWithBackup(table = 'users'): Promise<{ file: string; folder: string; backup: string }> {
  const file = await demoStoreFile();
  const folder = tempDir();
  await sqlite(file, `UPDATE station SET backup_folder = '${folder}'`);
  const [{ code }] = (await askStore<{ code: string }>(file, 'SELECT code FROM station')) as [{ code: string }];
  const { file: backup } = await takeBackup(file, path.join(folder, backupName(code, new Date())));
  await damageTablePage(file, table);
  return { file, folder, backup };
}

describe('a store with a damaged page', () => {
  it('is found at start: every call answers store.damaged, naming the store, the backup folder and its newest backup', async () => {
    const { file, folder, backup } = await damagedWithBackup();
    const station = await open(file);
    for (const name of ['setup.state', 'session.login', 'status.get']) {
      const answer = await station.call({ name, input: { username: 'wanjiru', pin: '1234' } });
      expect(answer).toMatchObject({ ok: false, error: { code: 'store.damaged', params: { file, backupFolder: folder, lastBackup: backup } } });
    }
  }, 120_000);

  it('met by a query while the station runs (no check found it), answers store.damaged to that call and every later one, never internal', async () => {
    const { file } = await damagedWithBackup();
    const station = await open(file, { wholeAtStartUpTo: 0, inBackground: false });
    const first = await station.call({ name: 'session.login', input: { username: 'wanjiru', pin: '1234' } });
    const later = await station.call({ name: 'setup.state', input: {} });
    for (const answer of [first, later]) expect(answer).toMatchObject({ ok: false, error: { code: 'store.damaged', params: { file } } });
  });

  it('met while the station sets itself up (no check ran), still starts and answers store.damaged, not a crash', async () => {
    const { file } = await damagedWithBackup('station');
    const station = await open(file, { wholeAtStartUpTo: 0, inBackground: false });
    expect(await station.call({ name: 'setup.state', input: {} })).toMatchObject({ ok: false, error: { code: 'store.damaged', params: { file } } });
  });

  it('on a store too large to check before start, is found by the check in the background, where no call reads the page', async () => {
    const { file, folder } = await damagedWithBackup('lots');
    const station = await open(file, { wholeAtStartUpTo: 0, inBackground: true });
    const answer = () => station.call({ name: 'setup.state', input: {} });
    await expect.poll(async () => (await answer()).ok === false).toBe(true);
    expect(await answer()).toMatchObject({ ok: false, error: { code: 'store.damaged', params: { file, backupFolder: folder } } });
  });
});

describe('a file that holds no Karakana store', () => {
  it('of 0 bytes answers store.empty and stays 0 bytes, with no WAL beside it', async () => {
    const file = tempStoreFile();
    writeFileSync(file, '');
    const station = await open(file);
    expect(await station.call({ name: 'setup.state', input: {} })).toMatchObject({ ok: false, error: { code: 'store.empty', params: { file } } });
    expect(statSync(file).size).toBe(0);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it("of another program (a SQLite database) answers store.foreign and is left byte for byte as it was", async () => {
    const file = tempStoreFile('places.sqlite');
    await sqlite(file, "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT); INSERT INTO moz_places (url) VALUES ('https://example.org')");
    const before = sha256(file);
    const station = await open(file);
    expect(await station.call({ name: 'setup.state', input: {} })).toMatchObject({ ok: false, error: { code: 'store.foreign', params: { file, found: 'database' } } });
    expect(sha256(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('of text answers store.foreign, found text, and is left as it was', async () => {
    const file = tempStoreFile('station.db');
    writeFileSync(file, 'lot,design,quantity\nL-26-R1-000001,BR-CUF-001,40\n');
    const before = sha256(file);
    const station = await open(file);
    expect(await station.call({ name: 'setup.state', input: {} })).toMatchObject({ ok: false, error: { code: 'store.foreign', params: { file, found: 'text' } } });
    expect(sha256(file)).toBe(before);
  });
});
