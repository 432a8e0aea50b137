import { openSqlite, sqlite3 } from '../../db/dialect';
import { openStore } from '../../db/store';
import { seedDemo } from '../../demo/seed';
import { seededRandom } from '../../demo/random';
import { all, exec, get } from './rawSql';
import { createIndexes, dropIndexes, secondaryIndexes } from './indexes';
import { otherDesks, plannedArtisans, plannedDesigns, topUpReferenceData } from './referenceData';
import type { LogPosition } from './eventLog';
import type { SeedInfo } from './seedInfo';
import { insertSyntheticHistory } from './syntheticHistory';

const years = 5;

export interface SeedPlan {
  lots: number;
  events: number;
  /** Keep the secondary indexes during the bulk insert instead of rebuilding them after it. */
  indexesDuringInsert: boolean;
}

function stopwatch(): () => number {
  const start = performance.now();
  return () => (performance.now() - start) / 1000;
}

/**
 * Fills a new store with `plan.lots` lots and `plan.events` events over the last five years. The
 * demo (station R1, users, reference data, its own lots) becomes the oldest days; then upstream's
 * artisans and designs up to the planning figures, then synthetic lots of desks R1, R2 and R3,
 * all written straight through node-sqlite3.
 */
export async function seedStore(file: string, plan: SeedPlan, log: (line: string) => void): Promise<SeedInfo> {
  const total = stopwatch();
  const to = new Date();
  const from = new Date(to.getTime() - years * 365.25 * 86_400_000);

  let lap = stopwatch();
  const store = await openStore(file);
  await seedDemo(store.db, from);
  await store.close();
  const demo = lap();

  const raw = await openSqlite(file, sqlite3.OPEN_READWRITE);
  try {
    // For seeding only: a crash here loses a half-built bench store, nothing else. openStore sets
    // synchronous=FULL again for every measurement.
    await exec(raw, `PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA foreign_keys = ON;
      PRAGMA cache_size = -1048576; PRAGMA temp_store = MEMORY`);
    // The demo's own events count as pushed long ago, in the order they were made.
    await exec(raw, 'UPDATE events SET upstream_seq = rowid WHERE upstream_seq IS NULL');
    const seqs = await all<{ station: string; seq: number }>(raw, 'SELECT station, max(seq) AS seq FROM events GROUP BY station');
    const { upstream } = await get<{ upstream: number }>(raw, 'SELECT max(upstream_seq) AS upstream FROM events');
    const position: LogPosition = { lastSeq: Object.fromEntries(seqs.map((s) => [s.station, s.seq])), lastUpstreamSeq: upstream };
    const users = Object.fromEntries((await all<{ username: string; id: string }>(raw, 'SELECT username, id FROM users')).map((u) => [u.username, u.id]));

    lap = stopwatch();
    const random = seededRandom(2026);
    const reference = await topUpReferenceData(raw, random, from, position, users.grace!);
    const referenceSeconds = lap();

    const station = await get<{ code: string; next_lot_number: number }>(raw, 'SELECT code, next_lot_number FROM station');
    const counts = await get<{ lots: number; events: number }>(raw, 'SELECT (SELECT count(*) FROM lots) AS lots, (SELECT count(*) FROM events) AS events');
    const lots = plan.lots - counts.lots;
    const events = plan.events - counts.events;
    if (lots < 1 || events < lots)
      throw new Error(`The demo and reference data already hold ${counts.lots} lots and ${counts.events} events: ask for more lots, and at least one event per lot`);

    const indexes = await secondaryIndexes(raw);
    if (!plan.indexesDuringInsert) await dropIndexes(raw, indexes);
    lap = stopwatch();
    let reported = 0;
    await insertSyntheticHistory(
      raw,
      random,
      reference,
      {
        lots,
        events,
        from,
        to,
        stations: [station.code, ...otherDesks.map((d) => d.code)],
        nextLotNumber: { [station.code]: station.next_lot_number },
        position,
        users: { receiver: users.wanjiru!, inspector: users.otieno!, operator: users.kiprop!, packer: users.mwangi!, supervisor: users.halima! },
      },
      (done) => {
        if (done < reported + lots / 10 && done < lots) return;
        reported = done;
        log(`seeding: ${done.toLocaleString('en')} of ${lots.toLocaleString('en')} lots, ${Math.round(lap())} s`);
      },
    );
    const insert = lap();

    lap = stopwatch();
    if (!plan.indexesDuringInsert) await createIndexes(raw, indexes);
    const indexSeconds = lap();
    lap = stopwatch();
    await exec(raw, 'PRAGMA synchronous = FULL; PRAGMA wal_checkpoint(TRUNCATE)');
    const checkpoint = lap();
    return {
      lots: plan.lots,
      events: plan.events,
      artisans: plannedArtisans,
      designs: plannedDesigns,
      seededAt: to.toISOString(),
      seconds: { demo, reference: referenceSeconds, insert, indexes: indexSeconds, checkpoint, total: total() },
      indexesDuringInsert: plan.indexesDuringInsert,
    };
  } finally {
    await new Promise<void>((resolve) => raw.close(() => resolve()));
  }
}
