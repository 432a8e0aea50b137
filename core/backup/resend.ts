import { AppError } from '../api/errors';
import { openSqlite, sqlite3 } from '../db/dialect';
import type { EventTable } from '../db/schema';
import { openStore } from '../db/store';
import { push } from '../sync/client';
import { plainVault, type TokenVault } from '../sync/vault';
import { eventColumns, toWire } from '../sync/wire';
import { all, closeSqlite } from './check';

export interface ResendReport {
  /** This station's events the kept store had not sent, all offered to the upstream again. */
  sent: number;
  applied: number;
  /** Already at the upstream (sent from the kept store after all, or from elsewhere). */
  duplicate: number;
  refused: number;
}

type KeptEvent = Pick<EventTable, (typeof eventColumns)[number]>;

const batchSize = 200;

/** The kept store's own events that never reached the upstream, in the order they were made. */
async function unsentOf(keptFile: string): Promise<{ station: string | null; events: KeptEvent[] }> {
  let db: sqlite3.Database;
  try {
    db = await openSqlite(keptFile, sqlite3.OPEN_READONLY);
  } catch {
    throw new AppError('backup.notKarakana', `${keptFile} cannot be opened: it is not a Karakana store`, { file: keptFile });
  }
  try {
    const [station] = await all<{ code: string }>(db, 'SELECT code FROM station');
    const events = await all<KeptEvent>(
      db,
      `SELECT ${eventColumns.join(', ')} FROM events WHERE local = 1 AND upstream_seq IS NULL AND status = 'applied' ORDER BY rowid`,
    );
    return { station: station?.code ?? null, events };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('backup.damaged', `${keptFile} cannot be read (${String(error)})`, { file: keptFile });
  } finally {
    await closeSqlite(db);
  }
}

/**
 * Sends again, from the store a restore kept aside, this station's events that never reached the
 * upstream, through the restored store's own link to it: the upstream applies them as if they
 * had arrived late, and the restored station pulls them back like any of its own. Their places
 * in this station's numbering (its seq) are theirs, so the restored store must not have made new
 * work over them: that is refused before anything is sent. Events the upstream already has are
 * answered "duplicate" and change nothing, so sending twice is harmless.
 */
export async function resendUnsent(storeFile: string, keptFile: string, vault: TokenVault = plainVault): Promise<ResendReport> {
  const kept = await unsentOf(keptFile);
  const store = await openStore(storeFile, { create: false });
  try {
    const station = await store.db.selectFrom('station').select('code').executeTakeFirst();
    if (!station || station.code !== kept.station)
      throw new AppError('backup.otherStation', `${keptFile} is the store of station ${kept.station ?? '?'}, not of ${station?.code ?? '?'}`, { file: keptFile, station: kept.station ?? '?' });
    const link = await store.db.selectFrom('sync_state').select(['upstream_url', 'upstream_id', 'token']).executeTakeFirst();
    if (!link) throw new AppError('backup.notEnrolled', `${storeFile} has not joined a site: there is no upstream to send to`, { file: storeFile });
    const report: ResendReport = { sent: 0, applied: 0, duplicate: 0, refused: 0 };
    if (kept.events.length === 0) return report;
    const first = kept.events[0]!.seq;
    const ids = new Set(kept.events.map((e) => e.id));
    const over = await store.db.selectFrom('events').select('id').where('station', '=', station.code).where('seq', '>=', first).execute();
    const clashes = over.filter((e) => !ids.has(e.id)).length;
    if (clashes > 0)
      throw new AppError('backup.resendClash', `${storeFile} has made ${clashes} events of its own since the restore, numbered over the ones to send again`, { file: storeFile, count: clashes });
    const upstream = { url: link.upstream_url, token: vault.open(link.token), timeoutMs: 60_000 };
    for (let at = 0; at < kept.events.length; at += batchSize) {
      const { data } = await push(upstream, kept.events.slice(at, at + batchSize).map(toWire));
      if (data.upstreamId !== link.upstream_id)
        throw new AppError('sync.otherUpstream', `${link.upstream_url} is another upstream than the one this station enrolled with`, { url: link.upstream_url });
      report.sent += data.results.length;
      for (const result of data.results) report[result.status === 'rejected' ? 'refused' : result.status]++;
    }
    return report;
  } finally {
    await store.close();
  }
}
