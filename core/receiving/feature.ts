import { defineFeature } from '../app/defineFeature';
import { receivingProcedures } from './contract';
import { deliveryFinished, deliveryOpened } from './events';
import { receivingHandlers } from './handlers';

export const receivingFeature = defineFeature({
  name: 'receiving',
  procedures: receivingProcedures,
  handlers: (services) => receivingHandlers(services.deskScale),
  events: [deliveryOpened, deliveryFinished],
});
