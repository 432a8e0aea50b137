import { AppError } from '../core/kernel/errors';
import type { Role } from '../core/api/roles';
import { chunks } from '../core/db/batch';
import type { Trx } from '../core/db/schema';
import { eventCatalog } from '../core/events/catalog';
import type { EventDefinition } from '../core/events/define';
import { readPayload, type ReadPayload } from '../core/events/payload';
import { formatLotId, parseLotId } from '../core/lots/lotId';
import type { WireEvent } from '../core/sync/protocol';

// What the upstream takes from a station, decided from the site's own facts: every pushed event is
// checked here, in the upstream's order, before it is applied. A station's token says which
// station speaks; nothing in an event is believed because the station says so.

export interface Sender {
  code: string;
  /** A hub, relaying the events of stations enrolled under it. */
  relay: boolean;
}

const defaultMaxBytes = 16 << 10;
const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Whether the sender may speak for the event's station: a station for itself, a hub for the
 * stations under it. The cloud cannot see a hub's enrollments, so a code is bound to the first hub
 * that relays it (upstream_relayed); afterwards only that hub speaks for it, and no station
 * enrolled here directly under that code. No one speaks for the upstream itself.
 */
export async function speaksFor(trx: Trx, sender: Sender, station: string, upstreamCode: string, at: string): Promise<AppError | null> {
  const foreign = new AppError('sync.foreignStation', `Station ${sender.code} sent an event of station ${station}`, { station });
  if (station === upstreamCode) return foreign;
  const bound = await trx.selectFrom('upstream_relayed').select('hub').where('code', '=', station).executeTakeFirst();
  if (!sender.relay) return station === sender.code && !bound ? null : foreign;
  if (bound) return bound.hub === sender.code ? null : foreign;
  // A code enrolled here, even revoked, stays that station's: its lot ids are its own.
  const enrolled = await trx.selectFrom('upstream_stations').select('code').where('code', '=', station).executeTakeFirst();
  if (enrolled) return foreign;
  await trx.insertInto('upstream_relayed').values({ code: station, hub: sender.code, bound_at: at }).execute();
  return null;
}

/** The event's own form: a time, a payload of its type with nothing else in it and not too large, the lot it names. */
export function formRefusal(event: WireEvent, definition: EventDefinition<unknown>): AppError | null {
  const form = readForm(event, definition);
  return form instanceof AppError ? form : null;
}

/** The event's form checked as formRefusal says: why it is refused, or its payload as its type reads it today. */
function readForm(event: WireEvent, definition: EventDefinition<unknown>): AppError | ReadPayload<unknown> {
  const { authority, type } = definition;
  if (!isoTime.test(event.at) || Number.isNaN(Date.parse(event.at))) return new AppError('sync.badTime', `${event.at.slice(0, 40)} is not a time`, { at: event.at.slice(0, 40) });
  const limit = authority.maxBytes ?? defaultMaxBytes;
  const bytes = Buffer.byteLength(JSON.stringify(event.payload));
  if (bytes > limit) return new AppError('sync.tooLarge', `A ${type} of ${bytes} bytes is larger than ${limit}`, { type, bytes, limit });
  const read = readPayload(definition, event.payload);
  if (!read) return new AppError('api.invalidInput', `The payload of ${type} ${event.id} does not parse at a version this upstream knows`);
  const unknown = unknownKey(read.stored, read.parsed);
  if (unknown !== null) return new AppError('sync.unknownKeys', `${type} has no field ${unknown}`, { type, field: unknown.slice(0, 80) });
  const lotId = definition.lotId(read.payload);
  if (event.lotId !== lotId) return new AppError('sync.lotIdMismatch', `The event names lot ${event.lotId ?? '-'}, its payload ${lotId ?? '-'}`, { lot: String(event.lotId ?? '-'), payload: String(lotId ?? '-') });
  if (authority.newLot && !lotOfStation(lotId, event.station))
    return new AppError('sync.lotOfOtherStation', `Lot ${lotId} is not a lot id of station ${event.station}`, { lot: String(lotId).slice(0, 40), station: event.station });
  return read;
}

/** A lot id exactly as its station formats it (L-26-R1-000123), carrying that station's code. */
function lotOfStation(lotId: string | null, station: string): boolean {
  const parts = lotId === null ? null : parseLotId(lotId);
  return parts !== null && parts.station === station && formatLotId(parts) === lotId;
}

/** The first key of the input that the schema's output does not hold (zod drops what it does not know), or null. */
function unknownKey(input: unknown, output: unknown, path = ''): string | null {
  if (Array.isArray(input) && Array.isArray(output)) {
    for (const [i, item] of input.entries()) {
      const found = unknownKey(item, output[i], `${path}${i}.`);
      if (found !== null) return found;
    }
    return null;
  }
  if (!isRecord(input) || !isRecord(output)) return null;
  for (const [key, value] of Object.entries(input)) {
    if (!(key in output)) return `${path}${key}`;
    const found = unknownKey(value, output[key], `${path}${key}.`);
    if (found !== null) return found;
  }
  return null;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A user of the site as the upstream's users table has them at this point of its log. */
export interface SiteUser {
  roles: Role[];
  disabled: boolean;
}

export async function siteUsers(trx: Trx, ids: readonly string[]): Promise<Map<string, SiteUser>> {
  const users = new Map<string, SiteUser>();
  for (const piece of chunks([...new Set(ids)]))
    for (const row of await trx.selectFrom('users').select(['id', 'roles', 'disabled']).where('id', 'in', piece).execute())
      users.set(row.id, { roles: JSON.parse(row.roles) as Role[], disabled: row.disabled === 1 });
  return users;
}

/** Whether the event's actor may make this fact: known to the site, active, holding one of its roles; `payload` is as its type reads it today. */
export function actorRefusal(event: WireEvent, definition: EventDefinition<unknown>, user: SiteUser | undefined, payload: unknown): AppError | null {
  const { authority, type } = definition;
  if (authority.by === 'platform') return new AppError('sync.notAllowed', `Only the upstream records ${type}`, { type });
  if (!user) return new AppError('sync.unknownUser', `No user ${event.userId} at this site`, { user: event.userId.slice(0, 64) });
  if (authority.by === 'station') return null;
  if (user.disabled) return new AppError('sync.userDisabled', `User ${event.userId} is disabled`, { user: event.userId.slice(0, 64), type });
  if (authority.self && (event.payload as { id?: unknown }).id !== event.userId) return new AppError('sync.notAllowed', `User ${event.userId} may record ${type} only about themselves`, { type });
  // As the payload reads today, whatever version the station recorded it at.
  const stricter = authority.stricter?.(payload) ?? null;
  if (stricter && !stricter.some((role) => user.roles.includes(role))) return new AppError('sync.notAllowed', `User ${event.userId} may not record this ${type}`, { type });
  if (authority.roles === 'anyone' || authority.roles.some((role) => user.roles.includes(role))) return null;
  return new AppError('sync.notAllowed', `User ${event.userId} may not record ${type}`, { type });
}

/**
 * The site's first admin: first-start setup at a real station records a `user.added` whose actor
 * is that admin (core/setup/handlers.ts), and the upstream holds no one yet to vouch for it. Such
 * an event is taken only while the site has no active admin at all, so once the site has one, a
 * station cannot found it again.
 */
export async function foundsTheSite(trx: Trx, event: WireEvent): Promise<boolean> {
  const added = event.payload as { id?: unknown; roles?: unknown };
  if (event.type !== 'user.added' || added.id !== event.userId || !Array.isArray(added.roles) || !added.roles.includes('admin')) return false;
  const admin = await trx.selectFrom('users').select('id').where('disabled', '=', 0).where('roles', 'like', '%"admin"%').executeTakeFirst();
  return !admin;
}

/** Why the upstream does not take this event from this sender, or null: the sender's station, the type, the event's form, then its actor as the users table has them now. */
export async function refusalOf(trx: Trx, sender: Sender, event: WireEvent, upstreamCode: string, at: string): Promise<AppError | null> {
  const station = await speaksFor(trx, sender, event.station, upstreamCode, at);
  if (station) return station;
  const definition = eventCatalog.get(event.type);
  if (!definition) return new AppError('sync.unknownEventType', `This upstream does not know events of type ${event.type}`, { type: event.type });
  const form = readForm(event, definition);
  if (form instanceof AppError) return form;
  if (await foundsTheSite(trx, event)) return null;
  return actorRefusal(event, definition, (await siteUsers(trx, [event.userId])).get(event.userId), form.payload);
}

/**
 * What refusalOf says of a batch, with a few statements for the whole batch: null when it would
 * refuse any event, else every payload as its type reads it today, by event id, for the batch to be
 * applied without reading them again. A fact about the site's people changes who may act on the
 * events after it, so a batch holding one is answered event by event (null); without one, the users
 * table stays as it is through the batch and is read once.
 */
export async function admitAll(trx: Trx, sender: Sender, events: readonly WireEvent[], upstreamCode: string, at: string): Promise<Map<string, unknown> | null> {
  if (events.some((e) => e.type.startsWith('user.'))) return null;
  for (const station of new Set(events.map((e) => e.station))) if (await speaksFor(trx, sender, station, upstreamCode, at)) return null;
  const users = await siteUsers(trx, events.map((e) => e.userId));
  const payloads = new Map<string, unknown>();
  for (const event of events) {
    const definition = eventCatalog.get(event.type);
    const form = definition && readForm(event, definition);
    if (!definition || !form || form instanceof AppError || actorRefusal(event, definition, users.get(event.userId), form.payload)) return null;
    payloads.set(event.id, form.payload);
  }
  return payloads;
}
