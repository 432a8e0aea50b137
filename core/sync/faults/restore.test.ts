import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateDay } from '../../simulate/simulate';
import { tempDir } from '../../testing/tempStore';
import { copyStore, killAll } from './harness';
import { Site } from './site';
import { pending, sync, syncState, syncUntilQuiet, withStore } from './stations';

// The upstream restored from last night's backup, behind what the stations have seen: they must
// notice, send again what it forgot, and end with the upstream's order, not the old one.

let site: Site;
beforeAll(async () => {
  site = await Site.open(tempDir());
});
afterAll(async () => {
  try {
    await site?.close();
  } finally {
    await killAll();
  }
});

const headOf = (file: string) => withStore(file, async (db) => (await db.selectFrom('events').select((eb) => eb.fn.max('upstream_seq').as('h')).executeTakeFirstOrThrow()).h ?? 0);

/** Two stations that worked and synced before and after a backup; the upstream then restored from it. */
async function restoredSite(name: string, seed: number) {
  const a = await site.station(`${name}-a`);
  const b = await site.station(`${name}-b`);
  await withStore(a.file, (db) => simulateDay(db, 40, seed));
  await withStore(b.file, (db) => simulateDay(db, 40, seed + 1));
  await syncUntilQuiet([a.file, b.file]);

  // Last night's backup, taken while the upstream was stopped.
  const backup = path.join(site.dir, `${name}-backup.db`);
  await site.upstream.stop();
  copyStore(site.upstreamFile, backup);
  const backupHead = await headOf(backup);
  await site.restartUpstream();

  // A day of work on both stations, all synced: each holds the other's events too.
  await withStore(a.file, (db) => simulateDay(db, 30, seed + 2));
  await withStore(b.file, (db) => simulateDay(db, 30, seed + 3));
  await syncUntilQuiet([a.file, b.file]);
  expect((await withStore(b.file, syncState)).cursor).toBeGreaterThan(backupHead);

  // The upstream's disk fails; it comes back from the backup.
  await site.upstream.stop();
  copyStore(backup, site.upstreamFile);
  await site.restartUpstream();
  expect(await headOf(site.upstreamFile)).toBe(backupHead);
  return { a, b };
}

async function expectConverged(stations: { file: string; code: string }[]) {
  // Refusals the upstream recorded after the backup are gone from it; the stations still list them.
  const result = await site.check(
    stations.map((s) => s.file),
    { refusalsMayBeForgotten: true },
  );
  expect(result.problems).toEqual([]);
  for (const s of stations) {
    expect(await withStore(s.file, pending)).toBe(0);
    expect((await withStore(s.file, syncState)).error).toBeNull();
    const made = await withStore(s.file, (db) => db.selectFrom('events').select('id').where('station', '=', s.code).where('status', '!=', 'rejected').execute());
    const there = await withStore(site.upstreamFile, (db) => db.selectFrom('events').select('id').where('station', '=', s.code).where('status', '!=', 'rejected').execute());
    expect(there.map((e) => e.id).sort()).toEqual(made.map((e) => e.id).sort());
  }
}

describe('the upstream restored from a backup behind the stations (scenario 9)', () => {
  it('stations coming back one by one resync, send again what it forgot, and converge with nothing lost or doubled', async () => {
    const { a, b } = await restoredSite('one-by-one', 91);
    // The one whose events came last in the old order comes back first.
    await sync(b.file);
    await syncUntilQuiet([a.file, b.file]);
    await expectConverged([a, b]);
  });

  it('a station that works on before the other comes back, taking the upstream past the other one\'s cursor: both still converge', async () => {
    const { a, b } = await restoredSite('works-on', 191);
    const cursorOfB = (await withStore(b.file, syncState)).cursor;
    // Enough work to pass B's cursor: a day's events depend on what the simulator draws.
    await withStore(a.file, (db) => simulateDay(db, 80, 195));
    await sync(a.file);
    expect(await headOf(site.upstreamFile)).toBeGreaterThan(cursorOfB); // B's cursor is now inside the upstream's new numbering
    await syncUntilQuiet([a.file, b.file]);
    await expectConverged([a, b]);
  });
});
