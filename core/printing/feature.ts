import { defineFeature } from '../app/defineFeature';
import { labelCommands } from '../labels/commands';
import { printingCommands } from './commands';
import { printingProcedures } from './contract';
import { printingEvents, printQueued } from './events';
import { printingHandlers } from './handlers';

/** Printing with the labels it renders (core/labels, a library of templates and printer languages, has no feature of its own). */
export const printingFeature = defineFeature({
  name: 'printing',
  procedures: printingProcedures,
  handlers: (services) => printingHandlers(services.printQueue, services.printLink),
  events: [printQueued, ...printingEvents],
  commands: { ...labelCommands, ...printingCommands },
  ownTables: ['printer_setups', 'print_jobs'],
});
