import { sql, type SqlBool } from 'kysely';
import type { Trx } from '../db/schema';
import { boxScope } from '../packing/rebuild';
import { batchScope, planScope } from '../plating/rebuild';
import { rebuildLot } from './apply';
import { inScope, type EventsWhere, type Misfit, type Scope, type ScopeKind } from './scope';

// Every kind of scope sync recomputes (core/sync/scope.ts): a lot (its events carry it in
// lot_id), and those whose facts carry no lot, each declared in its feature's folder.

const lotScope: ScopeKind = {
  types: [],
  field: null,
  rebuild: (trx, lotId, ownStation) => rebuildLot(trx, lotId, ownStation),
  current: (trx, lotId) => trx.selectFrom('lots').selectAll().where('id', '=', lotId).executeTakeFirst(),
};

const kinds: Record<string, ScopeKind> = { lot: lotScope, plan: planScope, box: boxScope, batch: batchScope };

/** The scope an event's facts belong to; undefined for one that is never recomputed (a setting: the last one stands). */
export function scopeOf(event: { lot_id: string | null; type: string; payload: unknown }): Scope | undefined {
  if (event.lot_id) return { kind: 'lot', key: event.lot_id };
  for (const [kind, definition] of Object.entries(kinds)) {
    if (!definition.types.includes(event.type)) continue;
    const payload = (typeof event.payload === 'string' ? JSON.parse(event.payload) : event.payload) as Record<string, unknown>;
    const key = definition.field ? payload[definition.field] : '';
    return typeof key === 'string' ? { kind, key } : undefined;
  }
  return undefined;
}

export const scopeName = (scope: Scope) => `${scope.kind}:${scope.key}`;

/** The events of a scope, as a condition on the events table. */
export function eventsOf(scope: Scope): EventsWhere {
  return scope.kind === 'lot' ? sql<SqlBool>`lot_id = ${scope.key}` : inScope(kinds[scope.kind]!, scope.key);
}

export const rebuildScope = (trx: Trx, scope: Scope, ownStation: string): Promise<Misfit[]> => kinds[scope.kind]!.rebuild(trx, scope.key, ownStation);
export const currentOf = (trx: Trx, scope: Scope): Promise<unknown> => kinds[scope.kind]!.current(trx, scope.key);
export const beforeRebuild = async (trx: Trx, scope: Scope): Promise<Scope | null> => (await kinds[scope.kind]!.before?.(trx, scope.key)) ?? null;
export const afterRebuild = async (trx: Trx, scope: Scope): Promise<Scope | null> => (await kinds[scope.kind]!.after?.(trx, scope.key)) ?? null;

/**
 * An event of the scope applied here that the upstream placed after this place, or has not placed
 * yet. Asked in two parts, each answered from its own index: the few not placed yet, and those
 * placed after (none, as pages arrive in order, except after a resync).
 */
export async function laterOf(trx: Trx, scope: Scope, id: string, upstreamSeq: number): Promise<{ id: string } | undefined> {
  const events = () => trx.selectFrom('events').select('id').where(eventsOf(scope)).where('status', '=', 'applied').where('id', '!=', id);
  return (await events().where('upstream_seq', 'is', null).executeTakeFirst()) ?? (await events().where('upstream_seq', '>', upstreamSeq).executeTakeFirst());
}

/**
 * Whether a page of new events holds one, of a scope that is not a lot's, placed before an event
 * of the same scope already applied here: such a page needs its scopes recomputed (the slow path).
 * Those applied here after the page's first place, or not placed yet, are few (pages arrive in
 * order): read at once, in two parts each answered from its own index.
 */
export async function pageReordersScopes(trx: Trx, page: readonly { lotId: string | null; type: string; payload: unknown; upstreamSeq: number }[]): Promise<boolean> {
  const earliest = new Map<string, number>();
  for (const event of page) {
    const scope = event.lotId ? undefined : scopeOf({ lot_id: null, type: event.type, payload: event.payload });
    if (scope && !earliest.has(scopeName(scope))) earliest.set(scopeName(scope), event.upstreamSeq);
  }
  if (!earliest.size) return false;
  const after = page[0]!.upstreamSeq;
  const here = () => trx.selectFrom('events').select(['type', 'payload', 'upstream_seq']).where('lot_id', 'is', null).where('status', '=', 'applied');
  const later = [...(await here().where('upstream_seq', 'is', null).execute()), ...(await here().where('upstream_seq', '>', after).execute())];
  return later.some((event) => {
    const scope = scopeOf({ lot_id: null, type: event.type, payload: event.payload });
    const place = scope && earliest.get(scopeName(scope));
    return place !== undefined && (event.upstream_seq === null || event.upstream_seq > place);
  });
}
