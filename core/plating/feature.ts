import { defineFeature } from '../app/defineFeature';
import { platingCommands } from './commands';
import { platingProcedures } from './contract';
import { platingEvents } from './events';
import { platingHandlers } from './handlers';
import { batchScope, planScope } from './rebuild';

export const platingFeature = defineFeature({
  name: 'plating',
  procedures: platingProcedures,
  handlers: () => platingHandlers,
  events: platingEvents,
  commands: platingCommands,
  scopes: { plan: planScope, batch: batchScope },
});
