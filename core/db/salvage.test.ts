import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openStationApp } from '../app/station';
import { askStore } from '../testing/askStore';
import { damageLeafPage } from '../testing/damagedStore';
import { hq } from '../testing/hq';
import { demoStoreFile, tempStoreFile } from '../testing/tempStore';

// `hq salvage` as a technician runs it on a real damaged store, and the station's next start.

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

const unsentQuery = "SELECT count(*) AS n FROM events WHERE local = 1 AND upstream_seq IS NULL AND status = 'applied'";

describe('hq salvage', () => {
  it('moves a store with a damaged page aside unchanged, counts the unsent events it can still read, and the next start is a first start', async () => {
    const file = await demoStoreFile();
    const [{ n: unsentBefore }] = (await askStore<{ n: number }>(file, unsentQuery)) as [{ n: number }];
    expect(unsentBefore).toBeGreaterThan(0);
    await damageLeafPage(file, 'events');
    const damaged = sha256(file);

    const done = await hq('salvage', '--db', file);
    expect(done.code, done.stderr).toBe(0);
    const keptAs = /aside as (\S+) \(kept/.exec(done.stdout)![1]!;
    expect(keptAs).toMatch(/station\.db\.damaged-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}$/);
    expect(sha256(keptAs)).toBe(damaged);
    expect(existsSync(file)).toBe(false);
    const [, readable, unreadable] = /holds ([\d,]+) events .*; ([\d,]+) of its events could not be read/.exec(done.stdout)!.map((n) => Number(n.replace(/,/g, '')));
    expect(unreadable).toBeGreaterThan(0);
    expect(readable).toBeLessThan(unsentBefore);
    expect(readable! + unreadable!).toBeGreaterThanOrEqual(unsentBefore);

    const station = await openStationApp(file, { devicePollMs: 0 });
    try {
      expect(await station.call({ name: 'setup.state', input: {} })).toMatchObject({ ok: true, data: { hasUsers: false } });
    } finally {
      await station.close();
    }
  }, 120_000);

  it('moves a 0-byte file aside and says nothing could be read from it', async () => {
    const file = tempStoreFile();
    writeFileSync(file, '');
    const done = await hq('salvage', '--db', file);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain('Nothing could be read from it');
    expect(existsSync(file)).toBe(false);
    expect(readFileSync(/aside as (\S+) \(kept/.exec(done.stdout)![1]!).length).toBe(0);
  }, 60_000);
});
