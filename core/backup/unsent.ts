import { openSqlite, sqlite3 } from '../db/dialect';
import type { EventTable } from '../db/schema';
import { eventColumns } from '../sync/wire';
import { all, closeSqlite } from './check';

export type UnsentEvent = Pick<EventTable, (typeof eventColumns)[number]>;

/** What a store kept aside (replaced by a restore, or damaged) still holds of its station's unsent work. */
export interface UnsentWork {
  /** Its station's code, or null when that cannot be read. */
  station: string | null;
  /** Its link to the upstream, or null (never joined a site, or unreadable). */
  link: { url: string; upstreamId: string; token: string } | null;
  /** Its own events that never reached the upstream, in the order they were made. */
  events: UnsentEvent[];
  /** Event rows that could not be read (a damaged page): they may include unsent ones. */
  unreadable: number;
}

// The table itself, not the outbox's index (schema 24): read through the index, a damaged page
// holding only sent events would be skipped without a word, and the person told nothing was lost.
const unsentRows = `SELECT ${eventColumns.join(', ')} FROM events NOT INDEXED WHERE local = 1 AND upstream_seq IS NULL AND status = 'applied'`;

const firstOrNull = <T>(rows: Promise<T[]>) => rows.then((r) => r[0] ?? null, () => null);

/** Row by row, when a damaged page stops the whole read: each rowid is looked up on its own. */
async function readPastDamage(db: sqlite3.Database): Promise<Pick<UnsentWork, 'events' | 'unreadable'>> {
  const [{ last } = { last: 0 }] = await all<{ last: number | null }>(db, 'SELECT max(rowid) AS last FROM events');
  const events: UnsentEvent[] = [];
  let unreadable = 0;
  for (let rowid = 1; rowid <= (last ?? 0); rowid++) {
    try {
      events.push(...(await all<UnsentEvent>(db, `${unsentRows} AND rowid = ?`, [rowid])));
    } catch {
      unreadable++;
    }
  }
  return { events, unreadable };
}

/**
 * Reads the unsent work of a store file, read-only: in one query, or past damaged pages row by
 * row. Null when the file cannot be opened or its events cannot be read at all.
 */
export async function readUnsentWork(file: string): Promise<UnsentWork | null> {
  let db: sqlite3.Database;
  try {
    db = await openSqlite(file, sqlite3.OPEN_READONLY);
  } catch {
    return null;
  }
  try {
    const station = await firstOrNull(all<{ code: string }>(db, 'SELECT code FROM station'));
    const link = await firstOrNull(all<{ url: string; upstreamId: string; token: string }>(db, 'SELECT upstream_url AS url, upstream_id AS upstreamId, token FROM sync_state'));
    const read = await all<UnsentEvent>(db, `${unsentRows} ORDER BY rowid`).then(
      (events) => ({ events, unreadable: 0 }),
      () => readPastDamage(db),
    );
    return { station: station?.code ?? null, link, ...read };
  } catch {
    return null;
  } finally {
    await closeSqlite(db).catch(() => undefined);
  }
}
