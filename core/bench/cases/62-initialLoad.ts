import { pathToFileURL } from 'node:url';
import { openSqlite, sqlite3 } from '../../db/dialect';
import { syncOnce } from '../../sync/sync';
import type { Upstream } from '../../../upstream/service';
import type { BenchCase, BenchEnv } from '../benchCase';
import { exec, get } from '../seed/rawSql';
import { maxUpstreamSeqMs, openBenchSite } from '../syncSite';

/** The load the issue sets the target for. */
const targetLots = 1_000_000;
/** Caps that keep the case within about three minutes at today's rate of a new station's load (~3,000 events/s). */
const maxLots = 100_000;
const maxEvents = 400_000;

/**
 * Fills an upstream's log with the bench store's synced history limited to its first `lots` lots
 * (by rowid: the demo's own lots first): every event without a lot (users, artisans, designs,
 * notices, the site's stations) and every event of those lots, in the bench store's upstream
 * order, renumbered 1..n as the upstream numbers its log. Copied in SQL through a read-only
 * attachment: the bench store is not written. Only the log is filled, not the upstream's own
 * projections, which a pull does not read.
 */
async function fillFromBenchStore(upstream: Upstream, benchFile: string, lots: number): Promise<number> {
  const raw = await openSqlite(upstream.store.file, sqlite3.OPEN_READWRITE | sqlite3.OPEN_URI);
  try {
    await exec(raw, `PRAGMA busy_timeout = 10000; PRAGMA temp_store = MEMORY;
      ATTACH '${pathToFileURL(benchFile).href.replace(/'/g, "''")}?mode=ro' AS bench;
      CREATE TEMP TABLE picked AS
        SELECT rowid AS r, upstream_seq AS u FROM bench.events WHERE lot_id IS NULL AND upstream_seq IS NOT NULL
        UNION ALL
        SELECT e.rowid, e.upstream_seq FROM bench.lots l JOIN bench.events e ON e.lot_id = l.id
        WHERE l.rowid <= ${Math.floor(lots)} AND e.upstream_seq IS NOT NULL;
      BEGIN;
      INSERT INTO main.events (id, station, seq, type, lot_id, payload, user_id, at, upstream_seq, status, local)
        SELECT e.id, e.station, e.seq, e.type, e.lot_id, e.payload, e.user_id, e.at, row_number() OVER (ORDER BY p.u), 'applied', 0
        FROM temp.picked p JOIN bench.events e ON e.rowid = p.r ORDER BY p.u;
      COMMIT;
      DROP TABLE temp.picked;
      DETACH bench;`);
    return (await get<{ n: number }>(raw, 'SELECT count(*) AS n FROM main.events')).n;
  } finally {
    await new Promise<void>((resolve) => raw.close(() => resolve()));
  }
}

function lotsToLoad(env: BenchEnv): number {
  const eventsPerLot = env.seed.events / env.seed.lots;
  return Math.min(env.seed.lots, maxLots, Math.floor(maxEvents / eventsPerLot));
}

/**
 * A new station's initial load. The issue asks for a snapshot of the current state with 1 million
 * lots in under 2 minutes; there is no snapshot yet: a new station pulls the whole event log and
 * applies every event. This measures that, honestly, on part of the bench store's history (an
 * upstream holding its first K lots' events, K capped so the case stays short), and extrapolates
 * the time linearly to 1 million lots. The extrapolation is a floor: checks that read the whole
 * log once per page (max(upstream_seq) at both ends) grow with it.
 */
export const benchCase: BenchCase = {
  name: 'new station initial load (no snapshot yet: the whole log, pulled and applied)',
  targets: { [`extrapolated to ${targetLots.toLocaleString('en')} lots, linearly`]: { below: 2 } },
  async run(env) {
    const lots = lotsToLoad(env);
    let copied = 0;
    const site = await openBenchSite({
      demo: false,
      fill: async (upstream) => {
        copied = await fillFromBenchStore(upstream, env.file, lots);
      },
    });
    try {
      // A code no event of the bench store carries: its station-scoped events (devices) stay theirs.
      const station = await site.station('new', 'NEW');
      const start = performance.now();
      const report = await syncOnce(station.store.db, { timeoutMs: 120_000 });
      const seconds = (performance.now() - start) / 1000;
      if (report.pulled !== copied || report.held || report.conflicts)
        throw new Error(`The new station pulled ${report.pulled} of ${copied} events (${report.held} held, ${report.conflicts} conflicts)`);
      const loaded = await station.store.db.selectFrom('lots').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      if (Number(loaded.n) !== lots) throw new Error(`The new station holds ${loaded.n} lots, not ${lots}`);
      const scan = await maxUpstreamSeqMs(station.store.db, 3);
      return [
        { name: 'lots loaded', value: lots, unit: 'lots' },
        { name: 'events pulled and applied', value: copied, unit: 'events' },
        { name: 'full load', value: seconds, unit: 's' },
        { name: 'events/s', value: copied / seconds, unit: 'events/s' },
        { name: `extrapolated to ${targetLots.toLocaleString('en')} lots, linearly`, value: (seconds * (targetLots / lots)) / 60, unit: 'min' },
        { name: `max(upstream_seq) per page at the end (station and upstream, ${copied.toLocaleString('en')} events)`, value: scan.asWritten, unit: 'ms' },
      ];
    } finally {
      await site.close();
    }
  },
};
