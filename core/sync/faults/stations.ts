import { AppError } from '../../kernel/errors';
import { openStore } from '../../db/store';
import type { Db } from '../../db/schema';
import { enrollStation, syncOnce, type SyncOptions, type SyncReport } from '../sync';

// Stations driven from the test's own process: open the store, do one thing, close it, so that a
// station process (hq sync, hq simulate) may have the same file open at the same time.

export async function withStore<T>(file: string, work: (db: Db) => Promise<T>): Promise<T> {
  const store = await openStore(file);
  try {
    return await work(store.db);
  } finally {
    await store.close();
  }
}

/** A fresh store enrolled with the upstream at url and holding what it has (one sync). */
export async function enrolledStation(file: string, url: string, name: string): Promise<string> {
  return withStore(file, async (db) => {
    const station = await enrollStation(db, url, { code: null, name });
    await syncOnce(db);
    return station.code;
  });
}

export function sync(file: string, options: SyncOptions = {}): Promise<SyncReport> {
  return withStore(file, (db) => syncOnce(db, options));
}

/** One round that is expected to fail: its AppError code. */
export async function failingSync(file: string, options: SyncOptions = {}): Promise<string> {
  try {
    await sync(file, options);
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error(`sync of ${file} was expected to fail but worked`);
}

/** Syncs every station in turn until one whole pass moves nothing; returns the passes it took. */
export async function syncUntilQuiet(files: string[], options: SyncOptions = {}, maxPasses = 8): Promise<number> {
  for (let pass = 1; pass <= maxPasses; pass++) {
    let moved = 0;
    for (const file of files) {
      const r = await sync(file, options);
      moved += r.pushed + r.rejected + r.pulled;
    }
    if (moved === 0) return pass;
  }
  throw new Error(`The stations still had things to sync after ${maxPasses} passes`);
}

/** This station's events the upstream has not acknowledged yet. */
export function pending(db: Db): Promise<number> {
  return db
    .selectFrom('events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('local', '=', 1)
    .where('status', '=', 'applied')
    .where('upstream_seq', 'is', null)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

export async function syncState(db: Db) {
  const state = await db.selectFrom('sync_state').selectAll().executeTakeFirstOrThrow();
  const error = state.last_error ? (JSON.parse(state.last_error) as { code: string; message: string }) : null;
  return { ...state, error };
}

/** How many events of this station the store holds. */
export function eventsOf(db: Db, station: string): Promise<number> {
  return db
    .selectFrom('events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('station', '=', station)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

export async function stationCode(db: Db): Promise<string> {
  return (await db.selectFrom('station').select('code').executeTakeFirstOrThrow()).code;
}
