import type { Trx } from '../db/schema';
import { historyMissing, inScope, replay, type ScopeKind } from '../sync/scope';
import { boxOpened, boxShipped, settleOrderStatus, weightOverridden } from './events';

// A box recomputed from its own facts (opened, overridden, shipped) in the upstream's order, as a lot is
// (core/sync/scope.ts): when two stations shipped the same box while apart, the shipment the
// upstream took first is the box's, the other is left out and listed, and the order's status
// follows. The pieces in it are the lots' facts (packing.packed), recomputed with their lots.

const unshipped = { sscc: null, sscc_station: null, sscc_serial: null, override_reason: null, override_by: null, override_at: null };

export const boxScope: ScopeKind = {
  types: [boxOpened.type, weightOverridden.type, boxShipped.type],
  field: 'boxId',
  async rebuild(trx: Trx, boxId: string, ownStation: string) {
    // Before its history has arrived a new station cannot replay a box opened before its snapshot.
    if (await historyMissing(trx)) return [];
    const box = await trx.selectFrom('boxes').select('order_id').where('id', '=', boxId).executeTakeFirst();
    if (box) {
      await trx.updateTable('boxes').set({ status: 'open', service: null, tracking_number: null, weight_g: null, shipped_by: null, shipped_at: null, shipped_event: null, ...unshipped }).where('id', '=', boxId).execute();
      await trx.updateTable('carrier_labels').set({ box_id: null }).where('box_id', '=', boxId).execute();
    }
    const misfits = await replay(trx, inScope(boxScope, boxId), ownStation);
    if (box) await settleOrderStatus(trx, box.order_id);
    return misfits;
  },
  current: (trx, boxId) => trx.selectFrom('boxes').selectAll().where('id', '=', boxId).executeTakeFirst(),
};
