import { AppError } from '../api/errors';
import type { Db } from '../db/schema';
import { createStation } from '../station/service';
import { enroll, pull, push, type UpstreamLink } from './client';
import { maxPullPage } from './protocol';
import { plainVault, type TokenVault } from './vault';
import { applyPulledPage, outbox, recordPushResults, resync } from './station';

export interface SyncReport {
  pushed: number;
  rejected: number;
  pulled: number;
  held: number;
  conflicts: number;
  cursor: number;
  head: number;
  /** Lots whose pieces this round changed here, for screens showing them. */
  lots: string[];
}

export interface SyncOptions {
  timeoutMs?: number;
  pushBatch?: number;
  pullPage?: number;
  now?: () => Date;
  vault?: TokenVault;
}

export const clockWarningMs = 5 * 60_000;

async function linkOf(db: Db) {
  const state = await db.selectFrom('sync_state').selectAll().executeTakeFirst();
  if (!state) throw new AppError('sync.notEnrolled', 'This station is not enrolled with an upstream');
  return state;
}

/** Enrolls this store with an upstream. A fresh store becomes the station the upstream names. */
export async function enrollStation(
  db: Db,
  url: string,
  wish: { code: string | null; name: string | null; enrollKey?: string | null },
  now = new Date(),
  vault: TokenVault = plainVault,
): Promise<{ code: string; name: string }> {
  if (await db.selectFrom('sync_state').select('id').executeTakeFirst())
    throw new AppError('sync.alreadyEnrolled', 'This station is already enrolled; moving it to another upstream is an explicit re-enrollment');
  const station = await db.selectFrom('station').selectAll().executeTakeFirst();
  if (station?.demo) throw new AppError('sync.demoStore', 'A demo store can never enroll with an upstream; join a site from a fresh store');
  const { data } = await enroll({ url, token: null, ...(wish.enrollKey ? { enrollKey: wish.enrollKey } : {}) }, { code: station?.code ?? wish.code, name: station?.name ?? wish.name ?? 'Station', demo: false });
  await db.transaction().execute(async (trx) => {
    if (!station) await createStation(trx, { code: data.station.code, name: data.station.name, demo: data.demo, at: now.toISOString() });
    await trx
      .insertInto('sync_state')
      .values({ id: 1, upstream_url: url, upstream_id: data.upstreamId, token: vault.seal(data.token), cursor: 0, enrolled_at: now.toISOString(), last_success_at: null, last_error: null, last_error_at: null, clock_offset_ms: null })
      .execute();
  });
  return data.station;
}

function offset(serverTime: string, sentAt: number, receivedAt: number): number {
  return Math.round(Date.parse(serverTime) - (sentAt + receivedAt) / 2);
}

/**
 * One round: push every unsent event in order, in batches, then pull until the upstream has no
 * more. Safe to cut at any byte: a batch the upstream applied but whose answer was lost is
 * answered "duplicate" next time; a page is applied with its cursor or not at all.
 */
export async function syncOnce(db: Db, options: SyncOptions = {}): Promise<SyncReport> {
  const now = options.now ?? (() => new Date());
  const state = await linkOf(db);
  const link: UpstreamLink = { url: state.upstream_url, token: (options.vault ?? plainVault).open(state.token), timeoutMs: options.timeoutMs ?? 20_000 };
  const report: SyncReport = { pushed: 0, rejected: 0, pulled: 0, held: 0, conflicts: 0, cursor: state.cursor, head: 0, lots: [] };
  const lots = new Set<string>();
  const sameUpstream = (upstreamId: string) => {
    if (upstreamId !== state.upstream_id)
      throw new AppError('sync.otherUpstream', `${state.upstream_url} is another upstream than the one this station enrolled with`, { url: state.upstream_url });
  };
  let clock: number | null = null;
  try {
    for (let round = 0; round < 2; round++) {
      for (;;) {
        const batch = await outbox(db, options.pushBatch ?? 500);
        if (batch.length === 0) break;
        const { data, sentAt, receivedAt } = await push(link, batch);
        sameUpstream(data.upstreamId);
        clock = offset(data.serverTime, sentAt, receivedAt);
        const recorded = await recordPushResults(db, data.results, now().toISOString());
        for (const event of batch) if (event.lotId) lots.add(event.lotId);
        report.pushed += recorded.acknowledged;
        report.rejected += recorded.rejected;
        if (data.results.length === 0) break;
      }
      let resynced = false;
      for (;;) {
        const cursor = (await linkOf(db)).cursor;
        const { data, sentAt, receivedAt } = await pull(link, cursor, options.pullPage ?? maxPullPage);
        sameUpstream(data.upstreamId);
        clock = offset(data.serverTime, sentAt, receivedAt);
        report.head = data.head;
        if ('resyncRequired' in data) {
          await resync(db, data.head);
          resynced = true;
          break;
        }
        const applied = await applyPulledPage(db, data.events, data.next, now().toISOString());
        report.pulled += data.events.length;
        for (const event of data.events) if (event.lotId) lots.add(event.lotId);
        report.held += applied.held;
        report.conflicts += applied.conflicts;
        report.cursor = data.next;
        if (!data.hasMore) break;
      }
      if (!resynced) break;
    }
    await db
      .updateTable('sync_state')
      .set({ last_success_at: now().toISOString(), last_error: null, last_error_at: null, clock_offset_ms: clock })
      .execute();
    report.lots = [...lots];
    return report;
  } catch (error) {
    const body = error instanceof AppError ? { code: error.code, message: error.message, params: error.params } : { code: 'internal', message: String(error), params: {} };
    await db
      .updateTable('sync_state')
      .set({ last_error: JSON.stringify(body), last_error_at: now().toISOString(), ...(clock === null ? {} : { clock_offset_ms: clock }) })
      .execute();
    throw error;
  }
}
