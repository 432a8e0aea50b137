import { sql } from 'kysely';
import type { AppError } from '../api/errors';
import type { Db, Trx } from '../db/schema';
import { eventCatalog } from '../events/catalog';
import { applyStored, attempt, rebuildLot } from './apply';
import type { PulledEvent, PushResult, WireEvent } from './protocol';
import { eventColumns, toRow, toWire } from './wire';

// The station's side of sync, all against the store: what to push, what the upstream answered,
// and applying what was pulled. Each function is one transaction.

/** Whether this version can apply an event at all: a type it knows, a payload it can read. */
function readable(type: string, payload: unknown): boolean {
  const definition = eventCatalog.get(type);
  return !!definition && definition.payload.safeParse(payload).success;
}

export async function ownStationCode(db: Db | Trx): Promise<string> {
  const row = await db.selectFrom('station').select('code').executeTakeFirst();
  return row?.code ?? '';
}

/** This station's events the upstream has not acknowledged, oldest first. */
export async function outbox(db: Db, limit: number): Promise<WireEvent[]> {
  const rows = await db
    .selectFrom('events')
    .select(eventColumns)
    .where('local', '=', 1)
    .where('upstream_seq', 'is', null)
    .where('status', '=', 'applied')
    .orderBy(sql`rowid`)
    .limit(limit)
    .execute();
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

async function rebuildWithConflicts(trx: Trx, lotId: string, own: string, at: string): Promise<number> {
  const misfits = await rebuildLot(trx, lotId, own);
  // An event left out by an earlier rebuild that fits now (what it built on has arrived) is no conflict any more.
  const fitAgain = trx
    .deleteFrom('sync_attention')
    .where('kind', '=', 'conflict')
    .where('resolved_at', 'is', null)
    .where('event_id', 'in', trx.selectFrom('events').select('id').where('lot_id', '=', lotId));
  await (misfits.length ? fitAgain.where('event_id', 'not in', misfits.map((m) => m.id)) : fitAgain).execute();
  const current = await trx.selectFrom('lots').selectAll().where('id', '=', lotId).executeTakeFirst();
  for (const misfit of misfits) await needsAttention(trx, misfit.id, 'conflict', misfit.error, current ?? null, at);
  return misfits.length;
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
 * Records the upstream's answer for each pushed event; a rejected one is undone and listed for a
 * supervisor. Null, with nothing recorded, if the answers place events where this station knows
 * others: the upstream forgot what it had told this station, which must resync.
 */
export async function recordPushResults(db: Db, results: PushResult[], at: string): Promise<{ acknowledged: number; rejected: number } | null> {
  let acknowledged = 0;
  let rejected = 0;
  const recorded = await unlessRenumbered(db, async (trx) => {
    const own = await ownStationCode(trx);
    for (const result of results) {
      const event = await trx.selectFrom('events').select(['lot_id', 'upstream_seq']).where('id', '=', result.id).executeTakeFirst();
      if (!event || event.upstream_seq !== null) continue;
      if (result.status !== 'rejected' && (await placeTaken(trx, result.upstreamSeq, result.id))) throw new Renumbered();
      if (result.status === 'rejected') {
        rejected++;
        await trx.updateTable('events').set({ status: 'rejected' }).where('id', '=', result.id).execute();
        await needsAttention(trx, result.id, 'rejected', { code: result.reason, params: result.params }, result.current, at);
        if (event.lot_id) await rebuildWithConflicts(trx, event.lot_id, own, at);
        continue;
      }
      acknowledged++;
      await trx.updateTable('events').set({ upstream_seq: result.upstreamSeq }).where('id', '=', result.id).execute();
      // An event left out as a conflict that the upstream accepted after all: put it back in its place.
      const conflict = await trx.selectFrom('sync_attention').select('event_id').where('event_id', '=', result.id).where('kind', '=', 'conflict').executeTakeFirst();
      if (conflict) {
        await trx.deleteFrom('sync_attention').where('event_id', '=', result.id).execute();
        if (event.lot_id) await rebuildWithConflicts(trx, event.lot_id, own, at);
      }
    }
    return true;
  });
  return recorded ? { acknowledged, rejected } : null;
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
      await trx.insertInto('events').values(row).execute();
      // One this version cannot read is held below, never put into a lot's rebuild.
      const later = event.lotId && readable(event.type, event.payload)
        ? await trx
            .selectFrom('events')
            .select('id')
            .where('lot_id', '=', event.lotId)
            .where('status', '=', 'applied')
            .where('id', '!=', event.id)
            .where((eb) => eb.or([eb('upstream_seq', 'is', null), eb('upstream_seq', '>', event.upstreamSeq)]))
            .executeTakeFirst()
        : undefined;
      if (later) {
        counts.conflicts += await rebuildWithConflicts(trx, event.lotId!, own, at);
        counts.applied++;
        continue;
      }
      let outcome: 'applied' | 'held' = 'held';
      const error = await attempt(trx, async () => {
        outcome = await applyStored(trx, row, own);
      });
      if (error && event.lotId && readable(event.type, event.payload)) {
        // The upstream applied it, so it fits the lot in the upstream's order; this station's lot is not
        // there yet (something it built on is missing here): left out as a conflict, not held for good,
        // and put back by a later rebuild (settleAtHead) once it fits.
        counts.conflicts += await rebuildWithConflicts(trx, event.lotId, own, at);
        counts.applied++;
      } else if (error || outcome === 'held') {
        counts.held++;
        await trx.updateTable('events').set({ status: 'held' }).where('id', '=', event.id).execute();
      } else counts.applied++;
    }
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
    await trx.updateTable('events').set({ upstream_seq: null }).where('upstream_seq', 'is not', null).execute();
    await trx.updateTable('sync_state').set({ cursor: 0 }).execute();
  });
}

/**
 * Once this station has pulled up to the head. Others' events the upstream no longer holds (only
 * ever after a resync) are dropped, and lots with events left out as conflicts are recomputed now
 * that every event has its place: a rebuild while a resync pushed this station's events again
 * may have left events out only because those they built on had no place yet.
 */
export async function settleAtHead(db: Db, at: string): Promise<void> {
  const forgotten = (q: Db | Trx) => q.selectFrom('events').where('local', '=', 0).where('upstream_seq', 'is', null);
  const conflicted = (q: Db | Trx) =>
    q.selectFrom('sync_attention').innerJoin('events', 'events.id', 'sync_attention.event_id').where('kind', '=', 'conflict').where('resolved_at', 'is', null);
  if (!(await forgotten(db).select('id').executeTakeFirst()) && !(await conflicted(db).select('event_id').executeTakeFirst())) return;
  await db.transaction().execute(async (trx) => {
    const lots = new Set<string | null>();
    for (const event of await forgotten(trx).select('lot_id').execute()) lots.add(event.lot_id);
    for (const event of await conflicted(trx).select('events.lot_id').execute()) lots.add(event.lot_id);
    await trx.deleteFrom('sync_attention').where('event_id', 'in', forgotten(trx).select('id')).execute();
    await trx.deleteFrom('events').where('local', '=', 0).where('upstream_seq', 'is', null).execute();
    const own = await ownStationCode(trx);
    for (const lotId of lots) if (lotId) await rebuildWithConflicts(trx, lotId, own, at);
  });
}
