import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { seededRandom, type Random } from '../../demo/random';
import { checkConvergence } from './check';
import { copyStore, killAll, Proc, UpstreamProcess } from './harness';
import { FaultProxy, type Fault } from './proxy';
import { enrolledStation, syncUntilQuiet } from './stations';

// npm run soak -- --minutes M --stations K [--seed S] [--keep] [--restores]
//
// K stations and the reference upstream, each a real process, for M minutes: people work in
// small bursts at every station while the network between each station and the upstream breaks
// in every way the fault proxy knows (down, stalls, cuts at any byte either way, one-way
// partitions), stations are SIGKILLed and restarted, the upstream too, and the platform
// publishes new work upstream (--restores: and now and then the upstream is stopped for a backup,
// or restored from the last one, behind every station). Then the faults heal, every station syncs until nothing moves,
// and the end state is checked: one digest everywhere, every event made at a station at the
// upstream once, in its station's order without gaps, every lot balanced. One line, exit 0 or 1.
//
// Why a station worker (stationWorker.ts) and not `hq sync` + `hq simulate`: the worker is the
// station as the app runs it (SyncLoop and the people's writes in one process on one store
// connection), but with a 1.5 s timeout and at most 1.2 s of backoff; `hq sync` has the app's
// 20 s timeout and 60 s backoff, so a soak of a few minutes would mostly wait, and an `hq
// simulate` process per burst would spend the machine on starting Node. The worker is still a
// process of its own, killed with SIGKILL. The fault tests (*.test.ts here) drive `hq` itself.

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '1' },
    stations: { type: 'string', default: '3' },
    seed: { type: 'string' },
    keep: { type: 'boolean', default: false },
    restores: { type: 'boolean', default: false },
  },
});
const minutes = Number(values.minutes);
const stationCount = Number(values.stations);
const seed = values.seed === undefined ? Date.now() % 1_000_000 : Number(values.seed);
if (!(minutes > 0 && minutes <= 24 * 60) || !Number.isInteger(stationCount) || stationCount < 1 || stationCount > 20 || !Number.isInteger(seed)) {
  console.error('usage: npm run soak -- --minutes M --stations K [--seed S] [--keep] [--restores]   (M > 0, K from 1 to 20)');
  process.exit(2);
}

const here = path.dirname(fileURLToPath(import.meta.url));
const workerScript = path.join(here, 'stationWorker.ts');
const tsxLoader = import.meta.resolve('tsx');
const random = seededRandom(seed);
const dir = mkdtempSync(path.join(os.tmpdir(), 'karakana-soak-'));
const started = Date.now();
const tally = { faults: 0, stationKills: 0, upstreamKills: 0, publishes: 0, backups: 0, restores: 0 };

interface Station {
  name: string;
  file: string;
  proxy: FaultProxy;
  worker: Proc | null;
}

function randomFault(r: Random): Fault {
  const after = r.int(0, 3000);
  const path = r.chance(0.3) ? r.pick(['/sync/v1/push', '/sync/v1/pull']) : undefined;
  return r.pick<Fault>([
    { kind: 'pass' },
    { kind: 'pass' },
    { kind: 'down' },
    { kind: 'stall', path },
    { kind: 'cut', dir: 'up', after, path },
    { kind: 'cut', dir: 'down', after, path },
    { kind: 'drop', dir: 'up', after, path },
    { kind: 'drop', dir: 'down', after, path },
  ]);
}

function startWorker(station: Station): Proc {
  return new Proc(`station ${station.name}`, ['--import', tsxLoader, workerScript, '--db', station.file, '--seed', String(random.int(1, 1_000_000))]);
}

async function main(): Promise<boolean> {
  const upstreamFile = path.join(dir, 'upstream.db');
  const backupFile = path.join(dir, 'upstream-backup.db');
  let upstream = await UpstreamProcess.start(upstreamFile);
  const stations: Station[] = [];
  for (let i = 1; i <= stationCount; i++) {
    const proxy = await FaultProxy.start({ port: upstream.port });
    const station: Station = { name: `S${i}`, file: path.join(dir, `station-${i}.db`), proxy, worker: null };
    await enrolledStation(station.file, proxy.url, `Soak station ${i}`);
    stations.push(station);
  }
  for (const station of stations) station.worker = startWorker(station);
  await Promise.all(stations.map((s) => s.worker!.waitFor(/station worker ready/)));

  const until = started + minutes * 60_000;
  while (Date.now() < until) {
    await sleep(random.int(200, 1200));
    const roll = random.next();
    const station = random.pick(stations);
    if (roll < 0.6) {
      station.proxy.set(randomFault(random));
      tally.faults++;
    } else if (roll < 0.8) {
      await station.worker!.kill();
      tally.stationKills++;
      await sleep(random.int(0, 800));
      station.worker = startWorker(station);
      await station.worker.waitFor(/station worker ready/);
    } else if (roll < 0.9) {
      await upstream.kill();
      tally.upstreamKills++;
      await sleep(random.int(0, 1500));
      upstream = await UpstreamProcess.start(upstreamFile);
      for (const s of stations) s.proxy.retarget(upstream.port);
    } else if (values.restores && roll < 0.95) {
      // The operator backs the upstream up while it is stopped, or restores the last backup.
      await upstream.stop();
      if (tally.backups > tally.restores) {
        copyStore(backupFile, upstreamFile);
        tally.restores++;
      } else {
        copyStore(upstreamFile, backupFile);
        tally.backups++;
      }
      upstream = await UpstreamProcess.start(upstreamFile);
      for (const s of stations) s.proxy.retarget(upstream.port);
    } else {
      // The platform (the artisans' app, the shop) sends new work upstream.
      const response = await fetch(new URL('/demo/publish', upstream.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ notices: random.int(0, 3), orders: random.int(0, 3) }) });
      if (response.ok) tally.publishes++;
    }
  }

  // Heal, stop the people, and let every station sync until nothing moves.
  for (const s of stations) s.proxy.set({ kind: 'pass' });
  await Promise.all(stations.map((s) => s.worker!.stop()));
  const passes = await syncUntilQuiet(
    stations.map((s) => s.file),
    { timeoutMs: 15_000 },
    10,
  );
  // A restored upstream forgets the refusals it recorded after its backup (see CheckOptions).
  const result = await checkConvergence(
    upstreamFile,
    stations.map((s) => s.file),
    { refusalsMayBeForgotten: tally.restores > 0 },
  );
  const ok = result.problems.length === 0;
  const took = ((Date.now() - started) / 60_000).toFixed(1);
  console.log(
    `soak ${ok ? 'PASS' : 'FAIL'}: ${took} min, ${stationCount} station${stationCount === 1 ? '' : 's'}, seed ${seed}; ${result.events} events at the upstream (${result.rejected} refused), ${result.lots} lots, digest ${result.digest.hash.slice(0, 12)}; ` +
      `${tally.faults} network faults, ${tally.stationKills} station kills, ${tally.upstreamKills} upstream kills, ${tally.publishes} platform publishes${values.restores ? `, ${tally.restores} restores from ${tally.backups} backups (${result.forgottenRefusals} refusals forgotten)` : ''}; quiet after ${passes} passes`,
  );
  for (const problem of result.problems) console.log(`  ${problem}`);
  for (const s of stations) await s.proxy.close();
  await upstream.stop();
  return ok;
}

// Bounded whatever happens: a soak that hangs fails. The heal at the end takes each station in
// turn through what it missed (up to 2 minutes a station of 4 on a 2-core machine: pages whose lots
// this station touched later are applied event by event), so the bound leaves 10 minutes for it.
const bound = minutes + 10;
setTimeout(() => {
  console.log(`soak FAIL: still running ${bound} minutes after it started; stores kept in ${dir}`);
  void killAll().then(() => process.exit(1));
}, bound * 60_000).unref();

let ok = false;
try {
  ok = await main();
} catch (error) {
  console.log(`soak FAIL: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
} finally {
  await killAll();
}
if (ok && !values.keep) rmSync(dir, { recursive: true, force: true });
else console.log(`  stores kept in ${dir}`);
process.exit(ok ? 0 : 1);
