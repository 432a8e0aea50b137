import { defineFeature } from '../app/defineFeature';
import { backupCommands } from './commands';
import { backupProcedures } from './contract';
import { backupScheduled } from './events';
import { backupHandlers } from './handlers';

export const backupFeature = defineFeature({
  name: 'backup',
  procedures: backupProcedures,
  handlers: (services) => backupHandlers(services.backups),
  events: [backupScheduled],
  commands: backupCommands,
});
