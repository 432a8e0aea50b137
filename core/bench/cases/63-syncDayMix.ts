import { simulateDay } from '../../simulate/simulate';
import { syncOnce } from '../../sync/sync';
import type { BenchCase } from '../benchCase';
import { openBenchSite, pushPhaseEnd } from '../syncSite';

const ops = 6_000;

/**
 * Push and pull throughput for a day's mix of events, as `hq simulate` makes them at one desk
 * (receipts, moves, QC inspections and decisions, plating plans, packing, prints), where the
 * throughput case's events are all receipts and moves. Everything else as there: a fresh demo
 * upstream on loopback, station A pushes with one syncOnce, a fresh station B pulls everything.
 */
export const benchCase: BenchCase = {
  name: `sync throughput on loopback for a day's mix: ${ops.toLocaleString('en')} simulated operations at one desk`,
  targets: { 'push events/s': { above: 20_000 }, 'pull events/s': { above: 20_000 } },
  async run(env) {
    const site = await openBenchSite({ demo: true });
    try {
      const a = await site.station('a');
      await syncOnce(a.store.db);
      await simulateDay(a.store.db, ops, env.random.int(1, 1_000_000));
      const made = await a.store.db.selectFrom('events').select('type').where('upstream_seq', 'is', null).execute();
      const lotRows = made.filter((e) => e.type === 'lot.received' || e.type === 'lot.moved').length;

      site.probe.reset();
      const pushStart = performance.now();
      const pushed = await syncOnce(a.store.db);
      if (pushed.pushed !== made.length) throw new Error(`Pushed ${pushed.pushed} events of ${made.length}`);
      const pushMs = pushPhaseEnd(site.probe) - pushStart;

      const b = await site.station('b');
      const pullStart = performance.now();
      const pulled = await syncOnce(b.store.db, { snapshot: false });
      const pullMs = performance.now() - pullStart;
      if (pulled.pulled !== (await site.upstream.head())) throw new Error(`Station B pulled ${pulled.pulled} events`);

      return [
        { name: 'push events/s', value: (made.length / pushMs) * 1000, unit: 'events/s' },
        { name: 'pull events/s', value: (pulled.pulled / pullMs) * 1000, unit: 'events/s' },
        { name: 'events pushed', value: made.length, unit: 'events' },
        { name: 'receipts and moves among them', value: (100 * lotRows) / made.length, unit: '%' },
      ];
    } finally {
      await site.close();
    }
  },
};
