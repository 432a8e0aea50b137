import { createContext } from '../../app/context';
import { moveLot } from '../../lots/service';
import type { BenchCase } from '../benchCase';
import { latencyFigures, timeEach } from '../measure';
import { MoveSource } from '../moves';

const commits = 1_000;
const warmup = 20;

/** One person's action: one transaction with one event, committed with synchronous=FULL (an fsync). */
export const benchCase: BenchCase = {
  name: 'commit: moveLot, one event per transaction',
  targets: {},
  async run(env) {
    const source = await MoveSource.load(env, 5_000);
    const ctx = createContext({ db: env.app.store.db, bus: env.app.bus, now: () => new Date(), statusChanged: () => undefined }, null, env.userId);
    const moves = Array.from({ length: warmup + commits }, () => source.next());
    return latencyFigures(await timeEach(moves, warmup, (move) => moveLot(ctx, move)));
  },
};
