import { defineFeature } from '../app/feature';
import { authProcedures } from './contract';
import { authHandlers } from './handlers';

export const authFeature = defineFeature({ name: 'auth', procedures: authProcedures, handlers: () => authHandlers, ownTables: ['sessions'] });
