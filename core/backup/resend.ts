import { AppError } from '../kernel/errors';
import { openStore } from '../db/store';
import { push } from '../sync/client';
import { plainVault, type TokenVault } from '../sync/vault';
import { toWire } from '../sync/wire';
import { readUnsentWork, type UnsentWork } from './unsent';

export interface ResendReport {
  /** This station's events the kept store had not sent, all offered to the upstream again. */
  sent: number;
  applied: number;
  /** Already at the upstream (sent from the kept store after all, or from elsewhere). */
  duplicate: number;
  refused: number;
  /** Event rows of the kept store that could not be read (a damaged page): not sent. */
  unreadable: number;
}

const batchSize = 200;

/**
 * The store now in the kept store's place must be the same station, and must not have made new
 * work over the events to send: their places in the station's numbering (its seq) are theirs.
 */
async function checkRestoredStore(storeFile: string, keptFile: string, kept: UnsentWork): Promise<void> {
  const store = await openStore(storeFile, { create: false });
  try {
    const station = await store.db.selectFrom('station').select('code').executeTakeFirst();
    if (!station || station.code !== kept.station)
      throw new AppError('backup.otherStation', `${keptFile} is the store of station ${kept.station ?? '?'}, not of ${station?.code ?? '?'}`, { file: keptFile, station: kept.station ?? '?' });
    const first = kept.events[0];
    if (!first) return;
    const ids = new Set(kept.events.map((e) => e.id));
    const over = await store.db.selectFrom('events').select('id').where('station', '=', station.code).where('seq', '>=', first.seq).execute();
    const clashes = over.filter((e) => !ids.has(e.id)).length;
    if (clashes > 0)
      throw new AppError('backup.resendClash', `${storeFile} has made ${clashes} events of its own since the restore, numbered over the ones to send again`, { file: storeFile, count: clashes });
  } finally {
    await store.close();
  }
}

/**
 * Sends again, from a store kept aside (replaced by `hq restore`, or moved aside damaged by `hq
 * salvage`), its station's events that never reached the upstream, through that store's own link
 * to it: the upstream applies them as if they had arrived late, and every station, the restored
 * one too, pulls them like any other. Given the store now in its place (storeFile, after a
 * restore), that store is checked first: the same station, with no new work numbered over them.
 * Events the upstream already has are answered "duplicate" and change nothing, so sending twice is
 * harmless; rows a damaged page hides are counted, not sent.
 */
export async function resendUnsent(keptFile: string, storeFile: string | null, vault: TokenVault = plainVault): Promise<ResendReport> {
  const kept = await readUnsentWork(keptFile);
  if (!kept) throw new AppError('backup.notKarakana', `${keptFile} cannot be read: it is not a Karakana store, or too damaged`, { file: keptFile });
  if (!kept.link) throw new AppError('backup.notEnrolled', `${keptFile} has not joined a site: there is no upstream to send to`, { file: keptFile });
  if (storeFile) await checkRestoredStore(storeFile, keptFile, kept);
  const report: ResendReport = { sent: 0, applied: 0, duplicate: 0, refused: 0, unreadable: kept.unreadable };
  const upstream = { url: kept.link.url, token: vault.open(kept.link.token), timeoutMs: 60_000 };
  for (let at = 0; at < kept.events.length; at += batchSize) {
    const { data } = await push(upstream, kept.events.slice(at, at + batchSize).map(toWire));
    if (data.upstreamId !== kept.link.upstreamId)
      throw new AppError('sync.otherUpstream', `${kept.link.url} is another upstream than the one this station enrolled with`, { url: kept.link.url });
    report.sent += data.results.length;
    for (const result of data.results) report[result.status === 'rejected' ? 'refused' : result.status]++;
  }
  return report;
}
