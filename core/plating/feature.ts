import { defineFeature } from '../app/defineFeature';
import { platingCommands } from './commands';
import { platingProcedures } from './contract';
import { platingEvents } from './events';
import { platingHandlers } from './handlers';
import { batchRows, batchScope, planRows, planScope } from './rebuild';

export const platingFeature = defineFeature({
  name: 'plating',
  procedures: platingProcedures,
  handlers: () => platingHandlers,
  events: platingEvents,
  commands: platingCommands,
  scopes: { plan: planScope, batch: batchScope },
  owns: {
    plan: planRows,
    batch: batchRows,
    // A lot's weighings in and out of each step. Its refinement's progress is a sum of every step done, whatever their order: never recomputed.
    lot: [{ table: 'metal_weighings', key: 'lot_id' }],
  },
});
