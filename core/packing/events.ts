import type { EventDefinition } from '../events/define';

// The packing events (joined in core/events/catalog.ts).
export const packingEvents: EventDefinition<never>[] = [];
