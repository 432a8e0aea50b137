import type { EventDefinition } from '../events/define';

// The qc events (joined in core/events/catalog.ts).
export const qcEvents: EventDefinition<never>[] = [];
