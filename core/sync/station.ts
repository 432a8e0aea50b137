import { sql } from 'kysely';
import type { AppError } from '../api/errors';
import type { Db, Trx } from '../db/schema';
import { applyStored, attempt, rebuildLot } from './apply';
import type { PulledEvent, PushResult, WireEvent } from './protocol';

// The station's side of sync, all against the store: what to push, what the upstream answered,
// and applying what was pulled. Each function is one transaction.

export async function ownStationCode(db: Db | Trx): Promise<string> {
  const row = await db.selectFrom('station').select('code').executeTakeFirst();
  return row?.code ?? '';
}

/** This station's events the upstream has not acknowledged, oldest first. */
export async function outbox(db: Db, limit: number): Promise<WireEvent[]> {
  const rows = await db
    .selectFrom('events')
    .select(['id', 'station', 'seq', 'type', 'lot_id', 'payload', 'user_id', 'at'])
    .where('local', '=', 1)
    .where('upstream_seq', 'is', null)
    .where('status', '=', 'applied')
    .orderBy(sql`rowid`)
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    station: r.station,
    seq: r.seq,
    type: r.type,
    lotId: r.lot_id,
    payload: JSON.parse(r.payload) as Record<string, unknown>,
    userId: r.user_id,
    at: r.at,
  }));
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
  const current = await trx.selectFrom('lots').selectAll().where('id', '=', lotId).executeTakeFirst();
  for (const misfit of misfits) await needsAttention(trx, misfit.id, 'conflict', misfit.error, current ?? null, at);
  return misfits.length;
}

/** Records the upstream's answer for each pushed event; a rejected one is undone and listed for a supervisor. */
export async function recordPushResults(db: Db, results: PushResult[], at: string): Promise<{ acknowledged: number; rejected: number }> {
  let acknowledged = 0;
  let rejected = 0;
  await db.transaction().execute(async (trx) => {
    const own = await ownStationCode(trx);
    for (const result of results) {
      const event = await trx.selectFrom('events').select(['lot_id', 'upstream_seq']).where('id', '=', result.id).executeTakeFirst();
      if (!event || event.upstream_seq !== null) continue;
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
  });
  return { acknowledged, rejected };
}

/**
 * Stores and applies one page pulled from upstream and advances the cursor, in one transaction:
 * a crash keeps either the whole page and its cursor or neither. An event arriving before
 * events this station already applied to the same lot makes the lot be recomputed in the
 * upstream's order.
 */
export async function applyPulledPage(db: Db, events: PulledEvent[], next: number, at: string): Promise<{ applied: number; held: number; conflicts: number }> {
  const counts = { applied: 0, held: 0, conflicts: 0 };
  await db.transaction().execute(async (trx) => {
    const own = await ownStationCode(trx);
    for (const event of events) {
      const existing = await trx.selectFrom('events').select(['upstream_seq']).where('id', '=', event.id).executeTakeFirst();
      if (existing) {
        // One of ours coming back (its acknowledgement may have been lost), or one seen before a resync.
        if (existing.upstream_seq !== event.upstreamSeq)
          await trx.updateTable('events').set({ upstream_seq: event.upstreamSeq }).where('id', '=', event.id).execute();
        continue;
      }
      const row = {
        id: event.id,
        station: event.station,
        seq: event.seq,
        type: event.type,
        lot_id: event.lotId,
        payload: JSON.stringify(event.payload),
        user_id: event.userId,
        at: event.at,
        upstream_seq: event.upstreamSeq,
        local: 0,
      };
      await trx.insertInto('events').values(row).execute();
      const later = event.lotId
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
      if (error || outcome === 'held') {
        counts.held++;
        await trx.updateTable('events').set({ status: 'held' }).where('id', '=', event.id).execute();
      } else counts.applied++;
    }
    await trx.updateTable('sync_state').set({ cursor: next }).execute();
  });
  return counts;
}

/**
 * The upstream is behind this station's cursor (restored from a backup). Everything it has
 * forgotten is made pending again: this station's own events are pushed anew, others' wait to
 * come back from their stations.
 */
export async function resync(db: Db, head: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('events').set({ upstream_seq: null }).where('upstream_seq', '>', head).execute();
    await trx.updateTable('sync_state').set({ cursor: head }).execute();
  });
}
