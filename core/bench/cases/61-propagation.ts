import { setTimeout as sleep } from 'node:timers/promises';
import { moveLot, receiveLot } from '../../lots/service';
import { SyncLoop } from '../../sync/loop';
import { syncOnce } from '../../sync/sync';
import type { BenchCase } from '../benchCase';
import { latencyFigures } from '../measure';
import { actingAs, maxUpstreamSeqMs, openBenchSite } from '../syncSite';

const samples = 100;
/** The app's interval between rounds while all is well (createApp's syncIntervalMs default). */
const intervalMs = 1_000;
const timeoutMs = 30_000;

/**
 * Propagation delay A → upstream → B while online: two fresh stations of a demo upstream on
 * loopback, each with its SyncLoop running as createApp wires it (every 1 s, and at once when a
 * local write nudges it). A moves one piece of a lot; the delay runs until B's round that applied
 * the move has committed and reported the lot, the moment the app tells B's screens
 * ('lot.changed'). Moves start every 100-500 ms at random, so they land at any point of B's
 * timer; a round carries whatever has arrived, as at a busy HQ.
 */
export const benchCase: BenchCase = {
  name: `sync propagation A → upstream → B, online, SyncLoop every ${intervalMs / 1000} s (${samples} moves)`,
  targets: { p99: { below: 2_000 } },
  async run(env) {
    const site = await openBenchSite({ demo: true });
    const loops: SyncLoop[] = [];
    try {
      const a = await site.station('a');
      const b = await site.station('b');
      await syncOnce(a.store.db);
      const setup = await actingAs(a, 'wanjiru');
      const lots: string[] = [];
      for (let i = 0; i < samples; i++)
        lots.push(await receiveLot(setup, { designSku: 'BR-CUF-001', artisanId: 'A-00001', finish: 'polished', deliveryCode: null, quantity: 10, weightG: null, state: 'in_qc' }));
      await syncOnce(a.store.db);
      await syncOnce(b.store.db);

      const arrived = new Map<string, (at: number) => void>();
      const loopA = new SyncLoop(a.store.db, { intervalMs });
      const loopB = new SyncLoop(b.store.db, {
        intervalMs,
        onRound: ({ report }) => {
          const at = performance.now();
          for (const lotId of report?.lots ?? []) arrived.get(lotId)?.(at);
        },
      });
      loops.push(loopA, loopB);
      // A local write nudges A's loop, as createApp's statusChanged does.
      const inspector = await actingAs(a, 'otieno', () => loopA.nudge());
      loopA.start();
      loopB.start();
      await sleep(env.random.int(0, intervalMs));

      const sample = async (lotId: string): Promise<number> => {
        let timer: NodeJS.Timeout | undefined;
        const arrival = new Promise<number>((resolve, reject) => {
          arrived.set(lotId, resolve);
          timer = setTimeout(() => reject(new Error(`The move of ${lotId} did not reach station B within ${timeoutMs} ms`)), timeoutMs);
        });
        const start = performance.now();
        await moveLot(inspector, { lotId, from: 'in_qc', to: 'refining', quantity: 1, reason: null });
        try {
          return (await arrival) - start;
        } finally {
          clearTimeout(timer);
        }
      };
      const pending: Promise<number>[] = [];
      for (const lotId of lots) {
        pending.push(sample(lotId));
        pending.at(-1)!.catch(() => undefined); // awaited below; not unhandled meanwhile
        await sleep(env.random.int(100, 500));
      }
      const delays = await Promise.all(pending);
      for (const loop of loops.splice(0)) await loop.stop();
      const atB = await b.store.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).where('type', '=', 'lot.moved').executeTakeFirstOrThrow();
      if (Number(atB.n) !== samples) throw new Error(`Station B holds ${atB.n} moves of ${samples}`);

      // What every round costs a station holding this store's log: syncOnce reads max(upstream_seq)
      // before each page it pulls, a full scan of the events table (not in the delays above:
      // these stations are new).
      const scan = await maxUpstreamSeqMs(env.app.store.db, 3);
      return [
        ...latencyFigures(delays),
        { name: 'max', value: Math.max(...delays), unit: 'ms' },
        { name: `per round on a station holding this store: max(upstream_seq) (${env.seed.events.toLocaleString('en')}+ events)`, value: scan.asWritten, unit: 'ms' },
        { name: 'the same, WHERE upstream_seq IS NOT NULL (partial index)', value: scan.indexed, unit: 'ms' },
      ];
    } finally {
      for (const loop of loops) await loop.stop();
      await site.close();
    }
  },
};
