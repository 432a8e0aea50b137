import { defineFeature } from '../app/defineFeature';
import { lotProcedures } from './contract';
import { lotMoved, lotReceived } from './events';
import { lotHandlers } from './handlers';

export const lotsFeature = defineFeature({ name: 'lots', procedures: lotProcedures, handlers: () => lotHandlers, events: [lotReceived, lotMoved] });
