import { defineFeature } from '../app/defineFeature';
import { setupProcedures } from './contract';
import { setupHandlers } from './handlers';

export const setupFeature = defineFeature({ name: 'setup', procedures: setupProcedures, handlers: (services) => setupHandlers(() => services.head()) });
