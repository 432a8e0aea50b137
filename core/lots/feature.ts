import { defineFeature } from '../app/defineFeature';
import { lotProcedures } from './contract';
import { lotMoved, lotReceived } from './events';
import { lotHandlers } from './handlers';

/** A lot's row and its runs, and the notice line its receipt took. */
export const lotsFeature = defineFeature({
  name: 'lots',
  procedures: lotProcedures,
  handlers: () => lotHandlers,
  events: [lotReceived, lotMoved],
  owns: {
    lot: [
      { table: 'lot_runs', key: 'lot_id' },
      { table: 'delivery_notice_lines', key: 'received_lot_id', columns: { received_lot_id: null } },
      { table: 'lots', key: 'id' },
    ],
  },
});
