import { openSqlite, sqlite3 } from '../../db/dialect';
import type { Db, Trx } from '../../db/schema';
import { measureAppendSteps } from '../appendSteps';
import type { BenchCase, BenchEnv, Figure } from '../benchCase';
import { MoveSource } from '../moves';

const events = 2_000;

class RollBack extends Error {}

/** Runs `fn` in a transaction that is then rolled back, leaving the store as it was. */
async function rolledBack<T>(db: Db, fn: (trx: Trx) => Promise<T>): Promise<T> {
  let result: T | undefined;
  await db
    .transaction()
    .execute(async (trx) => {
      result = await fn(trx);
      throw new RollBack();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RollBack)) throw error;
    });
  return result!;
}

async function steps(env: BenchEnv, db: Db): Promise<Figure[]> {
  // Loaded through the app's connection before the transaction: its one connection is busy inside it.
  const source = await MoveSource.load(env, 5_000);
  return rolledBack(db, (trx) => measureAppendSteps(trx, env.userId, source, events));
}

/** node-sqlite3's own round trip without Kysely: as core/db/dialect.ts calls it (db.all), and prepared once. */
async function rawRoundTrips(file: string): Promise<Figure[]> {
  const raw = await openSqlite(file, sqlite3.OPEN_READONLY);
  const statement = raw.prepare('SELECT 1');
  const time = async (call: (done: (err: Error | null) => void) => void) => {
    const start = performance.now();
    for (let i = 0; i < events; i++) await new Promise<void>((resolve, reject) => call((err) => (err ? reject(err) : resolve())));
    return ((performance.now() - start) * 1000) / events;
  };
  const figures = [
    { name: 'SELECT 1 on raw node-sqlite3, db.all', value: await time((done) => raw.all('SELECT 1', done)), unit: 'µs/event' },
    { name: 'SELECT 1 on raw node-sqlite3, prepared once', value: await time((done) => statement.get(done)), unit: 'µs/event' },
  ];
  await new Promise<void>((resolve) => statement.finalize(() => raw.close(() => resolve())));
  return figures;
}

/**
 * Where record() spends its time per event, step by step, in transactions rolled back afterwards:
 * on the app's connection (its statements are prepared once and kept: core/db/dialect.ts).
 */
export const benchCase: BenchCase = {
  name: 'append: record() per-event cost, step by step (rolled back)',
  targets: {},
  async run(env) {
    const figures = await steps(env, env.app.store.db);
    return [...figures, ...(await rawRoundTrips(env.file))];
  },
};
