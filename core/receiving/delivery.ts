import { AppError } from '../kernel/errors';
import type { Db } from '../db/schema';

export interface DeliveryLine {
  lineNo: number;
  artisanOrderId: string;
  designSku: string;
  designName: string;
  finish: string;
  finishes: string[];
  expected: number;
  unitWeightG: number;
  tolerancePct: number;
  receivedLotId: string | null;
  receivedQty: number | null;
}

export interface Delivery {
  code: string;
  artisan: { id: string; name: string; region: string; phone: string };
  sentAt: string;
  status: 'expected' | 'receiving' | 'received';
  receivedBy: string | null;
  receivedAt: string | null;
  lines: DeliveryLine[];
  /** Lots received on this delivery that answer no line of it (unexpected items). */
  extraLots: { lotId: string; designSku: string; quantity: number }[];
  /** The artisan's open orders: what a walk-in delivery or an unexpected item is received against. */
  openOrders: { id: string; designSku: string; designName: string; finish: string; quantity: number; unitWeightG: number; tolerancePct: number }[];
}

export const noticePattern = /^(DN-\d{2}-\d{6}|W-[A-Z][A-Z0-9]{0,3}-[0-9A-Z]+)$/;

/** A delivery with its expected lines, what has been received on each, and by whom it was finished. */
export async function openDelivery(db: Db, rawCode: string): Promise<Delivery> {
  const code = rawCode.trim().toUpperCase();
  const notice = await db
    .selectFrom('delivery_notices')
    .innerJoin('artisans', 'artisans.id', 'delivery_notices.artisan_id')
    .leftJoin('users', 'users.id', 'delivery_notices.received_by')
    .select(['delivery_notices.code', 'delivery_notices.sent_at', 'delivery_notices.status', 'delivery_notices.received_at', 'users.name as received_by', 'artisans.id as artisan_id', 'artisans.name', 'artisans.region', 'artisans.phone'])
    .where('delivery_notices.code', '=', code)
    .executeTakeFirst();
  if (!notice) throw new AppError('receiving.unknownNotice', `No delivery notice ${code}`, { code });
  const lines = await db
    .selectFrom('delivery_notice_lines as l')
    .innerJoin('designs as d', 'd.sku', 'l.design_sku')
    .innerJoin('artisan_orders as o', 'o.id', 'l.artisan_order_id')
    .leftJoin('lots', 'lots.id', 'l.received_lot_id')
    .select(['l.line_no', 'l.artisan_order_id', 'l.design_sku', 'd.name', 'd.finishes', 'd.unit_weight_g', 'd.weight_tolerance_pct', 'o.finish', 'l.quantity', 'l.received_lot_id', 'lots.received_qty'])
    .where('l.notice_code', '=', code)
    .orderBy('l.line_no')
    .execute();
  const openOrders = await db
    .selectFrom('artisan_orders as o')
    .innerJoin('designs as d', 'd.sku', 'o.design_sku')
    .select(['o.id', 'o.design_sku', 'd.name', 'o.finish', 'o.quantity', 'd.unit_weight_g', 'd.weight_tolerance_pct'])
    .where('o.artisan_id', '=', notice.artisan_id)
    .where('o.status', '=', 'open')
    .orderBy('o.due_on')
    .execute();
  const lineLots = new Set(lines.map((l) => l.received_lot_id).filter(Boolean));
  const lots = await db.selectFrom('lots').select(['id', 'design_sku', 'received_qty']).where('delivery_code', '=', code).orderBy('id').execute();
  return {
    code: notice.code,
    artisan: { id: notice.artisan_id, name: notice.name, region: notice.region, phone: notice.phone },
    sentAt: notice.sent_at,
    status: notice.status as Delivery['status'],
    receivedBy: notice.received_by ?? null,
    receivedAt: notice.received_at,
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      artisanOrderId: l.artisan_order_id,
      designSku: l.design_sku,
      designName: l.name,
      finish: l.finish,
      finishes: JSON.parse(l.finishes) as string[],
      expected: l.quantity,
      unitWeightG: l.unit_weight_g,
      tolerancePct: l.weight_tolerance_pct,
      receivedLotId: l.received_lot_id,
      receivedQty: l.received_qty ?? null,
    })),
    openOrders: openOrders.map((o) => ({ id: o.id, designSku: o.design_sku, designName: o.name, finish: o.finish, quantity: o.quantity, unitWeightG: o.unit_weight_g, tolerancePct: o.weight_tolerance_pct })),
    extraLots: lots.filter((l) => !lineLots.has(l.id)).map((l) => ({ lotId: l.id, designSku: l.design_sku, quantity: l.received_qty })),
  };
}

/**
 * Artisans whose name or id matches what the clerk typed, with how many orders they have open and
 * what tells namesakes apart at the desk: id, region and the last digits of their phone.
 */
export async function findArtisans(db: Db, query: string): Promise<{ id: string; name: string; region: string; phoneEnd: string; openOrders: number }[]> {
  const text = query.trim();
  if (text.length < 2) return [];
  const pattern = `%${text.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
  const rows = await db
    .selectFrom('artisans')
    .leftJoin('artisan_orders', (join) => join.onRef('artisan_orders.artisan_id', '=', 'artisans.id').on('artisan_orders.status', '=', 'open'))
    .select(['artisans.id', 'artisans.name', 'artisans.region', 'artisans.phone', (eb) => eb.fn.count<number>('artisan_orders.id').as('open')])
    .where((eb) => eb.or([eb('artisans.name', 'like', pattern), eb('artisans.id', '=', text.toUpperCase())]))
    .groupBy('artisans.id')
    .orderBy('artisans.name')
    .limit(12)
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, region: r.region, phoneEnd: r.phone.replace(/\D/g, '').slice(-4), openOrders: Number(r.open) }));
}
