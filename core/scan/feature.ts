import { defineFeature } from '../app/defineFeature';
import { scanProcedures } from './contract';
import { scanHandlers } from './handlers';

export const scanFeature = defineFeature({ name: 'scan', procedures: scanProcedures, handlers: () => scanHandlers });
