import { defineFeature } from '../app/defineFeature';
import { authProcedures } from './contract';
import { authHandlers } from './handlers';

export const authFeature = defineFeature({ name: 'auth', procedures: authProcedures, handlers: () => authHandlers, ownTables: ['sessions'] });
