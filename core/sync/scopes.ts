import { sql, type SqlBool } from 'kysely';
import type { Trx } from '../db/schema';
import { eventCatalog } from '../events/catalog';
import { readPayload } from '../events/payload';
import { joinedOnUse } from '../features';
import { inScope, rebuild, type EventsWhere, type Misfit, type OwnedRows, type Scope, type ScopeKind, type Settle } from './scope';

// Every kind of scope sync recomputes (core/sync/scope.ts), each declared by its feature
// (core/features.ts): a lot (its events carry it in lot_id, sync's lotScope), and those whose facts
// carry no lot.

/** The kinds by name, read from the list at first use (the features' scopes import the sync code that reads them). */
const kinds = joinedOnUse('Scope kind', (feature) => Object.entries(feature.scopes ?? {}));
const kindOf = (scope: Scope): ScopeKind => kinds().get(scope.kind)!;

/** The scope an event's facts belong to; undefined for one that is never recomputed (a setting: the last one stands). */
export function scopeOf(event: { lot_id: string | null; type: string; payload: unknown }): Scope | undefined {
  if (event.lot_id) return { kind: 'lot', key: event.lot_id };
  for (const [kind, definition] of kinds()) {
    if (!definition.types.includes(event.type)) continue;
    const payload = readPayload(eventCatalog.get(event.type)!, typeof event.payload === 'string' ? JSON.parse(event.payload) : event.payload)?.payload as Record<string, unknown> | undefined;
    if (!payload) return undefined;
    const key = definition.field ? payload[definition.field] : '';
    return typeof key === 'string' ? { kind, key } : undefined;
  }
  return undefined;
}

/** The scopes whose replay reads where an event of this type is placed, besides its own (ScopeKind.watches). */
export function watchersOf(type: string): Scope[] {
  return [...kinds()].filter(([, definition]) => definition.watches?.includes(type)).map(([kind]) => ({ kind, key: '' }));
}

export const scopeName = (scope: Scope) => `${scope.kind}:${scope.key}`;

/** The events of a scope, as a condition on the events table. */
export function eventsOf(scope: Scope): EventsWhere {
  return scope.kind === 'lot' ? sql<SqlBool>`lot_id = ${scope.key}` : inScope(kindOf(scope), scope.key);
}

/** The rows each kind's scopes own, and what each settles after a rebuild, from every feature that keeps facts of that kind. */
const owned = joinedOnUse('Owned rows', (feature) => Object.entries(feature.owns ?? {}).map(([kind, rows]) => [`${feature.name}.${kind}`, { kind, rows }] as const));
const settled = joinedOnUse('Settle', (feature) => Object.entries(feature.settles ?? {}).map(([kind, settle]) => [`${feature.name}.${kind}`, { kind, settle }] as const));
export const ownedRows = (kind: string): OwnedRows[] => [...owned().values()].filter((o) => o.kind === kind).flatMap((o) => o.rows);
const settlesOf = (kind: string): Settle[] => [...settled().values()].filter((s) => s.kind === kind).map((s) => s.settle);

export const rebuildScope = (trx: Trx, scope: Scope, ownStation: string): Promise<Misfit[]> =>
  rebuild(trx, scope.key, ownStation, { kind: kindOf(scope), events: eventsOf(scope), owns: ownedRows(scope.kind), settles: settlesOf(scope.kind) });
/** Whether a scope's rebuild writes nothing but its own rows and what they settle: no scope rebuilt before or after it, no replay of its own. */
export function rebuildsAlone(scope: Scope): boolean {
  const kind = kindOf(scope);
  return !kind.before && !kind.after && !kind.replay;
}
export const currentOf = (trx: Trx, scope: Scope): Promise<unknown> => kindOf(scope).current(trx, scope.key);
export const beforeRebuild = async (trx: Trx, scope: Scope): Promise<Scope | null> => (await kindOf(scope).before?.(trx, scope.key)) ?? null;
export const afterRebuild = async (trx: Trx, scope: Scope): Promise<Scope | null> => (await kindOf(scope).after?.(trx, scope.key)) ?? null;

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
 * Whether a page of new events holds one, of a scope that is not a lot's (or one such a scope
 * watches), placed before an event of the same scope already applied here: such a page needs its
 * scopes recomputed (the slow path).
 * Those applied here after the page's first place, or not placed yet, are few (pages arrive in
 * order): read at once, in two parts each answered from its own index.
 */
export async function pageReordersScopes(trx: Trx, page: readonly { lotId: string | null; type: string; payload: unknown; upstreamSeq: number }[]): Promise<boolean> {
  const earliest = new Map<string, number>();
  for (const event of page) {
    const scope = event.lotId ? undefined : scopeOf({ lot_id: null, type: event.type, payload: event.payload });
    for (const one of [...(scope ? [scope] : []), ...watchersOf(event.type)]) if (!earliest.has(scopeName(one))) earliest.set(scopeName(one), event.upstreamSeq);
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
