import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../api/errors';
import { all, closeSqlite } from '../backup/check';
import { localStamp } from '../backup/restore';
import { openSqlite, sqlite3 } from './dialect';

// `hq salvage`: a store that is damaged (or a file that is not a store at all) is moved aside,
// never deleted, so the station can start again from the upstream's snapshot; what of this
// station's unsent work can still be read from it is counted, row by row past damaged pages.

export interface SalvageReport {
  keptAs: string;
  /** This station's events that never reached the upstream and can still be read (null: none could be read). */
  unsent: number | null;
  /** Events whose row could not be read (a damaged page): they may include unsent ones. */
  unreadable: number;
}

const sidecars = ['', '-wal', '-shm'];

const unsentQuery = "SELECT count(*) AS n FROM events WHERE local = 1 AND upstream_seq IS NULL AND status = 'applied'";

/** Row by row, when a damaged page stops the whole count: each rowid is looked up on its own. */
async function countPastDamage(db: sqlite3.Database): Promise<{ unsent: number; unreadable: number }> {
  const [{ last } = { last: 0 }] = await all<{ last: number | null }>(db, 'SELECT max(rowid) AS last FROM events');
  let unsent = 0;
  let unreadable = 0;
  for (let rowid = 1; rowid <= (last ?? 0); rowid++) {
    try {
      const [{ n } = { n: 0 }] = await all<{ n: number }>(db, `${unsentQuery} AND rowid = ?`, [rowid]);
      unsent += n;
    } catch {
      unreadable++;
    }
  }
  return { unsent, unreadable };
}

async function countUnsent(file: string): Promise<Omit<SalvageReport, 'keptAs'>> {
  let db: sqlite3.Database;
  try {
    db = await openSqlite(file, sqlite3.OPEN_READONLY);
  } catch {
    return { unsent: null, unreadable: 0 };
  }
  try {
    const [{ n } = { n: 0 }] = await all<{ n: number }>(db, unsentQuery);
    return { unsent: n, unreadable: 0 };
  } catch {
    return await countPastDamage(db).catch(() => ({ unsent: null, unreadable: 0 }));
  } finally {
    await closeSqlite(db).catch(() => undefined);
  }
}

/** Moves the store (with its -wal and -shm) to FILE.damaged-<local time> and counts what it still holds unsent. */
export async function salvageStore(file: string, now = new Date()): Promise<SalvageReport> {
  const target = path.resolve(file);
  if (!existsSync(target)) throw new AppError('store.cantOpen', `There is no store at ${target}`, { file: target });
  const keptAs = `${target}.damaged-${localStamp(now)}`;
  for (const suffix of sidecars) if (existsSync(target + suffix)) renameSync(target + suffix, keptAs + suffix);
  return { keptAs, ...(await countUnsent(keptAs)) };
}
