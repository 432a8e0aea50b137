import { sql } from 'kysely';
import { AppError } from '../api/errors';
import type { ArtisanPage } from '../api/contract';
import type { Db } from '../db/schema';

// Pieces past QC (refining onwards) are accepted and paid at the order's price; returned and
// scrapped pieces are not paid; pieces in QC, quarantine or rework are not decided yet.
const accepted = sql<number>`lots.refining + lots.plating + lots.finished + lots.packed + lots.shipped`;
const pending = sql<number>`lots.in_qc + lots.quarantine + lots.rework`;
const payable = sql<number>`(${accepted}) * coalesce(artisan_orders.unit_price_kes, 0)`;

/** Who delivered what and what they are owed, from the lots the events built. */
export async function artisanPage(db: Db, artisanId: string): Promise<ArtisanPage> {
  const artisan = await db.selectFrom('artisans').selectAll().where('id', '=', artisanId).executeTakeFirst();
  if (!artisan) throw new AppError('artisan.notFound', `No artisan ${artisanId}`, { artisan: artisanId });
  const lots = db.selectFrom('lots').leftJoin('artisan_orders', 'artisan_orders.id', 'lots.artisan_order_id').where('lots.artisan_id', '=', artisanId);
  const totals = await lots
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>('lots.received_qty'), sql<number>`0`).as('received'),
      eb.fn.coalesce(eb.fn.sum<number>(pending), sql<number>`0`).as('pendingQc'),
      eb.fn.coalesce(eb.fn.sum<number>(accepted), sql<number>`0`).as('accepted'),
      eb.fn.coalesce(eb.fn.sum<number>('lots.returned'), sql<number>`0`).as('returned'),
      eb.fn.coalesce(eb.fn.sum<number>('lots.scrapped'), sql<number>`0`).as('scrapped'),
      eb.fn.coalesce(eb.fn.sum<number>(payable), sql<number>`0`).as('payableKes'),
    ])
    .executeTakeFirstOrThrow();
  const deliveries = await db
    .selectFrom('delivery_notices')
    .leftJoin('lots', 'lots.delivery_code', 'delivery_notices.code')
    .leftJoin('artisan_orders', 'artisan_orders.id', 'lots.artisan_order_id')
    .select((eb) => [
      'delivery_notices.code',
      'delivery_notices.sent_at',
      'delivery_notices.status',
      'delivery_notices.received_at',
      eb.fn.count<number>('lots.id').as('lots'),
      eb.fn.coalesce(eb.fn.sum<number>('lots.received_qty'), sql<number>`0`).as('pieces'),
      eb.fn.coalesce(eb.fn.sum<number>(accepted), sql<number>`0`).as('accepted'),
      eb.fn.coalesce(eb.fn.sum<number>('lots.returned'), sql<number>`0`).as('returned'),
      eb.fn.coalesce(eb.fn.sum<number>(payable), sql<number>`0`).as('payableKes'),
    ])
    .where('delivery_notices.artisan_id', '=', artisanId)
    .groupBy('delivery_notices.code')
    .orderBy('delivery_notices.sent_at', 'desc')
    .limit(100)
    .execute();
  return {
    artisan: { id: artisan.id, name: artisan.name, region: artisan.region, phone: artisan.phone, joinedOn: artisan.joined_on },
    totals: Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, Number(v)])) as ArtisanPage['totals'],
    deliveries: deliveries.map((d) => ({
      code: d.code,
      sentAt: d.sent_at,
      status: d.status,
      receivedAt: d.received_at,
      lots: Number(d.lots),
      pieces: Number(d.pieces),
      accepted: Number(d.accepted),
      returned: Number(d.returned),
      payableKes: Number(d.payableKes),
    })),
  };
}
