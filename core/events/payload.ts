import type { EventDefinition } from './define';

// A stored payload carries its version as `v` when it is past the first; a first version has no
// `v` (its schema refuses keys it does not know), so every event stored before versions existed
// reads as version 1 and no column or wire field was needed.

/** A payload as its definition reads it today, and as it was stored (without `v`) and its own version's schema read it. */
export interface ReadPayload<P> {
  payload: P;
  stored: unknown;
  parsed: unknown;
}

export const currentVersion = (definition: EventDefinition<unknown>): number => definition.version ?? 1;

/** What record() stores: the payload, marked with its version when that is past the first. */
export function storedPayload<P>(definition: EventDefinition<P>, payload: P): unknown {
  const version = currentVersion(definition as EventDefinition<unknown>);
  return version === 1 ? payload : { v: version, ...(payload as object) };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The version a payload says it has (absent: 1) and its fields without it; null for a `v` that is no version past the first. */
function versioned(raw: unknown): { version: number; stored: unknown } | null {
  if (!isRecord(raw) || !('v' in raw)) return { version: 1, stored: raw };
  const { v, ...stored } = raw;
  return Number.isInteger(v) && (v as number) > 1 ? { version: v as number, stored } : null;
}

/** The version a stored payload was recorded at, or null when it names none this scheme knows. */
export const storedVersion = (raw: unknown): number | null => versioned(raw)?.version ?? null;

/**
 * A stored or pulled payload read by its own version's schema and upcast, version by version, to
 * the current one, which must then read it too; null when this Karakana cannot read it (a later
 * version than it knows, a version whose shape it lost, or a payload its version refuses).
 */
export function readPayload<P>(definition: EventDefinition<P>, raw: unknown): ReadPayload<P> | null {
  const found = versioned(raw);
  const current = currentVersion(definition as EventDefinition<unknown>);
  if (!found || found.version > current) return null;
  if (found.version === current) {
    const parsed = definition.payload.safeParse(found.stored);
    return parsed.success ? { payload: parsed.data, stored: found.stored, parsed: parsed.data } : null;
  }
  const own = definition.earlier?.[found.version];
  const parsed = own?.payload.safeParse(found.stored);
  if (!parsed?.success) return null;
  let payload = parsed.data;
  for (let version = found.version; version < current; version++) {
    const step = definition.earlier?.[version];
    if (!step) return null;
    payload = step.upcast(payload);
  }
  const upcast = definition.payload.safeParse(payload);
  return upcast.success ? { payload: upcast.data, stored: found.stored, parsed: parsed.data } : null;
}
