import type { Status, SyncDetail } from '../api/contract';
import type { ErrorBody } from '../kernel/errors';
import type { Db } from '../db/schema';
import { attentionList } from './attention';
import { isInsecure } from './client';
import type { UpstreamLinkState } from './protocol';
import { snapshotProgress } from './snapshot';
import { clockWarningMs } from './sync';

async function outboxDepth(db: Db) {
  const row = await db
    .selectFrom('events')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('at').as('oldest')])
    .where('local', '=', 1)
    .where('status', '=', 'applied')
    .where('upstream_seq', 'is', null)
    .executeTakeFirstOrThrow();
  return { pending: Number(row.count), oldestPendingAt: row.oldest ?? null };
}

const parseError = (text: string | null): ErrorBody | null => (text ? (JSON.parse(text) as ErrorBody) : null);

/** Past this, a hub that does not reach the cloud is marked in the status bar. */
const hubWarningMs = 5 * 60_000;

/** The hub's link as this station last learnt it, its unreached time brought up to now; null when the upstream is no hub. */
function hubLink(text: string | null | undefined, now: Date): Status['sync']['hub'] {
  if (!text) return null;
  const link = JSON.parse(text) as Extract<UpstreamLinkState, { role: 'hub' }> & { learntAt: string };
  const unreachedMs = link.linked ? link.unreachedMs : link.unreachedMs + Math.max(0, now.getTime() - Date.parse(link.learntAt));
  return { linked: link.linked, everLinked: link.everLinked, unreachedMs, waiting: link.waiting, error: link.error, warning: !link.linked && unreachedMs > hubWarningMs };
}

/**
 * A station that has enrolled but not yet finished its first load: how much of the snapshot has
 * arrived, then how far it has come in the upstream's log (the head, from the sync loop, is known
 * once the first page has arrived).
 */
export async function initialLoad(db: Db, head: number | null): Promise<{ cursor: number; head: number | null; snapshot: { received: number; bytes: number } | null } | null> {
  const state = await db.selectFrom('sync_state').select(['cursor', 'last_success_at']).executeTakeFirst();
  if (!state || state.last_success_at) return null;
  // First the snapshot of the site's state (bytes of its download), then the log after it.
  return { cursor: state.cursor, head, snapshot: await snapshotProgress(db) };
}

/** The status bar's line: is this station enrolled, how much waits to go, did the last round work. */
export async function syncSummary(db: Db, head: number | null): Promise<Status['sync']> {
  const state = await db.selectFrom('sync_state').selectAll().executeTakeFirst();
  const open = await db.selectFrom('sync_attention').select((eb) => eb.fn.countAll<number>().as('n')).where('resolved_at', 'is', null).executeTakeFirstOrThrow();
  return {
    enrolled: !!state,
    ...(await outboxDepth(db)),
    lastSuccessAt: state?.last_success_at ?? null,
    error: parseError(state?.last_error ?? null),
    attention: Number(open.n),
    clockWarning: Math.abs(state?.clock_offset_ms ?? 0) > clockWarningMs,
    hub: hubLink(state?.upstream_link, new Date()),
    loading: await initialLoad(db, head),
  };
}

/** The Sync screen: everything about this station's link to its upstream. */
export async function syncDetail(db: Db, nextAttemptAt: Date | null): Promise<SyncDetail> {
  const state = await db.selectFrom('sync_state').selectAll().executeTakeFirst();
  return {
    enrolled: !!state,
    upstreamUrl: state?.upstream_url ?? null,
    insecure: !!state && isInsecure(state.upstream_url),
    enrolledAt: state?.enrolled_at ?? null,
    ...(await outboxDepth(db)),
    lastSuccessAt: state?.last_success_at ?? null,
    lastError: parseError(state?.last_error ?? null),
    lastErrorAt: state?.last_error_at ?? null,
    clockOffsetMs: state?.clock_offset_ms ?? null,
    clockWarning: Math.abs(state?.clock_offset_ms ?? 0) > clockWarningMs,
    hub: hubLink(state?.upstream_link, new Date()),
    cursor: state?.cursor ?? 0,
    nextAttemptAt: state ? (nextAttemptAt?.toISOString() ?? null) : null,
    attention: await attentionList(db),
  };
}
