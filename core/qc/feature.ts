import { defineFeature } from '../app/defineFeature';
import { qcCommands } from './commands';
import { qcProcedures } from './contract';
import { qcEvents } from './events';
import { qcHandlers } from './handlers';

export const qcFeature = defineFeature({ name: 'qc', procedures: qcProcedures, handlers: () => qcHandlers, events: qcEvents, commands: qcCommands });
