import { sql } from 'kysely';
import { AppError } from '../kernel/errors';
import type { ArtisanPage } from '../api/contract';
import type { Db } from '../db/schema';

// Pieces past QC (refining onwards) are accepted and paid at their order's price; returned and
// scrapped pieces are not paid; pieces in QC or rework wait for a decision, and quarantined ones
// for a supervisor's (they may never reach QC). A lot received against no order has no price:
// its accepted pieces are counted apart, never priced at 0 as if owed nothing.
const accepted = sql<number>`lots.refining + lots.plating + lots.finished + lots.packed + lots.shipped`;
const pending = sql<number>`lots.in_qc + lots.rework`;
const payable = sql<number>`(${accepted}) * coalesce(artisan_orders.unit_price_kes, 0)`;
const unpriced = sql<number>`CASE WHEN artisan_orders.id IS NULL THEN ${accepted} ELSE 0 END`;

const sumOf = (expression: ReturnType<typeof sql<number>>) => sql<number>`coalesce(sum(${expression}), 0)`;

/** Who delivered what and what they are owed, from the lots the events built. */
export async function artisanPage(db: Db, artisanId: string): Promise<ArtisanPage> {
  const artisan = await db.selectFrom('artisans').selectAll().where('id', '=', artisanId).executeTakeFirst();
  if (!artisan) throw new AppError('artisan.notFound', `No artisan ${artisanId}`, { artisan: artisanId });
  const lots = db.selectFrom('lots').leftJoin('artisan_orders', 'artisan_orders.id', 'lots.artisan_order_id').where('lots.artisan_id', '=', artisanId);
  const totals = await lots
    .select([
      sumOf(sql`lots.received_qty`).as('received'),
      sumOf(pending).as('pendingQc'),
      sumOf(sql`lots.quarantine`).as('quarantine'),
      sumOf(accepted).as('accepted'),
      sumOf(sql`lots.returned`).as('returned'),
      sumOf(sql`lots.scrapped`).as('scrapped'),
      sumOf(payable).as('payableKes'),
      sumOf(unpriced).as('unpricedAccepted'),
    ])
    .executeTakeFirstOrThrow();
  const inspections = await db
    .selectFrom('qc_decisions')
    .select((eb) => [eb.fn.countAll<number>().as('lots'), sumOf(sql`qc_decisions.verdict = 'accept'`).as('accepted')])
    .where('artisan_id', '=', artisanId)
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
      sumOf(sql`lots.received_qty`).as('pieces'),
      sumOf(accepted).as('accepted'),
      sumOf(sql`lots.returned`).as('returned'),
      sumOf(payable).as('payableKes'),
      sumOf(unpriced).as('unpricedAccepted'),
    ])
    .where('delivery_notices.artisan_id', '=', artisanId)
    .groupBy('delivery_notices.code')
    .orderBy('delivery_notices.sent_at', 'desc')
    .limit(100)
    .execute();
  const inspected = Number(inspections.lots);
  return {
    artisan: { id: artisan.id, name: artisan.name, region: artisan.region, phone: artisan.phone, joinedOn: artisan.joined_on },
    totals: Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, Number(v)])) as ArtisanPage['totals'],
    inspections: { lots: inspected, acceptancePct: inspected ? Math.round((Number(inspections.accepted) * 1000) / inspected) / 10 : null },
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
      unpricedAccepted: Number(d.unpricedAccepted),
    })),
  };
}
