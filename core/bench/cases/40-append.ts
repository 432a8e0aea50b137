import { createContext } from '../../app/context';
import { lotMoved } from '../../lots/events';
import type { BenchCase } from '../benchCase';
import { percentile, timeEach } from '../measure';
import { MoveSource } from '../moves';

const transactions = 20;
const eventsPerTransaction = 1_000;
const warmup = 1;

/** Appending in bulk (a sync pull, a batch scan session) through the one write path: ctx.write + record(). */
export const benchCase: BenchCase = {
  name: `append: ${eventsPerTransaction.toLocaleString('en')} lot.moved per transaction via record()`,
  targets: { 'events/s': { above: 50_000 } },
  async run(env) {
    const source = await MoveSource.load(env, 5_000);
    const ctx = createContext({ db: env.app.store.db, bus: env.app.bus, now: () => new Date(), statusChanged: () => undefined }, null, env.userId);
    const batches = Array.from({ length: warmup + transactions }, () => Array.from({ length: eventsPerTransaction }, () => source.next()));
    const samples = await timeEach(batches, warmup, (moves) =>
      ctx.write(async ({ record }) => {
        for (const move of moves) await record(lotMoved, move);
      }),
    );
    const seconds = samples.reduce((sum, ms) => sum + ms, 0) / 1000;
    return [
      { name: 'events/s', value: (transactions * eventsPerTransaction) / seconds, unit: 'events/s' },
      { name: 'transaction p50', value: percentile(samples, 50), unit: 'ms' },
    ];
  },
};
