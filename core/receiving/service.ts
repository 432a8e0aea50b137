import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../kernel/errors';
import type { Ctx } from '../app/context';
import { receiveInTransaction } from '../lots/service';
import { printQueued } from '../printing/events';
import { openDelivery } from './delivery';
import { deliveryFinished, deliveryOpened } from './events';
import type { ReceivingCount, ReceivingVariance, ReceivingWeighing } from './facts';
import { deliverySummary, type DeliverySummary } from './summary';

export interface LineReceipt {
  deliveryCode: string;
  /** The notice line received, or null for an item the notice did not list. */
  lineNo: number | null;
  /** For a walk-in delivery or an unexpected item: the artisan order it is received against, if any. */
  artisanOrderId: string | null;
  designSku: string;
  finish: string;
  quantity: number;
  weighing: ReceivingWeighing | null;
  count: ReceivingCount | null;
  variance: ReceivingVariance | null;
}

/** Pieces far from what the weight says (more than half off) are a slip of the finger, not a count. */
function plausible(quantity: number, netG: number, unitWeightG: number): boolean {
  const implied = netG / unitWeightG;
  return quantity <= implied * 1.5 + 2 && quantity >= implied * 0.5 - 2;
}

/**
 * Receives one line of a delivery: the lot is created with its id, its event, and its label in
 * the print queue, in one transaction. A count that differs from the notice needs a reason; an
 * item the notice did not list, or of another design, goes to quarantine, not to QC.
 */
export async function receiveLine(ctx: Ctx, receipt: LineReceipt): Promise<{ lotId: string; state: 'in_qc' | 'quarantine' }> {
  const delivery = await openDelivery(ctx.db, receipt.deliveryCode);
  if (delivery.status === 'received')
    throw new AppError('receiving.deliveryFinished', `Delivery ${delivery.code} was finished by ${delivery.receivedBy}`, { code: delivery.code, by: delivery.receivedBy ?? '' });
  const line = receipt.lineNo === null ? null : delivery.lines.find((l) => l.lineNo === receipt.lineNo);
  if (receipt.lineNo !== null && !line) throw new AppError('receiving.unknownLine', `${delivery.code} has no line ${receipt.lineNo}`, { code: delivery.code, line: receipt.lineNo });
  if (line?.receivedLotId)
    throw new AppError('receiving.lineAlreadyReceived', `Line ${line.lineNo} of ${delivery.code} is already received`, { code: delivery.code, line: line.lineNo });
  const design = await ctx.db.selectFrom('designs').select(['unit_weight_g']).where('sku', '=', receipt.designSku).executeTakeFirst();
  if (!design) throw new AppError('design.notFound', `No design ${receipt.designSku}`, { sku: receipt.designSku });
  if (receipt.weighing) {
    const net = receipt.weighing.grossG - receipt.weighing.tareG;
    if (net <= 0) throw new AppError('receiving.nothingWeighed', 'The weight on the scale is not more than the tare');
    const unit = receipt.count?.unitWeightG ?? design.unit_weight_g;
    if (!plausible(receipt.quantity, net, unit))
      throw new AppError('receiving.absurdCount', `${receipt.quantity} pieces cannot weigh ${net} g`, { quantity: receipt.quantity, grams: Math.round(net) });
  }
  const wrongDesign = !!line && line.designSku !== receipt.designSku;
  const needed = !line ? 'unexpected' : wrongDesign ? 'wrongDesign' : receipt.quantity < line.expected ? 'short' : receipt.quantity > line.expected ? 'over' : null;
  if (needed && receipt.variance?.kind !== needed)
    throw new AppError('receiving.varianceReasonRequired', `A reason is needed: ${needed}`, { kind: needed });
  const state = needed === 'unexpected' || needed === 'wrongDesign' ? 'quarantine' : 'in_qc';
  return ctx.write(async (tx) => {
    const lotId = await receiveInTransaction(tx, {
      designSku: receipt.designSku,
      artisanId: delivery.artisan.id,
      finish: receipt.finish,
      deliveryCode: delivery.code,
      quantity: receipt.quantity,
      weightG: receipt.weighing ? Math.round((receipt.weighing.grossG - receipt.weighing.tareG) * 10) / 10 : null,
      state,
      artisanOrderId: line?.artisanOrderId ?? receipt.artisanOrderId,
      noticeLine: line?.lineNo ?? null,
      weighing: receipt.weighing,
      count: receipt.count,
      variance: needed ? receipt.variance : null,
    });
    const designName = (await tx.trx.selectFrom('designs').select('name').where('sku', '=', receipt.designSku).executeTakeFirstOrThrow()).name;
    await tx.record(printQueued, {
      jobId: uuidv7(),
      template: 'lot-label',
      printer: 'label',
      lotId,
      data: { lotId, designSku: receipt.designSku, designName, finish: receipt.finish, quantity: receipt.quantity, artisan: delivery.artisan.name, receivedAt: tx.actor.now().toISOString() },
    });
    return { lotId, state };
  });
}

const nairobiOffsetMs = 3 * 3600_000;
const dayMs = 86_400_000;

/** The instant today began in Nairobi (UTC+3, no daylight saving), as stored times are written. */
function startOfNairobiDay(now: Date): string {
  const local = now.getTime() + nairobiOffsetMs;
  return new Date(local - (local % dayMs) - nairobiOffsetMs).toISOString();
}

/**
 * An artisan at the desk with a bag and no notice: the clerk opens a delivery for them, or
 * reopens the one already open for them today (a second pick of the same artisan is not a second
 * delivery).
 */
export async function openWalkIn(ctx: Ctx, artisanId: string): Promise<string> {
  const artisan = await ctx.db.selectFrom('artisans').select('id').where('id', '=', artisanId).executeTakeFirst();
  if (!artisan) throw new AppError('artisan.notFound', `No artisan ${artisanId}`, { artisan: artisanId });
  return ctx.write(async ({ actor, record, trx }) => {
    const open = await trx
      .selectFrom('delivery_notices')
      .select('code')
      .where('artisan_id', '=', artisanId)
      .where('code', 'like', 'W-%')
      .where('status', '=', 'receiving')
      .where('sent_at', '>=', startOfNairobiDay(actor.now()))
      .orderBy('sent_at', 'desc')
      .executeTakeFirst();
    if (open) return open.code;
    const code = `W-${actor.station}-${actor.now().getTime().toString(36).toUpperCase()}`;
    await record(deliveryOpened, { code, artisanId });
    return code;
  });
}

/** Finishing a delivery queues the artisan's receipt (delivered, counted, weighed, pending QC, and by whom) and says what it came to. */
export async function finishDelivery(ctx: Ctx, code: string): Promise<DeliverySummary> {
  const delivery = await openDelivery(ctx.db, code);
  if (delivery.status === 'received')
    throw new AppError('receiving.deliveryFinished', `Delivery ${delivery.code} was finished by ${delivery.receivedBy}`, { code: delivery.code, by: delivery.receivedBy ?? '' });
  const lots = await ctx.db.selectFrom('lots').select(['id', 'design_sku', 'finish', 'received_qty', 'received_weight_g', 'quarantine']).where('delivery_code', '=', delivery.code).orderBy('id').execute();
  if (lots.length === 0) throw new AppError('receiving.nothingReceived', `Nothing was received on ${delivery.code} yet`, { code: delivery.code });
  await ctx.write(async ({ actor, record }) => {
    await record(deliveryFinished, { code: delivery.code });
    await record(printQueued, {
      jobId: uuidv7(),
      template: 'delivery-receipt',
      printer: 'receipt',
      lotId: null,
      data: {
        delivery: delivery.code,
        artisan: delivery.artisan.name,
        clerk: ctx.user().name,
        at: actor.now().toISOString(),
        lots: lots.map((l) => ({ lotId: l.id, designSku: l.design_sku, finish: l.finish, pieces: l.received_qty, grams: l.received_weight_g, pendingQc: l.received_qty - l.quarantine, quarantine: l.quarantine })),
        notDelivered: delivery.lines.filter((l) => !l.receivedLotId).map((l) => ({ line: l.lineNo, designSku: l.designSku, expected: l.expected })),
      },
    });
  });
  return deliverySummary(delivery, lots);
}
