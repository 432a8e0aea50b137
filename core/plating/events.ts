import type { EventDefinition } from '../events/define';

// The plating events (joined in core/events/catalog.ts).
export const platingEvents: EventDefinition<never>[] = [];
