import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/tempStore';
import { unbalancedLots } from './check';
import { eventually, hq, hqDigest, hqProcess, killAll, killInsideWrite } from './harness';
import { Site } from './site';
import { eventsOf, pending, syncState, withStore } from './stations';

// SIGKILL, the power cut of processes: stations (`hq sync`, `hq simulate`) and the upstream
// (`hq upstream`) run as real processes and are killed at chosen moments, held there by the
// fault proxy: after a local commit but before its upload, mid-upload, mid-pull, and the
// upstream mid-push. After a restart everything converges, nothing lost, nothing doubled.

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
const pull = '/sync/v1/pull';

/** `hq simulate`: returns the events now waiting at the station (each operation makes one or more: a QC decision also moves the lot). */
async function simulate(file: string, ops: number, seed: number): Promise<number> {
  const before = await withStore(file, pending);
  const run = await hq(['simulate', '--db', file, '--ops', String(ops), '--seed', String(seed)]);
  expect(run.code, run.output).toBe(0);
  const made = await withStore(file, pending);
  expect(made - before).toBeGreaterThanOrEqual(ops);
  return made;
}

/** `hq simulate` until at least `events` events wait at the station (a few more, at most); returns how many do. */
async function simulateEvents(file: string, events: number, seed: number): Promise<number> {
  let made = await withStore(file, pending);
  // An operation makes one event or a few (a QC decision also moves the lot): half of what is missing, as operations.
  for (let round = 0; made < events; round++) made = await simulate(file, Math.max(5, Math.ceil((events - made) / 2)), seed * 1000 + round);
  return made;
}

/** The events one push carries (syncOnce's default batch, which `hq sync` uses). */
const pushBatch = 500;

async function syncOnceProcess(file: string): Promise<string> {
  const run = await hq(['sync', '--db', file, '--upstream', site.url, '--once']);
  expect(run.code, run.output).toBe(0);
  return run.output;
}

const upstreamCount = (code: string) => withStore(site.upstreamFile, (db) => eventsOf(db, code));

// Each case starts several hq processes, a few seconds each on a busy 2-core machine.
describe('a station SIGKILLed (scenario 2)', { timeout: 90_000 }, () => {
  it('between its local commits and their upload: every committed event goes up once after the restart', async () => {
    const a = await site.station('commit-then-kill');
    // hq simulate killed while it writes: whatever committed stays, nothing half-written.
    const simulator = hqProcess(['simulate', '--db', a.file, '--ops', '100000', '--seed', '5']);
    await eventually('hq simulate to commit a few dozen events', async () => ((await withStore(a.file, pending)) >= 30 ? true : undefined));
    expect((await simulator.kill()).signal).toBe('SIGKILL');
    const made = await withStore(a.file, pending);

    // hq sync starts, its push is lost on the way (the upstream never sees it), and it is killed.
    site.proxy.set({ kind: 'drop', dir: 'up', after: 0, path: push });
    const held = site.proxy.nextFault(push);
    const syncer = hqProcess(['sync', '--db', a.file, '--upstream', site.url]);
    await held;
    await syncer.kill();
    site.proxy.set({ kind: 'pass' });
    expect(await upstreamCount(a.code)).toBe(0);
    expect(await withStore(a.file, pending)).toBe(made);

    expect(await syncOnceProcess(a.file)).toContain(`pushed ${made}, rejected 0`);
    expect(await upstreamCount(a.code)).toBe(made);
    expect((await site.check([a.file])).problems).toEqual([]);
  });

  it('mid-upload, after the upstream applied the batch and before its answer arrived: the retry is answered "duplicate"', async () => {
    const a = await site.station('mid-upload');
    const made = await simulate(a.file, 30, 6);
    expect(made).toBeLessThanOrEqual(pushBatch); // one batch: the upstream applied all of it

    site.proxy.set({ kind: 'drop', dir: 'down', after: 0, path: push });
    const held = site.proxy.nextFault(push);
    const syncer = hqProcess(['sync', '--db', a.file, '--upstream', site.url]);
    await held;
    await syncer.kill();
    site.proxy.set({ kind: 'pass' });
    expect(await upstreamCount(a.code)).toBe(made);
    expect(await withStore(a.file, pending)).toBe(made);

    expect(await syncOnceProcess(a.file)).toContain(`pushed ${made}, rejected 0`);
    expect(await upstreamCount(a.code)).toBe(made);
    expect((await site.check([a.file])).problems).toEqual([]);
  });

  it('mid-upload, with half the batch sent: the upstream applies none of it, the restart sends it whole', async () => {
    const a = await site.station('half-upload');
    const made = await simulate(a.file, 30, 7);

    site.proxy.set({ kind: 'drop', dir: 'up', after: 600, path: push });
    const held = site.proxy.nextFault(push);
    const syncer = hqProcess(['sync', '--db', a.file, '--upstream', site.url]);
    await held;
    await syncer.kill();
    site.proxy.set({ kind: 'pass' });
    expect(await upstreamCount(a.code)).toBe(0);

    expect(await syncOnceProcess(a.file)).toContain(`pushed ${made}, rejected 0`);
    expect(await upstreamCount(a.code)).toBe(made);
    expect((await site.check([a.file])).problems).toEqual([]);
  });

  it('mid-pull, with the page half received or half applied: the page and its cursor are kept whole or not at all', async () => {
    const source = await site.station('pull-source');
    const b = await site.station('pull-target');
    // B has joined (from a snapshot of what the site held then): what follows comes as pages of the log.
    await syncOnceProcess(b.file);
    const made = await simulate(source.file, 60, 8);
    const before = await withStore(b.file, syncState);
    await syncOnceProcess(source.file);
    const head = (await withStore(source.file, syncState)).cursor;

    // Half a page arrived, then the station died.
    site.proxy.set({ kind: 'drop', dir: 'down', after: 1500, path: pull });
    const held = site.proxy.nextFault(pull);
    const syncer = hqProcess(['sync', '--db', b.file, '--upstream', site.url]);
    await held;
    await syncer.kill();
    site.proxy.set({ kind: 'pass' });
    expect((await withStore(b.file, syncState)).cursor).toBe(before.cursor);
    expect(await withStore(b.file, (db) => eventsOf(db, source.code))).toBe(0);

    // The whole page arrived and the station dies while applying it, inside its transaction.
    const replied = site.proxy.nextReply(pull);
    const again = hqProcess(['sync', '--db', b.file, '--upstream', site.url]);
    await replied;
    expect(await killInsideWrite(b.file, again)).toBe(true);
    expect((await withStore(b.file, syncState)).cursor).toBe(before.cursor);
    expect(await withStore(b.file, (db) => eventsOf(db, source.code))).toBe(0);
    expect(await withStore(b.file, unbalancedLots)).toEqual([]);

    expect(await syncOnceProcess(b.file)).toContain(`pulled ${made}`);
    expect((await withStore(b.file, syncState)).cursor).toBe(head);
    await syncOnceProcess(b.file);
    expect((await site.check([source.file, b.file])).problems).toEqual([]);
  });
});

describe('the upstream SIGKILLed mid-push and restarted (scenario 3)', { timeout: 90_000 }, () => {
  it('killed while applying a batch, or just after committing one: the station pushes again and every event is there once', async () => {
    const a = await site.station('upstream-killed');
    // Both parts below fit one push batch together: the upstream commits or loses it whole.
    const waiting = await simulateEvents(a.file, 60, 9);

    // Killed while it applies the batch, inside the push's transaction.
    const sent = site.proxy.nextRequest(push);
    const first = hqProcess(['sync', '--db', a.file, '--upstream', site.url, '--once']);
    await sent;
    expect(await killInsideWrite(site.upstreamFile, site.upstream.proc)).toBe(true);
    expect((await first.exited).code).not.toBe(0);
    expect(first.output).toMatch(/does not answer|stopped mid-answer/);
    await site.restartUpstream();
    expect(await upstreamCount(a.code)).toBe(0); // the batch is one transaction: none of it
    expect(await withStore(a.file, pending)).toBe(waiting);

    // Killed right after it committed a batch, before anyone heard the answer.
    const all = await simulate(a.file, 3, 10);
    expect(all).toBeLessThanOrEqual(pushBatch);
    site.proxy.set({ kind: 'cut', dir: 'down', after: 0, path: push });
    const committed = site.proxy.nextFault(push);
    const second = hqProcess(['sync', '--db', a.file, '--upstream', site.url, '--once']);
    await committed;
    await site.upstream.kill();
    site.proxy.set({ kind: 'pass' });
    expect((await second.exited).code).not.toBe(0);
    await site.restartUpstream();
    expect(await upstreamCount(a.code)).toBe(all); // what it committed survived the kill

    expect(await syncOnceProcess(a.file)).toContain(`pushed ${all}, rejected 0`);
    expect(await upstreamCount(a.code)).toBe(all);
    const b = await site.station('after-restart');
    expect((await site.check([a.file, b.file])).problems).toEqual([]);
    // The same through the CLI: three identical digest lines.
    const lines = await Promise.all([hqDigest({ db: a.file }), hqDigest({ db: b.file }), hqDigest({ upstream: site.url })]);
    expect(new Set(lines).size).toBe(1);
    expect(lines[0]).toMatch(/^[0-9a-f]{64} events=\d+ lots=\d+$/);
  });
});
