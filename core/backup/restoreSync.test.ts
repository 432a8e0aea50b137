import { afterEach, describe, expect, it } from 'vitest';
import { freshPgUrl } from '../../upstream/pg/testing';
import { createApp } from '../app/app';
import { exit } from '../kernel/command';
import { deskSession } from '../testing/deskSession';
import { demoSite } from '../testing/demoSite';
import { hq } from '../testing/hq';
import { joinSite } from '../testing/joinSite';
import { tempStoreFile } from '../testing/tempStore';
import { digestStore } from '../sync/digest';
import { withStore } from '../sync/faults/stations';
import { damageLeafPage } from '../testing/damagedStore';

// A station put back by `hq restore` from an older backup of itself syncs and goes on receiving;
// what it had not sent when it was replaced is sent again from the store kept aside.

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

type Storage = 'sqlite' | 'postgresql';

/** An enrolled desk station on a demo upstream (its storage SQLite unless said): its store file, the upstream's lot ids of its code, and whether the two have converged. */
async function enrolledDesk(storage: Storage = 'sqlite') {
  const { upstream, url } = await demoSite(open, storage === 'sqlite' ? tempStoreFile('upstream.db') : { pg: await freshPgUrl() });
  const file = tempStoreFile('desk.db');
  const app = await createApp(file, { devicePollMs: 0, syncIntervalMs: 60_000 });
  await joinSite(app, url);
  await app.close();
  const lotsAtUpstream = async (code: string) =>
    (await upstream.store.db.selectFrom('lots').select('id').where('station', '=', code).orderBy('id').execute()).map((l) => l.id);
  const converged = async () => expect(await withStore(file, digestStore)).toEqual(await digestStore(upstream.store.db));
  return { file, lotsAtUpstream, converged };
}

const stationOf = (lotId: string) => lotId.split('-')[2]!;
/** The n-th lot of a station, numbered as the domain numbers them: L-YY-CODE-000001. */
const nth = (like: string, n: number) => like.replace(/\d{6}$/, String(n).padStart(6, '0'));

describe.each(['sqlite', 'postgresql'] as const)('with the upstream in %s', (storage) => {
  it('numbers its next lot past the ones made after the backup, once restored and synced, and converges', { timeout: 120_000 }, async () => {
    const { file, lotsAtUpstream, converged } = await enrolledDesk(storage);
    const monday = await deskSession(file, 2);
    const backup = tempStoreFile('desk-monday.db');
    expect((await hq('backup', '--db', file, '--out', backup)).code).toBe(exit.ok);
    const tuesday = await deskSession(file, 2);
    expect((await hq('restore', '--db', file, '--from', backup)).code).toBe(exit.ok);
    const wednesday = await deskSession(file, 1);

    expect(wednesday).toMatchObject({ refused: 0, conflicts: 0 });
    expect(wednesday.ids).toEqual([nth(monday.ids[0]!, 5)]);
    expect(await lotsAtUpstream(stationOf(monday.ids[0]!))).toEqual([...monday.ids, ...tuesday.ids, ...wednesday.ids]);
    await converged();
  });

  it('sends again what the replaced store had not sent, by the command the restore names, and the restored station gets it back', { timeout: 120_000 }, async () => {
    const { file, lotsAtUpstream, converged } = await enrolledDesk(storage);
    const monday = await deskSession(file, 1);
    const backup = tempStoreFile('desk-monday.db');
    expect((await hq('backup', '--db', file, '--out', backup)).code).toBe(exit.ok);
    const tuesday = await deskSession(file, 2);
    // Tuesday afternoon the link was down: two lots received that never reached the upstream.
    const afternoon = await deskSession(file, 2, { offline: true });
    const code = stationOf(monday.ids[0]!);
    expect(await lotsAtUpstream(code)).toEqual([...monday.ids, ...tuesday.ids]);

    const restored = await hq('restore', '--db', file, '--from', backup);
    expect(restored.code).toBe(exit.ok);
    expect(restored.stdout).toContain('of them not yet sent to the upstream');
    const offered = /Send them again before this station does new work: (hq resend .*)$/m.exec(restored.stdout)?.[1];
    expect(offered).toBeDefined();
    const [, ...args] = offered!.split(' ');
    const resent = await hq(...args);
    expect(resent.stdout).toContain('taken by the upstream, 0 it had already, 0 refused');
    expect(resent.code).toBe(exit.ok);
    expect(await lotsAtUpstream(code)).toEqual([...monday.ids, ...tuesday.ids, ...afternoon.ids]);
    // Twice is harmless: the upstream has them all.
    expect((await hq(...args)).stdout).toMatch(/ 0 taken by the upstream, \d+ it had already, 0 refused/);

    const wednesday = await deskSession(file, 1);
    expect(wednesday).toMatchObject({ refused: 0, conflicts: 0 });
    expect(wednesday.ids).toEqual([nth(monday.ids[0]!, 6)]);
    expect(await lotsAtUpstream(code)).toEqual([...monday.ids, ...tuesday.ids, ...afternoon.ids, ...wednesday.ids]);
    const here = await withStore(file, (db) => db.selectFrom('lots').select('id').where('station', '=', code).orderBy('id').execute());
    expect(here.map((l) => l.id)).toEqual([...monday.ids, ...tuesday.ids, ...afternoon.ids, ...wednesday.ids]);
    await converged();
  });
});

it('refuses to send again once the restored station has numbered new work over those events, sending nothing', { timeout: 120_000 }, async () => {
  const { file, lotsAtUpstream } = await enrolledDesk();
  const monday = await deskSession(file, 1);
  const backup = tempStoreFile('desk-monday.db');
  expect((await hq('backup', '--db', file, '--out', backup)).code).toBe(exit.ok);
  await deskSession(file, 1, { offline: true });
  const restored = await hq('restore', '--db', file, '--from', backup);
  const kept = /kept as (\S+):/.exec(restored.stdout)![1]!;
  await deskSession(file, 1, { offline: true });

  const resent = await hq('resend', '--db', file, '--from', kept);
  expect(resent.code).not.toBe(exit.ok);
  expect(resent.stderr).toContain('has made 1 events of its own since the restore');
  expect(await lotsAtUpstream(stationOf(monday.ids[0]!))).toEqual(monday.ids);
});

it('sends what a damaged store had not sent, from the file hq salvage kept aside, the rows past its damaged page', { timeout: 120_000 }, async () => {
  const { file, lotsAtUpstream } = await enrolledDesk();
  const monday = await deskSession(file, 1);
  const afternoon = await deskSession(file, 3, { offline: true });
  // The disk fails under the oldest of the log's pages: the afternoon's events, the newest, still read.
  await damageLeafPage(file, 'events');

  const salvaged = await hq('salvage', '--db', file);
  expect(salvaged.code, salvaged.stderr).toBe(exit.ok);
  expect(salvaged.stdout).toMatch(/holds 3 events of this station not yet sent to the upstream; [1-9][\d,]* of its events could not be read/);
  const offered = /Send them to the upstream with: (hq resend .*)$/m.exec(salvaged.stdout)?.[1];
  expect(offered).toBeDefined();
  const resent = await hq(...offered!.split(' ').slice(1));
  expect(resent.code, resent.stderr).toBe(exit.ok);
  expect(resent.stdout).toMatch(/Sent again 3 events: 3 taken by the upstream, 0 it had already, 0 refused .* [1-9][\d,]* event rows could not be read/);
  expect(await lotsAtUpstream(stationOf(monday.ids[0]!))).toEqual([...monday.ids, ...afternoon.ids]);
});
