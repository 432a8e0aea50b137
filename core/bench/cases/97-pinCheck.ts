import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { pinCost } from '../../auth/pin';
import { demoUsers } from '../../demo/data';
import type { BenchCase, Figure } from '../benchCase';
import { latencyFigures, timeEach } from '../measure';

const logins = 40;
const warmup = 3;
const searchSeconds = 15;

// What an attacker with a copied store does: scrypt at the stored cost, one PIN after another, on
// every core. A plain script (eval) so each worker runs without the TypeScript loader. Each worker
// also keeps its fastest try: on a shared machine the count is what this run got, and the fastest
// tries are what the same cores do for an attacker who has them to himself.
const searchWorker = `
const { scryptSync } = require('node:crypto');
const { parentPort, workerData } = require('node:worker_threads');
const { cost, until } = workerData;
const salt = Buffer.alloc(16, 7);
let tried = 0;
let fastest = Infinity;
while (Date.now() < until) {
  const start = performance.now();
  scryptSync(String(100000 + tried++), salt, 32, { ...cost, maxmem: 512 * 2 ** 20 });
  fastest = Math.min(fastest, performance.now() - start);
}
parentPort.postMessage({ tried, fastest });
`;

/** PINs a second on all cores: as this run went, and at each core's fastest try. */
async function search(): Promise<{ measured: number; atFastest: number }> {
  const until = Date.now() + searchSeconds * 1000;
  const started = performance.now();
  const workers = await Promise.all(
    os.cpus().map(
      () =>
        new Promise<{ tried: number; fastest: number }>((resolve, reject) => {
          const worker = new Worker(searchWorker, { eval: true, workerData: { cost: pinCost, until } });
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  return { measured: workers.reduce((sum, w) => sum + w.tried, 0) / seconds, atFastest: workers.reduce((sum, w) => sum + 1000 / w.fastest, 0) };
}

/**
 * The login check a person waits for (session.login over HTTP: the try counted, the PIN's scrypt,
 * the session written), and how long a copied store's hash holds out against this machine's cores.
 */
export const benchCase: BenchCase = {
  name: `PIN check: a login, and a search of the PIN space on all ${os.cpus().length} cores (scrypt N=${pinCost.N}, r=${pinCost.r})`,
  targets: {
    'login, right PIN p99': { below: 300 },
    '7-digit PIN space searched on a PC with 8 such cores': { above: 24 },
  },
  async run(env) {
    const clerk = demoUsers.find((u) => u.username === 'wanjiru')!;
    const tries = Array.from({ length: warmup + logins }, (_, i) => i);
    const right = await timeEach(tries, warmup, () => env.call('session.login', { username: clerk.username, pin: clerk.pin }).then(() => undefined));
    const unknown = await timeEach(tries, warmup, () => env.call('session.login', { username: 'nobody', pin: '1234567' }).then(() => undefined, () => undefined));
    const { measured, atFastest: rate } = await search();
    const figures: Figure[] = [
      ...latencyFigures(right, 'login, right PIN'),
      ...latencyFigures(unknown, 'login, a name nobody has'),
      { name: 'offline search on all cores, this run', value: measured, unit: 'PINs/s' },
      { name: "offline search on all cores, at each core's fastest try (the figures below)", value: rate, unit: 'PINs/s' },
      { name: '4-digit PIN space searched (all 10,000)', value: 1e4 / rate / 60, unit: 'min' },
      { name: '6-digit PIN space searched (all 1,000,000)', value: 1e6 / rate / 3600, unit: 'h' },
      { name: '7-digit PIN space searched (all 10,000,000, an admin or supervisor)', value: 1e7 / rate / 3600, unit: 'h' },
      // The "a PC": 8 cores as fast as this machine's fastest, for the attacker alone.
      { name: '7-digit PIN space searched on a PC with 8 such cores', value: (1e7 / ((rate / os.cpus().length) * 8)) / 3600, unit: 'h' },
    ];
    return figures;
  },
};
