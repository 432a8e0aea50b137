import type { OwnedRows, ScopeKind, Settle } from '../sync/scope';
import { boxOpened, boxShipped, settleOrderStatus, weightOverridden } from './events';

// A box recomputed from its own facts (opened, overridden, shipped) in the upstream's order, as a lot is
// (core/sync/scope.ts): when two stations shipped the same box while apart, the shipment the
// upstream took first is the box's, the other is left out and listed, and the order's status
// follows. The pieces in it are the lots' facts (packing.packed), recomputed with their lots.

/** A box as opened, its shipment and its weight's override (set back: packed pieces point at the box), and the carrier label it took. */
export const boxRows: readonly OwnedRows[] = [
  {
    table: 'boxes',
    key: 'id',
    make: true,
    columns: {
      status: 'open',
      service: null,
      tracking_number: null,
      weight_g: null,
      shipped_by: null,
      shipped_at: null,
      shipped_event: null,
      sscc: null,
      sscc_station: null,
      sscc_serial: null,
      override_reason: null,
      override_by: null,
      override_at: null,
    },
  },
  { table: 'carrier_labels', key: 'box_id', columns: { box_id: null } },
];

/** A lot's bin, its pinned allocations and its pieces in boxes. */
export const lotPackingRows: readonly OwnedRows[] = [
  { table: 'lot_bins', key: 'lot_id' },
  { table: 'allocation_pins', key: 'lot_id' },
  { table: 'packed_items', key: 'lot_id' },
];

/** The order's status follows its boxes. */
export const settleOrder: Settle = async (trx, _boxId, was) => {
  if (typeof was?.order_id === 'string') await settleOrderStatus(trx, was.order_id);
};

export const boxScope: ScopeKind = {
  types: [boxOpened.type, weightOverridden.type, boxShipped.type],
  field: 'boxId',
  current: (trx, boxId) => trx.selectFrom('boxes').selectAll().where('id', '=', boxId).executeTakeFirst(),
};
