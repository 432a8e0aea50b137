import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { AppError } from '../kernel/errors';
import type { Trx } from '../db/schema';
import { applyStored, attempt, rebuildLot } from './apply';

// A scope of recompute: the facts sync recomputes from their events in the upstream's order when
// two stations acted on them while apart (a lot, the plating plan, a box, a batch). Each kind is
// declared by its feature (core/features.ts); core/sync/scopes.ts joins them and core/sync/store.ts
// dispatches to them.

/** One scope: a kind and, for a kind with many, which one (a box's id, a batch's id). */
export interface Scope {
  kind: string;
  key: string;
}

/** An event a recomputation left out, and why (another station acted first). */
export interface Misfit {
  id: string;
  error: AppError;
}

export interface ScopeKind {
  /** The event types whose facts this kind holds; their lot_id is null (a lot is a scope of its own). */
  types: readonly string[];
  /** The payload field naming an event's scope (boxId, batchId); null: one scope of this kind (the plan). */
  field: string | null;
  /** Recomputes the scope from its events; returns the events that no longer fit. */
  rebuild(trx: Trx, key: string, ownStation: string): Promise<Misfit[]>;
  /** What a supervisor sees beside a conflict: the scope's row as it is now. */
  current(trx: Trx, key: string): Promise<unknown>;
  /** A scope to recompute before this one, when what this one builds on is missing here (a batch the plan planned away). */
  before?(trx: Trx, key: string): Promise<Scope | null>;
  /** A scope to recompute after this one, when this one changed what it builds on (a batch back in the plan). */
  after?(trx: Trx, key: string): Promise<Scope | null>;
}

/** A lot: its events carry it in lot_id (so it lists no types), and it is rebuilt from them. */
export const lotScope: ScopeKind = {
  types: [],
  field: null,
  rebuild: (trx, lotId, ownStation) => rebuildLot(trx, lotId, ownStation),
  current: (trx, lotId) => trx.selectFrom('lots').selectAll().where('id', '=', lotId).executeTakeFirst(),
};

/** A condition on the events table. */
export type EventsWhere = RawBuilder<SqlBool>;

/** The events of a scope of this kind. */
export function inScope(kind: Pick<ScopeKind, 'types' | 'field'>, key: string): EventsWhere {
  // Literal types and path: the same text on every call, so SQLite prepares it once.
  const types = sql.join(kind.types.map((t) => sql.lit(t)));
  if (!kind.field) return sql<SqlBool>`type IN (${types})`;
  return sql<SqlBool>`type IN (${types}) AND json_extract(payload, ${sql.lit(`$.${kind.field}`)}) = ${key}`;
}

/** Whether a station started from a snapshot still waits for part of the history before it. */
export async function historyMissing(trx: Trx): Promise<boolean> {
  const state = await trx.selectFrom('sync_state').select(['snapshot_seq', 'history_cursor']).executeTakeFirst();
  return state?.snapshot_seq != null && (state.history_cursor ?? 0) < state.snapshot_seq;
}

/**
 * The scope's events applied here, in the order a recomputation takes them: those the upstream
 * has ordered, in its order, then this station's own not yet acknowledged, as they were made.
 */
function scopeEvents(trx: Trx, condition: EventsWhere) {
  return trx
    .selectFrom('events')
    .select(['id', 'station', 'seq', 'type', 'lot_id', 'payload', 'user_id', 'at'])
    .where(condition)
    .where('status', '=', 'applied')
    .orderBy(sql`upstream_seq IS NULL`)
    .orderBy('upstream_seq')
    .orderBy(sql`rowid`);
}

/** Applies a scope's events again in order, each in a savepoint; those that no longer fit are returned. */
export async function replay(trx: Trx, condition: EventsWhere, ownStation: string): Promise<Misfit[]> {
  const misfits: Misfit[] = [];
  for (const event of await scopeEvents(trx, condition).execute()) {
    const error = await attempt(trx, async () => void (await applyStored(trx, event, ownStation)));
    if (error) misfits.push({ id: event.id, error });
  }
  return misfits;
}
