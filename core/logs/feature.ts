import { defineFeature } from '../app/defineFeature';
import { supportCommands } from './commands';
import { supportProcedures } from './contract';
import { supportHandlers } from './handlers';

export const logsFeature = defineFeature({
  name: 'logs',
  procedures: supportProcedures,
  handlers: (services) => supportHandlers(services.log, services.storeFile),
  commands: supportCommands,
});
