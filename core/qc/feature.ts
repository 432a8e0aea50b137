import { defineFeature } from '../app/defineFeature';
import type { Settle } from '../sync/scope';
import { qcCommands } from './commands';
import { qcProcedures } from './contract';
import { qcEvents } from './events';
import { qcHandlers } from './handlers';
import { refoldSwitching } from './switchingStore';

const ofLot = { key: 'inspection_id', via: { table: 'qc_inspections', id: 'id', key: 'lot_id' } };

/** The artisan and design's switching state folds every lot's decisions: folded again once a lot's are recomputed. */
const settleSwitching: Settle = async (trx, _lotId, was) => {
  const [artisan, design] = [was?.artisan_id, was?.design_sku];
  if (typeof artisan !== 'string' || typeof design !== 'string') return;
  const kept = await trx.selectFrom('qc_switching').select('artisan_id').where('artisan_id', '=', artisan).where('design_sku', '=', design).executeTakeFirst();
  if (kept) await refoldSwitching(trx, artisan, design);
};

/** A lot's inspections, with their entries and photos (before them: they are reached through them), and its decisions. */
export const qcFeature = defineFeature({
  name: 'qc',
  procedures: qcProcedures,
  handlers: () => qcHandlers,
  events: qcEvents,
  commands: qcCommands,
  owns: {
    lot: [
      { table: 'qc_entries', ...ofLot },
      { table: 'qc_photos', ...ofLot },
      { table: 'qc_inspections', key: 'lot_id' },
      { table: 'qc_decisions', key: 'lot_id' },
    ],
  },
  settles: { lot: settleSwitching },
  derived: ['qc_switching'],
});
