import { defineFeature } from '../app/defineFeature';
import { syncCommands } from './commands';
import { syncProcedures } from './contract';
import { syncHandlers } from './handlers';
import { lotScope } from './lotScope';

/** Each lot is a scope of sync's own. Sync's own books (its state, attention list, snapshot parts) and an upstream's or hub's, which stay with their store. */
export const syncFeature = defineFeature({
  name: 'sync',
  procedures: syncProcedures,
  handlers: (services) => syncHandlers(services.sync),
  commands: syncCommands,
  scopes: { lot: lotScope },
  ownTables: [/^sync_/, /^upstream_/],
});
