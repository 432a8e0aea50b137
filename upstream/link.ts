import { toErrorBody, type ErrorBody } from '../core/kernel/errors';
import type { Db } from '../core/db/schema';
import type { UpstreamLinkState } from '../core/sync/protocol';

// The HQ hub's link to its own upstream (upstream_link), kept from its first attempt on: a hub whose
// cloud is down or refuses its key at its first start has no upstream_parent yet, and its status
// must still say since when and why it has not reached the cloud.

/** At the hub's start: its link's row. The clock of "not reached for" starts at its first start. */
export async function beginLink(db: Db, url: string, at: string): Promise<void> {
  await db
    .insertInto('upstream_link')
    .values({ id: 1, url, started_at: at, last_push_at: null, last_pull_at: null, last_error: null, last_error_at: null })
    .onConflict((oc) => oc.column('id').doUpdateSet({ url }))
    .execute();
}

/** The upstream took a push, or answered a pull: it was reached. */
export async function reached(db: Db, what: 'push' | 'pull', at: string): Promise<void> {
  await db.updateTable('upstream_link').set(what === 'push' ? { last_push_at: at } : { last_pull_at: at }).execute();
}

/** A round ended: well (nothing waits, no error), or with the error and what still waits here. */
export async function roundEnded(db: Db, outcome: { error: unknown; waiting: number } | null, at: string): Promise<void> {
  const error = outcome ? JSON.stringify(toErrorBody(outcome.error)) : null;
  await db
    .updateTable('upstream_link')
    .set({ last_error: error, last_error_at: outcome ? at : null, waiting: outcome?.waiting ?? 0 })
    .execute();
}

/** What this upstream says of its link onward: a hub's state, or that it is the cloud. */
export async function linkState(db: Db, now: Date): Promise<UpstreamLinkState> {
  const row = await db.selectFrom('upstream_link').selectAll().executeTakeFirst();
  if (!row) return { role: 'cloud' };
  const everLinked = !!(await db.selectFrom('upstream_parent').select('id').executeTakeFirst());
  const last = [row.last_push_at, row.last_pull_at].filter((t): t is string => t !== null).sort().at(-1);
  return {
    role: 'hub',
    linked: everLinked && row.last_error === null && row.last_pull_at !== null,
    everLinked,
    lastPushAt: row.last_push_at,
    lastPullAt: row.last_pull_at,
    unreachedMs: Math.max(0, now.getTime() - Date.parse(last ?? row.started_at)),
    waiting: row.waiting,
    error: row.last_error ? (JSON.parse(row.last_error) as ErrorBody) : null,
  };
}

/** "2 h 5 min", "12 s": a duration as a technician reads it. */
export function inWords(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  return `${Math.floor(h / 24)} days`;
}

/** The link in a line (hq upstream status, the hub's log). */
export function describeLink(link: UpstreamLinkState): string {
  if (link.role === 'cloud') return 'this is the cloud: there is no upstream above it';
  const waiting = `${link.waiting.toLocaleString('en-US')} event${link.waiting === 1 ? '' : 's'} ${link.waiting === 1 ? 'waits' : 'wait'} here`;
  if (link.linked) return `linked; last reached the cloud ${inWords(link.unreachedMs)} ago; ${waiting}`;
  const since = link.everLinked ? `has not reached the cloud for ${inWords(link.unreachedMs)}` : `has never reached the cloud (trying for ${inWords(link.unreachedMs)})`;
  return `the hub ${since}; ${waiting}${link.error ? `; last error: ${link.error.message}` : ''}`;
}

/**
 * The hub's log of its link: a line at each change (linked, or another reason it is not) and,
 * while it stays unlinked, a reminder every reminderMs, not one per failed round.
 */
export function linkLog(db: Db, out: { info(line: string): void; warn(line: string): void }, reminderMs = 10 * 60_000): (outcome: { error?: unknown }) => Promise<void> {
  let said: string | null = null;
  let saidAt = 0;
  return async ({ error }) => {
    const state = error ? toErrorBody(error).code : 'linked';
    if (state === said && (!error || Date.now() - saidAt < reminderMs)) return;
    said = state;
    saidAt = Date.now();
    const line = describeLink(await linkState(db, new Date()));
    if (error) out.warn(`hub: NOT LINKED: ${line}. It goes on serving this site's stations and keeps trying.`);
    else out.info(`hub: ${line}`);
  };
}
