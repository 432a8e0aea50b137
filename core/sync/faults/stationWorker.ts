import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { AppError } from '../../kernel/errors';
import { openStore } from '../../db/store';
import { seededRandom } from '../../demo/random';
import { simulateDay } from '../../simulate/simulate';
import { SyncLoop } from '../loop';

// One station for the soak, as its own process: the sync loop the app runs (with short timeouts
// and backoff) and, in the same process and on the same store, people working in small bursts.
// It runs until SIGTERM (a clean stop) or SIGKILL (the soak's power cut).
//   node --import tsx core/sync/faults/stationWorker.ts --db FILE --seed N

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    seed: { type: 'string', default: '1' },
    'burst-ms': { type: 'string', default: '400' },
    'max-ops': { type: 'string', default: '4' },
  },
});
const random = seededRandom(Number(values.seed));
const burstMs = Number(values['burst-ms']);
const maxOps = Number(values['max-ops']);

let stopping = false;
process.once('SIGTERM', () => void (stopping = true));
process.once('SIGINT', () => void (stopping = true));

const store = await openStore(values.db!);
const counts = { bursts: 0, ops: 0, refused: 0, rounds: 0, failed: 0 };
const loop = new SyncLoop(store.db, {
  timeoutMs: 1500,
  intervalMs: 150,
  maxBackoffMs: 1200,
  onRound: ({ error }) => void (error ? counts.failed++ : counts.rounds++),
});
loop.start();
console.log('station worker ready');

while (!stopping) {
  const ops = random.int(1, maxOps);
  try {
    await simulateDay(store.db, ops, random.int(0, 1_000_000_000));
    counts.ops += ops;
  } catch (error) {
    // A pull may move pieces between picking a lot and moving them: the move is refused, as a person's would be.
    if (!(error instanceof AppError)) throw error;
    counts.refused++;
  }
  counts.bursts++;
  loop.nudge();
  await sleep(random.int(burstMs / 2, (burstMs * 3) / 2));
}
await loop.stop();
await store.close();
console.log(`station worker stopped: ${JSON.stringify(counts)}`);
