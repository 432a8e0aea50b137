import { sql, type SqlBool } from 'kysely';
import type { AppError } from '../kernel/errors';
import type { Db, Trx } from '../db/schema';
import { eventCatalog } from '../events/catalog';
import { readPayload } from '../events/payload';
import { passOwnLotNumbers } from '../lots/service';
import { chunks, insertRows, repeats } from '../db/batch';
import { applyInOrder, applyStored, attempt } from './apply';
import type { PulledEvent, PushResult, Refusal, WireEvent } from './protocol';
import type { Scope } from './scope';
import { afterRebuild, beforeRebuild, currentOf, eventsOf, laterOf, pageReordersScopes, rebuildScope, rebuildsAlone, scopeName, scopeOf, watchersOf } from './scopes';
import { eventColumns, toRow, toWire } from './wire';

// The station's side of sync, all against the store: what to push, what the upstream answered,
// and applying what was pulled. Each function is one transaction.

/** Whether this version can apply an event at all: a type it knows, a payload of a version it can read. */
function readable(type: string, payload: unknown): boolean {
  const definition = eventCatalog.get(type);
  return !!definition && readPayload(definition, payload) !== null;
}

export async function ownStationCode(db: Db | Trx): Promise<string> {
  const row = await db.selectFrom('station').select('code').executeTakeFirst();
  return row?.code ?? '';
}

/** Its unsent events in the order it made them: worded as events_outbox_made's condition, which holds them in that order (schema 24). */
export const outboxQuery = (db: Db, limit: number) =>
  db.selectFrom('events').select(eventColumns).where(sql<SqlBool>`local = 1 AND upstream_seq IS NULL`).where('status', '=', 'applied').orderBy(sql`rowid`).limit(limit);

/** This station's events the upstream has not acknowledged, oldest first, but those already on their way (`sent`). */
export async function outbox(db: Db, limit: number, sent: ReadonlySet<string> = new Set()): Promise<WireEvent[]> {
  // Left out by the database, not read (payloads and all) and dropped here.
  const onTheirWay = sql<SqlBool>`id NOT IN (SELECT value FROM json_each(${JSON.stringify([...sent])}))`;
  const rows = await (sent.size ? outboxQuery(db, limit).where(onTheirWay) : outboxQuery(db, limit)).execute();
  return rows.map(toWire);
}

async function needsAttention(trx: Trx, eventId: string, kind: 'rejected' | 'conflict', error: Pick<AppError, 'code' | 'params'>, current: unknown, at: string) {
  const row = { kind, reason: error.code, params: JSON.stringify(error.params), current: current === null ? null : JSON.stringify(current), at };
  await trx
    .insertInto('sync_attention')
    .values({ event_id: eventId, ...row, resolved_by: null, resolved_at: null, resolution: null })
    .onConflict((oc) => oc.column('event_id').doUpdateSet(row))
    .execute();
}

/**
 * Recomputes a scope (a lot, the plating plan, a box, a batch: core/sync/scopes.ts) and lists what
 * no longer fits for a supervisor: first the scope it builds on, if that is missing here (a batch
 * the plan planned away before its start arrived), then the scope, then the scope that builds on
 * it, if it changed (a batch whose start was left out goes back to the plan).
 */
async function rebuildWithConflicts(trx: Trx, scope: Scope, own: string, at: string): Promise<number> {
  const prior = await beforeRebuild(trx, scope);
  const earlier = prior ? await rebuildWithConflicts(trx, prior, own, at) : 0;
  const misfits = await rebuildScope(trx, scope, own);
  // An event left out by an earlier rebuild that fits now (what it built on has arrived) is no conflict any more.
  const fitAgain = trx
    .deleteFrom('sync_attention')
    .where('kind', '=', 'conflict')
    .where('resolved_at', 'is', null)
    .where('event_id', 'in', trx.selectFrom('events').select('id').where(eventsOf(scope)));
  await (misfits.length ? fitAgain.where('event_id', 'not in', misfits.map((m) => m.id)) : fitAgain).execute();
  const current = (await currentOf(trx, scope)) ?? null;
  for (const misfit of misfits) await needsAttention(trx, misfit.id, 'conflict', misfit.error, current, at);
  const next = await afterRebuild(trx, scope);
  return earlier + misfits.length + (next ? await rebuildWithConflicts(trx, next, own, at) : 0);
}

/** Thrown inside a transaction (so that it rolls back) when the upstream's order disagrees with this station's. */
class Renumbered extends Error {}

/** Whether another event holds this place in the upstream's order here: the upstream has renumbered (restored from a backup). */
async function placeTaken(trx: Trx, upstreamSeq: number, id: string): Promise<boolean> {
  const holder = await trx.selectFrom('events').select('id').where('upstream_seq', '=', upstreamSeq).executeTakeFirst();
  return !!holder && holder.id !== id;
}

/** Runs a transaction that may find the upstream renumbered: null then, and nothing of it kept. */
async function unlessRenumbered<T>(db: Db, work: (trx: Trx) => Promise<T>): Promise<T | null> {
  try {
    return await db.transaction().execute(work);
  } catch (error) {
    if (error instanceof Renumbered) return null;
    throw error;
  }
}

/**
 * The common case of recordPushResults in a few statements: every answer an acknowledgement,
 * none for an event left out as a conflict. Their places are checked at once and written in one
 * UPDATE per piece. Null, with nothing changed, for any other batch.
 */
async function acknowledgeAll(trx: Trx, results: PushResult[]): Promise<number | null> {
  const acks = results.filter((r): r is Extract<PushResult, { upstreamSeq: number }> => r.status !== 'rejected');
  if (acks.length !== results.length || repeats(acks, (r) => r.id)) return null;
  const ids = acks.map((r) => r.id);
  const waiting = new Set<string>();
  for (const piece of chunks(ids)) {
    if (await trx.selectFrom('sync_attention').select('event_id').where('event_id', 'in', piece).where('kind', '=', 'conflict').executeTakeFirst()) return null;
    for (const row of await trx.selectFrom('events').select('id').where('id', 'in', piece).where('upstream_seq', 'is', null).execute()) waiting.add(row.id);
  }
  const todo = acks.filter((r) => waiting.has(r.id));
  for (const piece of chunks(todo)) {
    const holders = await trx.selectFrom('events').select(['id', 'upstream_seq']).where('upstream_seq', 'in', piece.map((r) => r.upstreamSeq)).execute();
    const expected = new Map(piece.map((r) => [r.upstreamSeq, r.id]));
    if (holders.some((h) => expected.get(h.upstream_seq!) !== h.id)) throw new Renumbered();
    // Joined to a list of (id, place), not a CASE over the ids: a CASE compares each row with every id.
    const places = sql.join(piece.map((r) => sql`(${r.id}, CAST(${r.upstreamSeq} AS INTEGER))`));
    await sql`UPDATE events SET upstream_seq = placed.column2 FROM (VALUES ${places}) AS placed WHERE events.id = placed.column1 AND events.upstream_seq IS NULL`.execute(trx);
  }
  return todo.length;
}

/**
 * Records the upstream's answer for each pushed event; a rejected one is undone and listed for a
 * supervisor. Null, with nothing recorded, if the answers place events where this station knows
 * others: the upstream forgot what it had told this station, which must resync.
 */
export async function recordPushResults(db: Db, results: PushResult[], at: string): Promise<{ acknowledged: number; rejected: number } | null> {
  let acknowledged = 0;
  let rejected = 0;
  const recorded = await unlessRenumbered(db, async (trx) => {
    const fast = await acknowledgeAll(trx, results);
    if (fast !== null) {
      acknowledged = fast;
      return true;
    }
    const own = await ownStationCode(trx);
    for (const result of results) {
      const event = await trx.selectFrom('events').select(['lot_id', 'type', 'payload', 'upstream_seq']).where('id', '=', result.id).executeTakeFirst();
      if (!event || event.upstream_seq !== null) continue;
      if (result.status !== 'rejected' && (await placeTaken(trx, result.upstreamSeq, result.id))) throw new Renumbered();
      if (result.status === 'rejected') {
        rejected++;
        await trx.updateTable('events').set({ status: 'rejected' }).where('id', '=', result.id).execute();
        await needsAttention(trx, result.id, 'rejected', { code: result.reason, params: result.params }, result.current, at);
        const scope = scopeOf(event);
        if (scope !== undefined) await rebuildWithConflicts(trx, scope, own, at);
        continue;
      }
      acknowledged++;
      await trx.updateTable('events').set({ upstream_seq: result.upstreamSeq }).where('id', '=', result.id).execute();
      // An event left out as a conflict that the upstream accepted after all: put it back in its place.
      const conflict = await trx.selectFrom('sync_attention').select('event_id').where('event_id', '=', result.id).where('kind', '=', 'conflict').executeTakeFirst();
      if (conflict) {
        await trx.deleteFrom('sync_attention').where('event_id', '=', result.id).execute();
        const scope = scopeOf(event);
        if (scope !== undefined) await rebuildWithConflicts(trx, scope, own, at);
      }
    }
    return true;
  });
  return recorded ? { acknowledged, rejected } : null;
}

/**
 * Lists this station's events that its hub accepted and the hub's own upstream then refused. The
 * hub still holds them applied, and so does this station; a supervisor sees why they went no
 * further. One already listed keeps what a supervisor made of it.
 */
export async function recordRefusals(db: Db, refusals: Refusal[], at: string): Promise<number> {
  if (!refusals.length) return 0;
  let listed = 0;
  await db.transaction().execute(async (trx) => {
    for (const piece of chunks(refusals)) {
      const own = new Set((await trx.selectFrom('events').select('id').where('id', 'in', piece.map((r) => r.id)).where('local', '=', 1).execute()).map((r) => r.id));
      const fresh = piece.filter((r) => own.has(r.id));
      if (!fresh.length) continue;
      const result = await trx
        .insertInto('sync_attention')
        .values(fresh.map((r) => ({ event_id: r.id, kind: 'rejected' as const, reason: r.reason, params: JSON.stringify(r.params), current: r.current ? JSON.stringify(r.current) : null, at, resolved_by: null, resolved_at: null, resolution: null })))
        .onConflict((oc) => oc.column('event_id').doNothing())
        .executeTakeFirst();
      listed += Number(result.numInsertedOrUpdatedRows ?? 0n);
    }
  });
  return listed;
}

/**
 * The common case of applyPulledPage in a few statements per page: the page's ids and places
 * looked up at once, its new events inserted in multi-row statements and applied in order in one
 * savepoint. Null, with nothing changed, for a page that needs event-by-event care: one of its
 * events already here without its place, or arriving before events this station already applied
 * to the same lot, or one that does not fit.
 */
async function applyAll(trx: Trx, events: PulledEvent[], own: string): Promise<{ applied: number; held: number; conflicts: number } | null> {
  if (events.length === 0) return { applied: 0, held: 0, conflicts: 0 };
  if (repeats(events, (e) => e.id) || events.some((e, i) => i > 0 && e.upstreamSeq <= events[i - 1]!.upstreamSeq)) return null;
  const first = events[0]!.upstreamSeq;
  const last = events[events.length - 1]!.upstreamSeq;
  const bySeq = new Map(events.map((e) => [e.upstreamSeq, e.id]));
  const holders = await trx.selectFrom('events').select(['id', 'upstream_seq']).where('upstream_seq', '>=', first).where('upstream_seq', '<=', last).execute();
  if (holders.some((h) => bySeq.has(h.upstream_seq!) && bySeq.get(h.upstream_seq!) !== h.id)) throw new Renumbered();
  const known = new Map<string, number | null>();
  for (const piece of chunks(events.map((e) => e.id)))
    for (const row of await trx.selectFrom('events').select(['id', 'upstream_seq']).where('id', 'in', piece).execute()) known.set(row.id, row.upstream_seq);
  for (const event of events) {
    const seq = known.get(event.id);
    if (seq === undefined) continue;
    if (seq !== null && seq !== event.upstreamSeq) throw new Renumbered();
    if (seq === null) return null;
  }
  const fresh = events.filter((e) => !known.has(e.id));
  // The earliest place in this page of each lot it touches: an event of that lot already applied here after it, or not yet placed, needs a rebuild.
  const earliest = new Map<string, number>();
  for (const event of fresh) if (event.lotId && !earliest.has(event.lotId)) earliest.set(event.lotId, event.upstreamSeq);
  for (const piece of chunks([...earliest.keys()])) {
    const rows = await trx
      .selectFrom('events')
      .select(['lot_id', 'upstream_seq'])
      .where('lot_id', 'in', piece)
      .where('status', '=', 'applied')
      .where((eb) => eb.or([eb('upstream_seq', 'is', null), eb('upstream_seq', '>', first)]))
      .execute();
    if (rows.some((r) => r.upstream_seq === null || r.upstream_seq > earliest.get(r.lot_id!)!)) return null;
  }
  // The same for the scopes that are not a lot's (the plan, a box, a batch): one in this page before one already applied here needs a rebuild.
  if (await pageReordersScopes(trx, fresh)) return null;
  const rows = fresh.map((event) => ({ ...toRow(event), upstream_seq: event.upstreamSeq }));
  const held: string[] = [];
  const failed = await attempt(trx, async () => {
    await insertRows(trx, 'events', rows);
    held.push(...(await applyInOrder(trx, rows, own)));
    for (const piece of chunks(held)) await trx.updateTable('events').set({ status: 'held' }).where('id', 'in', piece).execute();
  });
  if (failed) return null;
  return { applied: rows.length - held.length, held: held.length, conflicts: 0 };
}

type PageCounts = { applied: number; held: number; conflicts: number };

/**
 * Whether a scope's rebuild may wait for the end of a run of its events (applyOneByOne): one that
 * touches nothing but its own rows and what they settle (no scope rebuilt before or after it, no
 * replay of its own: the plan's may start a batch), and whose row is here already: a settle reads,
 * from the row before the rebuild (`was`), what no event changes (a lot's artisan and design, a
 * box's order), but a scope not here yet gives the run's first rebuild no row and its next ones one.
 */
async function mayWait(trx: Trx, scope: Scope): Promise<boolean> {
  return rebuildsAlone(scope) && (await currentOf(trx, scope)) !== undefined;
}

/** A fact that changes nothing but its lot's row and reads nothing else to do it (EventDefinition.fold, with no rows alongside). */
function foldsOnly(type: string, payload: unknown): boolean {
  const definition = eventCatalog.get(type);
  const read = definition?.fold && !definition.alongside ? readPayload(definition, payload) : null;
  return !!read && (definition!.folds?.(read.payload) ?? true);
}

/**
 * Whether an event may be applied while a scope's rebuild waits for the end of its run: one more of
 * the run, or, while a lot waits, a fact that changes only another lot's row and reads nothing else
 * (applied as it comes), which that lot's rebuild neither reads nor writes (a lot's events read no
 * lot's row but their own: EventDefinition.lotId), so the two give the same in either order.
 */
function goesInWhileWaiting(waiting: Scope, scope: Scope | undefined, early: boolean, event: PulledEvent): boolean {
  if (!scope) return false;
  if (early) return scopeName(scope) === scopeName(waiting);
  return waiting.kind === 'lot' && scope.kind === 'lot' && scope.key !== waiting.key && foldsOnly(event.type, event.payload);
}

/**
 * The slow path of applyPulledPage: the page event by event, each scope an event arrives too early
 * for (laterOf) recomputed in the upstream's order. A run of such events of one scope, one after
 * another in the page, is recomputed once, after its last, instead of once for each: a rebuild
 * removes every row its scope owns and replays its events as the store holds them, so the run's
 * last rebuild leaves what it would have left after the others; nothing between them could read
 * the rows an earlier one wrote, since any other event applied ends the run first (an event of
 * another scope may read this one's rows as they stand at its place: a pack reads its box, so one
 * rebuild for the whole page would not be exact); and which events arrive too early is the same
 * either way, as laterOf reads only the log, which no rebuild writes. Events already here (one of
 * ours coming back) only take their place, which the run's rebuild then follows, as the last of
 * the separate rebuilds would; another lot's receipts and moves go in meanwhile (goesInWhileWaiting).
 * A scope that reads where an event of another scope is placed (ScopeKind.watches: the plan, a
 * batch's start) and holds events applied here after it is recomputed right after that event.
 */
async function applyOneByOne(trx: Trx, events: PulledEvent[], own: string, at: string, counts: PageCounts): Promise<void> {
  let waiting: Scope | undefined;
  const rebuildWaiting = async () => {
    if (waiting) counts.conflicts += await rebuildWithConflicts(trx, waiting, own, at);
    waiting = undefined;
  };
  for (const event of events) {
    const existing = await trx.selectFrom('events').select(['upstream_seq']).where('id', '=', event.id).executeTakeFirst();
    // This station knows that place in the order under another event, or this event at another place.
    if ((existing && existing.upstream_seq !== null && existing.upstream_seq !== event.upstreamSeq) || (await placeTaken(trx, event.upstreamSeq, event.id))) throw new Renumbered();
    if (existing) {
      // One of ours coming back (its acknowledgement may have been lost), or one seen before a resync.
      if (existing.upstream_seq !== event.upstreamSeq)
        await trx.updateTable('events').set({ upstream_seq: event.upstreamSeq }).where('id', '=', event.id).execute();
      continue;
    }
    const row = { ...toRow(event), upstream_seq: event.upstreamSeq };
    // One this version cannot read is held below, never put into a lot's (or the plan's) rebuild.
    const scope = readable(event.type, event.payload) ? scopeOf({ lot_id: event.lotId, type: event.type, payload: event.payload }) : undefined;
    const early = scope !== undefined && !!(await laterOf(trx, scope, event.id, event.upstreamSeq));
    // Scopes that read this event's place (the plan, a batch's start) and hold events applied here after it: recomputed after it.
    const watching: Scope[] = [];
    if (scope !== undefined) for (const watcher of watchersOf(event.type)) if (await laterOf(trx, watcher, event.id, event.upstreamSeq)) watching.push(watcher);
    if (waiting && (watching.length || !goesInWhileWaiting(waiting, scope, early, event))) await rebuildWaiting();
    await trx.insertInto('events').values(row).execute();
    await applyNew(row, scope, early);
    if (watching.length) await rebuildWaiting();
    for (const watcher of watching) counts.conflicts += await rebuildWithConflicts(trx, watcher, own, at);
  }
  await rebuildWaiting();

  async function applyNew(row: ReturnType<typeof toRow> & { upstream_seq: number }, scope: Scope | undefined, early: boolean) {
    if (early) {
      counts.applied++;
      if (!waiting && (await mayWait(trx, scope!))) waiting = scope;
      else if (!waiting) counts.conflicts += await rebuildWithConflicts(trx, scope!, own, at);
      return;
    }
    let outcome: 'applied' | 'held' = 'held';
    const error = await attempt(trx, async () => {
      outcome = await applyStored(trx, row, own);
    });
    if (error && scope !== undefined) {
      // The upstream applied it, so it fits the lot in the upstream's order; this station's lot is not
      // there yet (something it built on is missing here): left out as a conflict, not held for good,
      // and put back by a later rebuild (settleAtHead) once it fits.
      await rebuildWaiting();
      counts.conflicts += await rebuildWithConflicts(trx, scope, own, at);
      counts.applied++;
    } else if (error || outcome === 'held') {
      counts.held++;
      await trx.updateTable('events').set({ status: 'held' }).where('id', '=', row.id).execute();
    } else counts.applied++;
  }
}

/**
 * Stores and applies one page pulled from upstream and advances the cursor, in one transaction:
 * a crash keeps either the whole page and its cursor or neither. An event arriving before
 * events this station already applied to the same lot makes the lot be recomputed in the
 * upstream's order.
 */
export async function applyPulledPage(db: Db, events: PulledEvent[], next: number, at: string): Promise<{ applied: number; held: number; conflicts: number } | null> {
  const counts = { applied: 0, held: 0, conflicts: 0 };
  const applied = await unlessRenumbered(db, async (trx) => {
    const own = await ownStationCode(trx);
    await passOwnLotNumbers(trx, own, events.map((e) => e.lotId));
    const fast = await applyAll(trx, events, own);
    if (fast) {
      Object.assign(counts, fast);
      await trx.updateTable('sync_state').set({ cursor: next }).execute();
      return true;
    }
    await applyOneByOne(trx, events, own, at, counts);
    await trx.updateTable('sync_state').set({ cursor: next }).execute();
    return true;
  });
  return applied ? counts : null;
}

/**
 * The upstream does not hold what this station saw of it (restored from a backup): its order is
 * learnt again from the start. Every event here loses its place; this station's own are pushed
 * again (answered "duplicate" where the upstream still has them), others' come back with the
 * next pull, and those that do not are dropped once this station has pulled up to the head
 * (settleAtHead): the upstream's version stands.
 */
export async function resync(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const state = await trx.selectFrom('sync_state').select(['snapshot_seq', 'history_cursor']).executeTakeFirst();
    // A station that started from a snapshot and does not hold all its history cannot tell which
    // events it would apply a second time: it starts over from a new snapshot, after pushing its own again.
    const partial = state?.snapshot_seq != null && (state.history_cursor ?? 0) < state.snapshot_seq;
    if (partial) {
      const others = trx.selectFrom('events').select('id').where('local', '=', 0);
      await trx.deleteFrom('sync_attention').where('event_id', 'in', others).execute();
      await trx.deleteFrom('events').where('local', '=', 0).execute();
      await trx.deleteFrom('sync_snapshot_lots').execute();
    }
    await trx.updateTable('events').set({ upstream_seq: null }).where('upstream_seq', 'is not', null).execute();
    await trx.updateTable('sync_state').set({ cursor: 0, ...(partial ? { snapshot_seq: null, history_cursor: null } : {}) }).execute();
  });
}

/**
 * Once this station has pulled up to the head. Others' events the upstream no longer holds (only
 * ever after a resync) are dropped, and lots (and the plan) with events left out as conflicts are recomputed now
 * that every event has its place: a rebuild while a resync pushed this station's events again
 * may have left events out only because those they built on had no place yet.
 */
export async function settleAtHead(db: Db, at: string): Promise<void> {
  const forgotten = (q: Db | Trx) => q.selectFrom('events').where('local', '=', 0).where('upstream_seq', 'is', null);
  const conflicted = (q: Db | Trx) =>
    q.selectFrom('sync_attention').innerJoin('events', 'events.id', 'sync_attention.event_id').where('kind', '=', 'conflict').where('resolved_at', 'is', null);
  if (!(await forgotten(db).select('id').executeTakeFirst()) && !(await conflicted(db).select('event_id').executeTakeFirst())) return;
  await db.transaction().execute(async (trx) => {
    // Each scope to recompute: the lots, the plan, the boxes and batches among them.
    const scopes = new Map<string, Scope>();
    const add = (scope: Scope | undefined) => scope && scopes.set(scopeName(scope), scope);
    for (const event of await forgotten(trx).select(['lot_id', 'type', 'payload']).execute()) add(scopeOf(event));
    for (const event of await conflicted(trx).select(['events.lot_id', 'events.type', 'events.payload']).execute()) add(scopeOf(event));
    await trx.deleteFrom('sync_attention').where('event_id', 'in', forgotten(trx).select('id')).execute();
    await trx.deleteFrom('events').where('local', '=', 0).where('upstream_seq', 'is', null).execute();
    const own = await ownStationCode(trx);
    for (const scope of scopes.values()) await rebuildWithConflicts(trx, scope, own, at);
  });
}

/**
 * Once the history before a snapshot has all arrived (in the transaction that stores its last
 * page): the scopes that are not a lot's and changed after the snapshot (the plan, a box, a batch)
 * are recomputed, since a recomputation before waited for their history. A lot needs none: it
 * started from the snapshot's row.
 */
export async function settleHistory(trx: Trx, snapshotSeq: number, at: string): Promise<void> {
  const scopes = new Map<string, Scope>();
  const since = await trx
    .selectFrom('events')
    .select(['lot_id', 'type', 'payload'])
    .where('lot_id', 'is', null)
    .where((eb) => eb.or([eb('upstream_seq', 'is', null), eb('upstream_seq', '>', snapshotSeq)]))
    .execute();
  for (const event of since) {
    const scope = scopeOf(event);
    if (scope) scopes.set(scopeName(scope), scope);
  }
  const own = await ownStationCode(trx);
  for (const scope of scopes.values()) await rebuildWithConflicts(trx, scope, own, at);
}
