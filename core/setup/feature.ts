import { defineFeature } from '../app/feature';
import { setupProcedures } from './contract';
import { setupHandlers } from './handlers';

export const setupFeature = defineFeature({ name: 'setup', procedures: setupProcedures, handlers: (services) => setupHandlers(() => services.head()) });
