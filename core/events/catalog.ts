import { joinedOnUse } from '../features';
import type { EventDefinition } from './define';
import { readPayload } from './payload';

// Every kind of event this version knows, by type, from the features' definitions
// (core/features.ts): what applies an event pulled from upstream. An event of a type not listed
// here is kept, held, until a newer Karakana knows it.

const catalog = joinedOnUse('Event type', (feature) => (feature.events ?? []).map((definition) => [definition.type, definition] as const));

/** Read from the list at first use, not while modules load: the features' events import the sync code that reads it. */
export const eventCatalog = {
  get: (type: string): EventDefinition<unknown> | undefined => catalog().get(type),
  [Symbol.iterator]: () => catalog()[Symbol.iterator](),
};

/** A stored payload as its type reads today (an earlier version upcast, without its `v`); as stored when this Karakana cannot read it. */
export function asRecorded(type: string, stored: string): Record<string, unknown> {
  const raw = JSON.parse(stored) as Record<string, unknown>;
  const definition = eventCatalog.get(type);
  return ((definition && readPayload(definition, raw)?.payload) ?? raw) as Record<string, unknown>;
}
