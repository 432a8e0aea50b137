import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { createApp } from '../app/app';
import { openStore } from '../db/store';
import { askStore } from '../testing/askStore';
import { tempDir } from '../testing/tempStore';
import { logFileOf, StationLog } from './stationLog';

// The station's log as a technician opens it: plain lines in files beside the store.

const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);

it('rotates by size: keeps the number of files asked for, none past its size, the newest lines in the newest file', () => {
  const folder = tempDir();
  const log = new StationLog(logFileOf(path.join(folder, 'station.db')), { maxBytes: 2000, files: 3 });
  for (let n = 1; n <= 300; n++) log.info('test', `entry ${n}`);

  expect(readdirSync(folder).sort()).toEqual(['station.log', 'station.log.1', 'station.log.2']);
  const files = ['station.log.2', 'station.log.1', 'station.log'].map((name) => path.join(folder, name));
  for (const file of files) expect(readFileSync(file).byteLength).toBeLessThanOrEqual(2000);
  const entries = files.flatMap(lines).map((line) => Number(/entry (\d+)$/.exec(line)![1]));
  // Oldest file first: one unbroken run of entries that ends with the last one written.
  expect(entries.at(-1)).toBe(300);
  expect(entries).toEqual(Array.from({ length: entries.length }, (_, i) => 300 - entries.length + 1 + i));
  expect(entries.length).toBeLessThan(300);
});

it('writes one line per entry: local time with its offset, level, area, message, and fields with secrets masked', () => {
  const at = new Date('2026-12-06T05:15:00.250Z');
  const file = path.join(tempDir(), 'station.log');
  const log = new StationLog(file, { now: () => at });
  log.warn('sync', 'sync round failed\nupstream gone', { pin: '80614273', siteKey: 'site-Zq81xT', nested: { Authorization: 'Bearer tok-5521' }, count: 3 });

  const [line] = lines(file);
  const [stamp, level, area, ...rest] = line!.split(/ +/);
  // The stamp names the same instant, whatever this machine's zone.
  expect(Date.parse(stamp!)).toBe(at.getTime());
  expect(stamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.250[+-]\d\d:\d\d$/);
  expect([level, area]).toEqual(['WARN', 'sync']);
  expect(rest.join(' ')).toBe('sync round failed upstream gone {"pin":"[hidden]","siteKey":"[hidden]","nested":{"Authorization":"[hidden]"},"count":3}');
});

it('tells in the log the start of a station whose store was brought to this schema, from which schema to which', async () => {
  const file = path.join(tempDir(), 'station.db');
  await (await openStore(file, { toVersion: 20 })).close();
  const app = await createApp(file, { devicePollMs: 0 });
  await app.close();

  const [{ user_version: now }] = await askStore<{ user_version: number }>(file, 'PRAGMA user_version');
  expect(now).toBeGreaterThan(20);
  const log = lines(path.join(path.dirname(file), 'station.log'));
  expect(log.filter((line) => / INFO  store migrated /.test(line))).toEqual([expect.stringContaining(` store migrated from schema 20 to ${now} {"store":"${file}"}`)]);
  expect(log.at(-1)).toMatch(/ INFO  station stopped$/);
});
