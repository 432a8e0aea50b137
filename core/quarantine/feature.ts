import { defineFeature } from '../app/defineFeature';
import { quarantineProcedures } from './contract';
import { quarantineDecided } from './events';
import { quarantineHandlers } from './handlers';

export const quarantineFeature = defineFeature({ name: 'quarantine', procedures: quarantineProcedures, handlers: () => quarantineHandlers, events: [quarantineDecided] });
