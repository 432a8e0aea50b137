import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../db/store';
import { simulateDay } from '../../simulate/simulate';
import { tempDir } from '../../testing/tempStore';
import { SyncLoop } from '../loop';
import { eventually, killAll } from './harness';
import type { Fault } from './proxy';
import { Site } from './site';
import { eventsOf, failingSync, pending, sync, syncState, syncUntilQuiet, withStore } from './stations';

// The network failing at any byte between a station and a real upstream process: a reply lost
// after the upstream committed, a push cut halfway, a stall, flapping and one-way partitions.
// The stations run in this process (syncOnce, SyncLoop) so their timeouts can be small.

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

const push = '/sync/v1/push';
const pass: Fault = { kind: 'pass' };

/** The events waiting at a station after `ops` simulated operations: at least one each (a QC decision also moves the lot). */
async function madeBy(file: string, ops: number): Promise<number> {
  const made = await withStore(file, pending);
  expect(made).toBeGreaterThanOrEqual(ops);
  return made;
}

describe('a push the upstream committed whose answer was lost (scenario 1)', () => {
  it.each<[string, Fault]>([
    ['the connection is cut as the answer starts', { kind: 'cut', dir: 'down', after: 0, path: push }],
    ['the answer stops halfway', { kind: 'cut', dir: 'down', after: 400, path: push }],
    ['the answer never comes and the timeout fires', { kind: 'drop', dir: 'down', after: 0, path: push }],
  ])('%s: the station retries, the upstream answers "duplicate", each event is there once', async (_, fault) => {
    const a = await site.station(`lost-ack-${fault.kind}-${'after' in fault ? fault.after : 0}`);
    await withStore(a.file, (db) => simulateDay(db, 25, 11));
    const made = await madeBy(a.file, 25);

    site.proxy.set(fault);
    const fired = site.proxy.nextFault(push);
    expect(await failingSync(a.file, { timeoutMs: 500 })).toBe('sync.unreachable');
    await fired;
    site.proxy.set(pass);

    // The upstream applied the batch; the station never heard so and still holds it as unsent.
    expect(await withStore(site.upstreamFile, (db) => eventsOf(db, a.code))).toBe(made);
    expect(await withStore(a.file, pending)).toBe(made);
    expect((await withStore(a.file, syncState)).error?.code).toBe('sync.unreachable');

    const retry = await sync(a.file);
    expect(retry.pushed).toBe(made);
    expect(retry.rejected).toBe(0);
    expect(await withStore(site.upstreamFile, (db) => eventsOf(db, a.code))).toBe(made);
    expect(await withStore(a.file, pending)).toBe(0);
    expect((await withStore(a.file, syncState)).error).toBeNull();
    expect((await site.check([a.file])).problems).toEqual([]);
  });

  it('a push cut halfway on its way up is not applied at all, and goes whole on the retry', async () => {
    const a = await site.station('half-push');
    await withStore(a.file, (db) => simulateDay(db, 40, 12));
    const made = await madeBy(a.file, 40);

    site.proxy.set({ kind: 'cut', dir: 'up', after: 500, path: push });
    const fired = site.proxy.nextFault(push);
    expect(await failingSync(a.file)).toBe('sync.unreachable');
    const cut = await fired;
    site.proxy.set(pass);
    expect(cut.up).toBeGreaterThan(500); // the request was longer: it really was cut inside the body

    expect(await withStore(site.upstreamFile, (db) => eventsOf(db, a.code))).toBe(0);
    expect(await withStore(a.file, pending)).toBe(made);
    expect((await sync(a.file)).pushed).toBe(made);
    expect(await withStore(site.upstreamFile, (db) => eventsOf(db, a.code))).toBe(made);
    expect((await site.check([a.file])).problems).toEqual([]);
  });

  it('an upstream that accepts the connection and never answers: the client timeout ends the round, nothing changes', async () => {
    const a = await site.station('stall');
    await withStore(a.file, (db) => simulateDay(db, 10, 13));
    const made = await madeBy(a.file, 10);
    const before = await withStore(a.file, syncState);

    site.proxy.set({ kind: 'stall' });
    expect(await failingSync(a.file, { timeoutMs: 300 })).toBe('sync.unreachable');
    site.proxy.set(pass);

    const after = await withStore(a.file, syncState);
    expect(after.cursor).toBe(before.cursor);
    expect(after.error?.message).toMatch(/does not answer/);
    expect(await withStore(a.file, pending)).toBe(made);
    expect(await withStore(site.upstreamFile, (db) => eventsOf(db, a.code))).toBe(0);
    expect((await sync(a.file)).pushed).toBe(made);
    expect((await site.check([a.file])).problems).toEqual([]);
  });
});

describe('flapping and one-way partitions (scenario 4)', () => {
  it('the queues drain by themselves once the network is back, with no new local write', async () => {
    const a = await site.station('flap-a');
    const b = await site.station('flap-b');
    await withStore(a.file, (db) => simulateDay(db, 40, 21));
    await withStore(b.file, (db) => simulateDay(db, 40, 22));
    await syncUntilQuiet([a.file, b.file]);
    // Work done while the network misbehaves, then not one more local write.
    await withStore(a.file, (db) => simulateDay(db, 30, 23));
    await withStore(b.file, (db) => simulateDay(db, 30, 24));
    const waiting = [await madeBy(a.file, 30), await madeBy(b.file, 30)];

    const faults: Fault[] = [
      { kind: 'down' },
      { kind: 'drop', dir: 'down', after: 0 }, // requests arrive, answers are lost
      { kind: 'drop', dir: 'up', after: 0 }, // requests are lost
      { kind: 'drop', dir: 'up', after: 200 }, // half a request, then silence
      { kind: 'cut', dir: 'up', after: 300 },
      { kind: 'stall' },
      { kind: 'cut', dir: 'down', after: 120 },
      { kind: 'drop', dir: 'down', after: 0, path: push },
      { kind: 'down' },
    ];
    const outcomes = { ok: 0, failed: 0 };
    const stores = await Promise.all([a.file, b.file].map((file) => openStore(file)));
    const loops = stores.map(
      (store) =>
        new SyncLoop(store.db, {
          timeoutMs: 250,
          intervalMs: 50,
          maxBackoffMs: 300,
          onRound: ({ error }) => void (error ? outcomes.failed++ : outcomes.ok++),
        }),
    );
    const made = await Promise.all(stores.map((s) => s.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).where('local', '=', 1).executeTakeFirstOrThrow()));
    try {
      site.proxy.set(faults[0]!);
      for (const loop of loops) loop.start();
      for (const fault of faults) {
        site.proxy.set(fault);
        await new Promise((resolve) => setTimeout(resolve, 350));
      }
      // No push got its answer through any of that: both queues are still full when the network comes back.
      for (const [i, store] of stores.entries()) expect(await pending(store.db)).toBe(waiting[i]);
      site.proxy.set(pass);
      await eventually(
        'both queues to drain and both stations to reach the head',
        async () => {
          const head = await withStore(site.upstreamFile, async (db) => (await db.selectFrom('events').select((eb) => eb.fn.max('upstream_seq').as('h')).executeTakeFirstOrThrow()).h);
          for (const store of stores) {
            if ((await pending(store.db)) > 0) return undefined;
            if ((await syncState(store.db)).cursor !== head) return undefined;
          }
          return true;
        },
        20_000,
      );
    } finally {
      await Promise.all(loops.map((loop) => loop.stop()));
    }
    const madeAfter = await Promise.all(stores.map((s) => s.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).where('local', '=', 1).executeTakeFirstOrThrow()));
    await Promise.all(stores.map((s) => s.close()));

    expect(outcomes.failed).toBeGreaterThan(0); // the faults really hit the loops
    expect(madeAfter).toEqual(made); // nothing new was written locally to kick the queue
    expect((await site.check([a.file, b.file])).problems).toEqual([]);
  });
});
