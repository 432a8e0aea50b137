import { sql } from 'kysely';
import { z } from 'zod';
import { AppError } from '../kernel/errors';
import type { Db, Trx } from '../db/schema';
import { allocateOrder } from './allocation';
import type { packingBox, packingOrder } from './contract';
import { boxBySscc } from './sscc';

export type PackingOrder = z.output<typeof packingOrder>;
export type PackingBox = z.output<typeof packingBox>;

/** A customer order (by its id, or a box's SSCC) as the packing table sees it: lines with their pick list, boxes, the carrier's label. */
export async function openOrder(db: Db | Trx, raw: string): Promise<PackingOrder> {
  const code = (await boxBySscc(db, raw))?.orderId ?? raw.trim().toUpperCase();
  const order = await db.selectFrom('customer_orders').selectAll().where('id', '=', code).executeTakeFirst();
  if (!order) throw new AppError('packing.orderNotFound', `No customer order ${code}`, { code: code.slice(0, 60) });
  const lines = await db
    .selectFrom('customer_order_lines as l')
    .innerJoin('designs as d', 'd.sku', 'l.design_sku')
    .select(['l.line_no', 'l.design_sku', 'l.finish', 'l.quantity', 'd.name', 'd.unit_weight_g'])
    .where('l.order_id', '=', order.id)
    .orderBy('l.line_no')
    .execute();
  const boxes = await orderBoxes(db, order.id);
  const allocation = await allocateOrder(db, order.id);
  const inBoxes = (lineNo: number, status: 'open' | 'shipped') =>
    boxes.filter((b) => b.status === status).reduce((n, b) => n + b.items.filter((i) => i.lineNo === lineNo).reduce((m, i) => m + i.quantity, 0), 0);
  const carrier = await db
    .selectFrom('carrier_labels')
    .select(['tracking_number', 'carrier', 'service'])
    .where('order_id', '=', order.id)
    .where('box_id', 'is', null)
    .orderBy('tracking_number')
    .executeTakeFirst();
  return {
    order: { id: order.id, customer: order.customer, country: order.country, shipTo: JSON.parse(order.ship_to) as Record<string, string>, service: order.service, currency: order.currency, dueOn: order.due_on, status: order.status },
    lines: lines.map((l) => {
      const alloc = allocation.lines.find((a) => a.lineNo === l.line_no)!;
      return {
        lineNo: l.line_no,
        designSku: l.design_sku,
        designName: l.name,
        finish: l.finish,
        ordered: l.quantity,
        packed: inBoxes(l.line_no, 'open'),
        shipped: inBoxes(l.line_no, 'shipped'),
        need: alloc.need,
        unitWeightG: l.unit_weight_g,
        pick: alloc.lots,
      };
    }),
    boxes,
    station: (await db.selectFrom('station').select('code').executeTakeFirstOrThrow()).code,
    carrierLabel: carrier ? { trackingNumber: carrier.tracking_number, carrier: carrier.carrier, service: carrier.service } : null,
    boxTypes: await boxTypes(db),
  };
}

/** Shipped boxes first, in the order they shipped (their number is theirs for good), then the open ones as they were opened. */
function shipmentOrder(a: { shipped_at: string | null; opened_at: string; id: string }, b: typeof a): number {
  const key = (x: typeof a) => [x.shipped_at === null ? 1 : 0, x.shipped_at ?? x.opened_at, x.id] as const;
  const [ka, kb] = [key(a), key(b)];
  return ka[0] - kb[0] || ka[1].localeCompare(kb[1]) || ka[2].localeCompare(kb[2]);
}

/**
 * The boxes of an order (numbered: shipped first, as they shipped, then the open ones), with what
 * is in each and what each should weigh: the pieces (design unit weight) plus the box type's
 * packaging. A box may be off by the box type's tolerance plus each design's own weight tolerance
 * on its pieces.
 */
export async function orderBoxes(db: Db | Trx, orderId: string): Promise<PackingBox[]> {
  const rows = await db
    .selectFrom('boxes as b')
    .innerJoin('box_types as t', 't.code', 'b.box_type')
    .leftJoin('users as u', 'u.id', 'b.override_by')
    .select(['b.id', 'b.box_type', 'b.status', 'b.station', 'b.service', 'b.tracking_number', 'b.weight_g', 'b.opened_at', 'b.shipped_at', 'b.sscc', 'b.override_reason', 'b.override_at', 'u.name as override_name', 't.packaging_g', 't.tolerance_g'])
    .where('b.order_id', '=', orderId)
    .execute();
  const boxes = rows.sort(shipmentOrder);
  const items = await db
    .selectFrom('packed_items as p')
    .innerJoin('lots', 'lots.id', 'p.lot_id')
    .innerJoin('designs as d', 'd.sku', 'lots.design_sku')
    .select(['p.box_id', 'p.lot_id', 'p.line_no', 'p.quantity', 'd.unit_weight_g', 'd.weight_tolerance_pct'])
    .where('p.order_id', '=', orderId)
    .orderBy('p.packed_at')
    .execute();
  return boxes.map((b, i) => {
    const mine = items.filter((item) => item.box_id === b.id);
    const piecesG = mine.reduce((g, item) => g + item.quantity * item.unit_weight_g, 0);
    const spreadG = mine.reduce((g, item) => g + (item.quantity * item.unit_weight_g * item.weight_tolerance_pct) / 100, 0);
    // Lots packed in several scans show once, with their total.
    const merged = new Map<string, { lotId: string; lineNo: number; quantity: number }>();
    for (const item of mine) {
      const key = `${item.lot_id}#${item.line_no}`;
      const seen = merged.get(key);
      if (seen) seen.quantity += item.quantity;
      else merged.set(key, { lotId: item.lot_id, lineNo: item.line_no, quantity: item.quantity });
    }
    return {
      id: b.id,
      no: i + 1,
      boxType: b.box_type,
      status: b.status,
      station: b.station,
      service: b.service,
      trackingNumber: b.tracking_number,
      weightG: b.weight_g,
      shippedAt: b.shipped_at,
      sscc: b.sscc,
      override: b.override_reason === null ? null : { reason: b.override_reason, by: b.override_name ?? '', at: b.override_at ?? '' },
      items: [...merged.values()],
      pieces: mine.reduce((n, item) => n + item.quantity, 0),
      expectedG: Math.round((piecesG + b.packaging_g) * 10) / 10,
      toleranceG: Math.round((spreadG + b.tolerance_g) * 10) / 10,
    };
  });
}

/** The box types and what their packaging weighs. */
export async function boxTypes(db: Db | Trx) {
  const rows = await db.selectFrom('box_types').selectAll().orderBy('packaging_g').execute();
  return rows.map((t) => ({ code: t.code, name: t.name, packagingG: t.packaging_g, toleranceG: t.tolerance_g }));
}

/** Orders still to pack or ship, earliest due first. */
export async function packingQueue(db: Db) {
  const rows = await db
    .selectFrom('customer_orders as o')
    .select(['o.id', 'o.customer', 'o.country', 'o.due_on', 'o.status'])
    .select((eb) => [
      eb.selectFrom('customer_order_lines as l').select((e) => e.fn.countAll<number>().as('n')).whereRef('l.order_id', '=', 'o.id').as('lines'),
      eb.selectFrom('customer_order_lines as l').select((e) => e.fn.sum<number>('l.quantity').as('n')).whereRef('l.order_id', '=', 'o.id').as('pieces'),
    ])
    // Written out, so that the store's partial index of orders not shipped serves it.
    .where(sql<boolean>`o.status != 'shipped'`)
    .orderBy('o.due_on')
    .orderBy('o.id')
    .limit(50)
    .execute();
  return rows.map((r) => ({ id: r.id, customer: r.customer, country: r.country, dueOn: r.due_on, status: r.status, lines: Number(r.lines), pieces: Number(r.pieces) }));
}
