import { AppError } from '../kernel/errors';
import type { Db } from '../db/schema';
import { createStation } from '../station/service';
import { enroll, pull, push, pushBody, type Encoded, type UpstreamLink } from './client';
import { maxPullPage, maxPushBatch, type PushResponse, type UpstreamLinkState, type WireEvent } from './protocol';
import { plainVault, type TokenVault } from './vault';
import { loadSnapshot, pullHistory, wantsSnapshot } from './snapshot';
import { applyPulledPage, outbox, recordPushResults, recordRefusals, resync, settleAtHead } from './store';

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
  /** Events of the history before this station's snapshot that arrived this round. */
  history: number;
  /** The hub above told another state of its link to the cloud than the round before. */
  hubChanged: boolean;
}

export interface SyncOptions {
  timeoutMs?: number;
  pushBatch?: number;
  pullPage?: number;
  now?: () => Date;
  vault?: TokenVault;
  /** After each page pulled: how far this station has come in the upstream's log. */
  onProgress?: (cursor: number, head: number) => void;
  /** Start a new station from a snapshot of the upstream's state (true), or pull the whole log (false). */
  snapshot?: boolean;
  /** While a snapshot downloads: bytes of its gzip received, of all. */
  onSnapshotProgress?: (received: number, bytes: number) => void;
  /** Bytes of the snapshot's gzip asked for at a time (at most the protocol's maxSnapshotPart). */
  snapshotPartBytes?: number;
  /** Pages of the history before the snapshot to bring per round. */
  historyPages?: number;
}

export const clockWarningMs = 5 * 60_000;

/** What a person sees of a hub's link, to tell whether it changed: linked or not, why, how much waits. */
function hubGist(row: string | null): string {
  const link = row ? (JSON.parse(row) as Extract<UpstreamLinkState, { role: 'hub' }>) : null;
  return JSON.stringify(link && [link.linked, link.everLinked, link.waiting, link.error?.code]);
}

/** A hub's link as this station learnt it, kept with when (its unreached time goes on from there); null for an upstream that is no hub. */
function hubLinkRow(link: UpstreamLinkState | null, at: Date): string | null {
  return link?.role === 'hub' ? JSON.stringify({ ...link, learntAt: at.toISOString() }) : null;
}

async function linkOf(db: Db) {
  const state = await db.selectFrom('sync_state').selectAll().executeTakeFirst();
  if (!state) throw new AppError('sync.notEnrolled', 'This station is not enrolled with an upstream');
  return state;
}

/** Enrolls this store with an upstream. A fresh store becomes the station the upstream names. */
export async function enrollStation(
  db: Db,
  url: string,
  wish: { code: string | null; name: string | null; enrollKey?: string | null; insecureHttp?: boolean },
  now = new Date(),
  vault: TokenVault = plainVault,
): Promise<{ code: string; name: string }> {
  if (await db.selectFrom('sync_state').select('id').executeTakeFirst())
    throw new AppError('sync.alreadyEnrolled', 'This station is already enrolled; moving it to another upstream is an explicit re-enrollment');
  const station = await db.selectFrom('station').selectAll().executeTakeFirst();
  if (station?.demo) throw new AppError('sync.demoStore', 'A demo store can never enroll with an upstream; join a site from a fresh store');
  const { data } = await enroll(
    { url, token: null, ...(wish.enrollKey ? { enrollKey: wish.enrollKey } : {}) },
    { code: station?.code ?? wish.code, name: station?.name ?? wish.name ?? 'Station', demo: false },
    wish.insecureHttp,
  );
  await db.transaction().execute(async (trx) => {
    if (!station) await createStation(trx, { code: data.station.code, name: data.station.name, demo: data.demo, at: now.toISOString() });
    await trx
      .insertInto('sync_state')
      .values({ id: 1, upstream_url: url, upstream_id: data.upstreamId, token: vault.seal(data.token), cursor: 0, enrolled_at: now.toISOString(), last_success_at: null, last_error: null, last_error_at: null, clock_offset_ms: null })
      .execute();
  });
  return data.station;
}

/** The upstream's clock minus this station's, halfway through the request; the station's clock is now(), which may be injected. */
function offset(serverTime: string, sentAt: number, receivedAt: number, now: () => Date): number {
  const stationMinusReal = now().getTime() - Date.now();
  return Math.round(Date.parse(serverTime) - (sentAt + receivedAt) / 2 - stationMinusReal);
}

/**
 * Pushes every unsent event in order, a batch at a time. The next batch is on its way while the
 * answers to the last are recorded, so the upstream works through one while the station records
 * the other, and a slow link's round trip is not waited out twice per batch; the upstream still
 * gets the batches one after the other, in order. `forgotten` if the answers show that the
 * upstream forgot what it told this station (it must resync): the batch then on its way is
 * answered, and its answers are not recorded.
 */
async function pushOutbox(db: Db, link: UpstreamLink, size: number, now: () => Date, answered: (data: PushResponse, sentAt: number, receivedAt: number) => void) {
  const total = { acknowledged: 0, rejected: 0, lots: new Set<string>(), forgotten: false };
  // A failure of a batch on its way is met when it is awaited, after what comes before it.
  const send = (events: WireEvent[] | Encoded) => {
    const sending = push(link, events);
    sending.catch(() => undefined);
    return sending;
  };
  let batch = await outbox(db, size);
  let sending = batch.length ? send(batch) : null;
  while (sending) {
    // Read and encoded while the upstream works on this batch, so the next goes out as soon as it answers.
    const next = await outbox(db, size, new Set(batch.map((e) => e.id)));
    const body = next.length ? pushBody(next) : null;
    const { data, sentAt, receivedAt } = await sending;
    answered(data, sentAt, receivedAt);
    sending = body && data.results.length ? send(body) : null;
    const recorded = await recordPushResults(db, data.results, now().toISOString());
    if (!recorded) {
      await sending?.catch(() => undefined);
      return { ...total, forgotten: true };
    }
    for (const event of batch) if (event.lotId) total.lots.add(event.lotId);
    total.acknowledged += recorded.acknowledged;
    total.rejected += recorded.rejected;
    batch = next;
  }
  return total;
}

/**
 * One round: push every unsent event in order, in batches, then pull until the upstream has no
 * more. Safe to cut at any byte: a batch the upstream applied but whose answer was lost is
 * answered "duplicate" next time; a page is applied with its cursor or not at all. An upstream
 * that no longer holds what this station saw of it (restored from a backup) is noticed before
 * anything is pushed to it, and the station resyncs from the start.
 */
export async function syncOnce(db: Db, options: SyncOptions = {}): Promise<SyncReport> {
  const now = options.now ?? (() => new Date());
  const state = await linkOf(db);
  const link: UpstreamLink = { url: state.upstream_url, token: (options.vault ?? plainVault).open(state.token), timeoutMs: options.timeoutMs ?? 20_000 };
  const report: SyncReport = { pushed: 0, rejected: 0, pulled: 0, held: 0, conflicts: 0, cursor: state.cursor, head: 0, lots: [], history: 0, hubChanged: false };
  const lots = new Set<string>();
  const sameUpstream = (upstreamId: string) => {
    if (upstreamId !== state.upstream_id)
      throw new AppError('sync.otherUpstream', `${state.upstream_url} is another upstream than the one this station enrolled with`, { url: state.upstream_url });
  };
  let clock: number | null = null;
  // What the upstream says of its own link onward: a hub's, shown on this station's Sync screen.
  let onward: UpstreamLinkState | null = null;
  try {
    // One page from one before the cursor (the first event back must be the one this station holds
    // at its cursor), applied; whether more follow, or null if the upstream turned out not to hold
    // what this station saw of it (it was restored from a backup).
    const pullPage = async (limit: number): Promise<boolean | null> => {
      const cursor = (await linkOf(db)).cursor;
      const after = Math.max(0, cursor - 1);
      const { data, sentAt, receivedAt } = await pull(link, after, limit + cursor - after);
      sameUpstream(data.upstreamId);
      clock = offset(data.serverTime, sentAt, receivedAt, now);
      report.head = data.head;
      // The WHERE lets SQLite answer from the partial index on upstream_seq instead of reading the whole log.
      const known = await db.selectFrom('events').select((eb) => eb.fn.max('upstream_seq').as('seq')).where('upstream_seq', 'is not', null).executeTakeFirst();
      if ('resyncRequired' in data || data.head < (known?.seq ?? 0)) return null;
      onward = data.link ?? null;
      const applied = await applyPulledPage(db, data.events, data.next, now().toISOString());
      if (!applied) return null;
      report.rejected += await recordRefusals(db, data.refusals ?? [], now().toISOString());
      const fresh = data.events.filter((e) => e.upstreamSeq > cursor);
      report.pulled += fresh.length;
      for (const event of fresh) if (event.lotId) lots.add(event.lotId);
      report.held += applied.held;
      report.conflicts += applied.conflicts;
      report.cursor = data.next;
      options.onProgress?.(data.next, data.head);
      return data.hasMore;
    };
    for (let round = 0; round < 2; round++) {
      // Set when the upstream turned out to have forgotten what it told this station: resynced, one more round.
      let again = false;
      // Before pushing, a look where this station left off: events pushed to an upstream restored from
      // a backup would be judged without what it forgot.
      if (round === 0 && state.cursor > 0 && (await outbox(db, 1)).length > 0 && (await pullPage(0)) === null) await resync(db);
      const pushed = await pushOutbox(db, link, options.pushBatch ?? maxPushBatch, now, (data, sentAt, receivedAt) => {
        sameUpstream(data.upstreamId);
        clock = offset(data.serverTime, sentAt, receivedAt, now);
      });
      for (const lot of pushed.lots) lots.add(lot);
      report.pushed += pushed.acknowledged;
      report.rejected += pushed.rejected;
      if (pushed.forgotten) {
        await resync(db);
        again = true;
      }
      if (!again && (options.snapshot ?? true) && (await wantsSnapshot(db)))
        await loadSnapshot(db, link, sameUpstream, { ...(options.snapshotPartBytes ? { partBytes: options.snapshotPartBytes } : {}), ...(options.onSnapshotProgress ? { onProgress: options.onSnapshotProgress } : {}) });
      while (!again) {
        const more = await pullPage(options.pullPage ?? maxPullPage);
        if (more === null) {
          await resync(db);
          again = true;
        } else if (!more) {
          await settleAtHead(db, now().toISOString());
          break;
        }
      }
      if (!again) break;
    }
    const hub = hubLinkRow(onward, now());
    await db
      .updateTable('sync_state')
      .set({ last_success_at: now().toISOString(), last_error: null, last_error_at: null, clock_offset_ms: clock, upstream_link: hub })
      .execute();
    report.hubChanged = hubGist(state.upstream_link) !== hubGist(hub);
    // The history before a snapshot follows a few pages a round, the station in use meanwhile.
    report.history = await pullHistory(db, link, options.historyPages ?? 20, options.pullPage ?? maxPullPage);
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
