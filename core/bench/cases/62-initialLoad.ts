import { pathToFileURL } from 'node:url';
import { openSqlite, sqlite3 } from '../../db/dialect';
import { syncOnce } from '../../sync/sync';
import type { Upstream } from '../../../upstream/service';
import type { BenchCase, BenchEnv } from '../benchCase';
import { peakMemory } from '../measure';
import { all, exec, get } from '../seed/rawSql';
import { snapshotTables } from '../../sync/snapshotTables';
import { openBenchSite, spent } from '../syncSite';

/** Caps on the history copied into the upstream's log, so the case stays short. */
const maxLots = 100_000;
const maxEvents = 400_000;

/**
 * Fills an upstream from the bench store, through a read-only attachment (the bench store is not
 * written): its state (every table a snapshot carries: users, artisans, designs, all its lots...)
 * and, for the history that follows the snapshot, the log limited to its first `lots` lots (by
 * rowid: the demo's own lots first): every event without a lot and every event of those lots, in
 * the bench store's upstream order, renumbered 1..n as the upstream numbers its log.
 */
async function fillFromBenchStore(upstream: Upstream, benchFile: string, lots: number): Promise<number> {
  const carried = new Set(await snapshotTables(upstream.store.db));
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
      DROP TABLE temp.picked;`);
    // The state a snapshot carries: every table of the bench store's a snapshot takes, all its lots.
    await exec(raw, 'BEGIN');
    for (const table of await all<{ name: string }>(raw, `SELECT name FROM main.sqlite_schema WHERE type = 'table' ORDER BY rowid`)) {
      if (!carried.has(table.name)) continue;
      const theirs = new Set((await all<{ name: string }>(raw, `SELECT name FROM pragma_table_info('${table.name}', 'bench')`)).map((c) => c.name));
      const columns = (await all<{ name: string }>(raw, `SELECT name FROM pragma_table_info('${table.name}', 'main')`)).map((c) => c.name).filter((c) => theirs.has(c)).map((c) => `"${c}"`).join(', ');
      if (columns) await exec(raw, `DELETE FROM main."${table.name}"; INSERT INTO main."${table.name}" (${columns}) SELECT ${columns} FROM bench."${table.name}"`);
    }
    await exec(raw, 'COMMIT; DETACH bench;');
    return (await get<{ n: number }>(raw, 'SELECT count(*) AS n FROM main.events')).n;
  } finally {
    await new Promise<void>((resolve) => raw.close(() => resolve()));
  }
}

function lotsInHistory(env: BenchEnv): number {
  const eventsPerLot = env.seed.events / env.seed.lots;
  return Math.min(env.seed.lots, maxLots, Math.floor(maxEvents / eventsPerLot));
}

/**
 * A new station's initial load: the upstream builds a snapshot of its state (all the bench
 * store's lots), the station downloads and loads it and is usable; then the history before the
 * snapshot follows (part of the bench store's log, capped so the case stays short), stored
 * without being applied. Usable time is measured whole at the bench store's size; the history's
 * rate is measured and extrapolated.
 */
export const benchCase: BenchCase = {
  name: 'new station initial load: snapshot, then the history behind it',
  targets: { 'usable: snapshot built, downloaded and loaded': { below: 120 } },
  async run(env) {
    const lots = lotsInHistory(env);
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
      const head = await site.upstream.head();
      let bytes = 0;
      let downloaded = 0;
      const start = performance.now();
      const { result: first, rssMb, heapMb } = await peakMemory(() =>
        syncOnce(station.store.db, { timeoutMs: 600_000, historyPages: 0, onSnapshotProgress: (_received, total) => {
          bytes = total;
          downloaded = performance.now();
        } }),
      );
      const usable = (performance.now() - start) / 1000;
      const built = spent(site.probe.requests.filter((r) => r.path === '/sync/v1/snapshot'));
      if (first.cursor !== head || first.held || first.conflicts) throw new Error(`The new station stands at ${first.cursor} of ${head} (${first.held} held, ${first.conflicts} conflicts)`);
      const count = async (table: 'lots' | 'events', db = station.store.db) => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const inUpstream = await count('lots', site.upstream.store.db);
      if ((await count('lots')) !== inUpstream) throw new Error(`The new station holds ${await count('lots')} lots, not ${inUpstream}`);

      const historyStart = performance.now();
      let history = 0;
      for (;;) {
        const round = await syncOnce(station.store.db, { timeoutMs: 600_000, historyPages: 50 });
        history += round.history;
        const state = await station.store.db.selectFrom('sync_state').select(['history_cursor', 'snapshot_seq']).executeTakeFirstOrThrow();
        if (state.history_cursor! >= state.snapshot_seq!) break;
      }
      const historySeconds = (performance.now() - historyStart) / 1000;
      if ((await count('events')) !== copied) throw new Error(`The new station holds ${await count('events')} events, not the upstream's ${copied}`);
      const benchEvents = env.seed.events;
      return [
        { name: 'lots in the snapshot', value: inUpstream, unit: 'lots' },
        { name: 'snapshot built at the upstream (first request)', value: built / 1000, unit: 's' },
        { name: 'snapshot gzip', value: bytes / 2 ** 20, unit: 'MB' },
        { name: 'downloaded (after the build)', value: (downloaded - start) / 1000 - built / 1000, unit: 's' },
        { name: 'usable: snapshot built, downloaded and loaded', value: usable, unit: 's' },
        { name: 'memory meanwhile, upstream and station in one process: peak resident', value: rssMb, unit: 'MB' },
        { name: 'peak JavaScript heap', value: heapMb, unit: 'MB' },
        { name: 'history: events stored (not applied)', value: history, unit: 'events' },
        { name: 'history: events/s', value: history / historySeconds, unit: 'events/s' },
        { name: `history: ${benchEvents.toLocaleString('en')} events at that rate, in the background`, value: benchEvents / (history / historySeconds) / 60, unit: 'min' },
      ];
    } finally {
      await site.close();
    }
  },
};
