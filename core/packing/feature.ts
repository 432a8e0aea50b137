import { defineFeature } from '../app/defineFeature';
import { packingProcedures } from './contract';
import { packingEvents } from './events';
import { packingHandlers } from './handlers';
import { boxRows, boxScope, lotPackingRows, settleOrder } from './rebuild';

export const packingFeature = defineFeature({
  name: 'packing',
  procedures: packingProcedures,
  handlers: () => packingHandlers,
  events: packingEvents,
  scopes: { box: boxScope },
  owns: { box: boxRows, lot: lotPackingRows },
  settles: { box: settleOrder },
  derived: ['customer_orders.status'],
});
