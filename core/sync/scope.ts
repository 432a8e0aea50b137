import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { AppError } from '../kernel/errors';
import type { Trx } from '../db/schema';
import { applyStored, attempt } from './apply';

// A scope of recompute: the facts sync recomputes from their events in the upstream's order when
// two stations acted on them while apart (a lot, the plating plan, a box, a batch). Each kind is
// declared by its feature, and each feature declares the rows it keeps for a kind (`owns`,
// core/app/defineFeature.ts); core/sync/scopes.ts joins them. A rebuild is the same for every kind:
// remove the rows the scope owns, replay its events in the upstream's order, settle what is folded
// from many scopes (core/sync/owned.test.ts sees every write and fails on a row no scope owns).

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

/**
 * Rows of one table a scope owns: those whose `key` column holds the scope's key (every row, for a
 * kind with one scope), reached `via` another table's rows of the scope where the row does not
 * name it, and matching `where`. With `columns`, the scope owns only those columns (a batch's run
 * on the plan's batch): a rebuild sets them back to these values instead of removing the row. A
 * row its events `make` but others point at (a box, its packed pieces) is kept the same way.
 */
export interface OwnedRows {
  table: string;
  key: string | null;
  via?: { table: string; id: string; key: string };
  where?: string;
  columns?: Record<string, string | number | null>;
  make?: boolean;
}

/** Brings up to date, after a rebuild, what is folded from many scopes' rows (a pair's switching state, an order's status); `was` is the scope's row before. */
export type Settle = (trx: Trx, key: string, was: Record<string, unknown> | undefined) => Promise<void>;

/** Where a scope starts from when its history has not all arrived (a lot as the snapshot had it): replayed from `since` on. */
export interface Base {
  since: number;
  restore(trx: Trx): Promise<void>;
}

export interface ScopeKind {
  /** The event types whose facts this kind holds; their lot_id is null (a lot is a scope of its own). */
  types: readonly string[];
  /** The payload field naming an event's scope (boxId, batchId); null: one scope of this kind (the plan). */
  field: string | null;
  /**
   * Types of other kinds' events whose place in the order this kind's replay reads (the plan reads
   * batches' starts: a plan change placed after a start leaves that batch as it ran). One of them
   * placed before an event of this scope applied here recomputes this scope too. Only for a kind
   * with one scope (field null).
   */
  watches?: readonly string[];
  /** What a supervisor sees beside a conflict: the scope's row as it is now. */
  current(trx: Trx, key: string): Promise<Record<string, unknown> | undefined>;
  /** Where to start when the history is missing; a kind without one keeps its rows until the history has arrived. */
  base?(trx: Trx, key: string): Promise<Base | null>;
  /** The kind's own order of applying its events, where it is not one by one (the plan: changes made before a batch started). */
  replay?(trx: Trx, key: string, ownStation: string): Promise<Misfit[]>;
  /** A scope to recompute before this one, when what this one builds on is missing here (a batch the plan planned away). */
  before?(trx: Trx, key: string): Promise<Scope | null>;
  /** A scope to recompute after this one, when this one changed what it builds on (a batch back in the plan). */
  after?(trx: Trx, key: string): Promise<Scope | null>;
}

/** A condition on the events table. */
export type EventsWhere = RawBuilder<SqlBool>;

/** The events of a scope of this kind. */
export function inScope(kind: Pick<ScopeKind, 'types' | 'field'>, key: string): EventsWhere {
  // Literal types and path: the same text on every call, so SQLite prepares it once.
  const types = sql.join(kind.types.map((t) => sql.lit(t)));
  if (!kind.field) return sql<SqlBool>`type IN (${types})`;
  return sql<SqlBool>`type IN (${types}) AND json_extract(payload, ${sql.lit(`$.${kind.field}`)}) = ${key}`;
}

/** The rows of a table a scope with this key owns, as a condition on that table. */
export function ownedWhere(part: OwnedRows, key: string): RawBuilder<SqlBool> {
  const conditions: RawBuilder<unknown>[] = [];
  if (part.key && part.via) conditions.push(sql`${sql.ref(part.key)} IN (SELECT ${sql.ref(part.via.id)} FROM ${sql.table(part.via.table)} WHERE ${sql.ref(part.via.key)} = ${key})`);
  else if (part.key) conditions.push(sql`${sql.ref(part.key)} = ${key}`);
  if (part.where) conditions.push(sql.raw(`(${part.where})`));
  return conditions.length ? sql<SqlBool>`${sql.join(conditions, sql` AND `)}` : sql<SqlBool>`1`;
}

/** Removes the rows a scope owns, or sets its columns back. */
async function removeOwned(trx: Trx, owns: readonly OwnedRows[], key: string): Promise<void> {
  for (const part of owns) {
    const where = ownedWhere(part, key);
    if (part.columns) {
      const set = sql.join(Object.entries(part.columns).map(([column, value]) => sql`${sql.ref(column)} = ${value}`));
      await sql`UPDATE ${sql.table(part.table)} SET ${set} WHERE ${where}`.execute(trx);
    } else await sql`DELETE FROM ${sql.table(part.table)} WHERE ${where}`.execute(trx);
  }
}

/** Whether a station started from a snapshot still waits for part of the history before it. */
async function historyMissing(trx: Trx): Promise<boolean> {
  const state = await trx.selectFrom('sync_state').select(['snapshot_seq', 'history_cursor']).executeTakeFirst();
  return state?.snapshot_seq != null && (state.history_cursor ?? 0) < state.snapshot_seq;
}

/**
 * The scope's events applied here, in the order a recomputation takes them: those the upstream
 * has ordered, in its order, then this station's own not yet acknowledged, as they were made.
 */
function scopeEvents(trx: Trx, condition: EventsWhere, since = 0) {
  const events = trx
    .selectFrom('events')
    .select(['id', 'station', 'seq', 'type', 'lot_id', 'payload', 'user_id', 'at'])
    .where(condition)
    .where('status', '=', 'applied')
    .orderBy(sql`upstream_seq IS NULL`)
    .orderBy('upstream_seq')
    .orderBy(sql`rowid`);
  return since ? events.where((eb) => eb.or([eb('upstream_seq', 'is', null), eb('upstream_seq', '>', since)])) : events;
}

/** Applies a scope's events again in order, each in a savepoint; those that no longer fit are returned. */
async function replay(trx: Trx, condition: EventsWhere, ownStation: string, since = 0): Promise<Misfit[]> {
  const misfits: Misfit[] = [];
  for (const event of await scopeEvents(trx, condition, since).execute()) {
    const error = await attempt(trx, async () => void (await applyStored(trx, event, ownStation)));
    if (error) misfits.push({ id: event.id, error });
  }
  return misfits;
}

/** What a rebuild of one scope needs: its kind, its events, the rows its features own and what they settle. */
export interface Rebuilding {
  kind: ScopeKind;
  events: EventsWhere;
  owns: readonly OwnedRows[];
  settles: readonly Settle[];
}

/**
 * Recomputes one scope from its events: the rows it owns removed, its events replayed in the
 * upstream's order, then what is folded from many scopes settled. Returns the events that no longer
 * fit (two stations acted on the same facts while apart); they are left out. A station started
 * from a snapshot whose history has not all arrived starts from the scope's base where it has one
 * (replaying what came after), and otherwise keeps the scope as it is until the history has arrived.
 */
export async function rebuild(trx: Trx, key: string, ownStation: string, { kind, events, owns, settles }: Rebuilding): Promise<Misfit[]> {
  const was = await kind.current(trx, key);
  const missing = await historyMissing(trx);
  if (missing && !kind.base) return [];
  const base = missing ? await kind.base!(trx, key) : null;
  if (base) await base.restore(trx);
  else await removeOwned(trx, owns, key);
  const misfits = kind.replay ? await kind.replay(trx, key, ownStation) : await replay(trx, events, ownStation, base?.since);
  for (const settle of settles) await settle(trx, key, was);
  return misfits;
}
