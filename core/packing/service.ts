import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../kernel/errors';
import type { Ctx, WriteTransaction } from '../app/context';
import type { Db, Trx } from '../db/schema';
import { parseLotId } from '../lots/lotId';
import { printQueued, type PrinterJob, type PrintTemplate } from '../printing/events';
import { allocateOrder } from './allocation';
import { parsePackCode } from './codes';
import { allocationPinned, binPattern, boxOpened, boxShipped, boxTypeSet, gs1PrefixSet, lotPutAway, lotShipped, piecesPacked, piecesUnpacked, weightOverridden } from './events';
import { openOrder, orderBoxes } from './order';
import { boxPaperwork, type BoxPaperwork } from './paperwork';
import { boxSscc, gs1Prefix, gs1PrefixPattern, nextSerial } from './sscc';

// The packing table's writes. Everything is checked before anything is recorded: a refused scan
// changes nothing. Each write is one transaction: the facts, the lot moves and the print jobs.

async function openBoxRow(db: Db, boxId: string) {
  const box = await db.selectFrom('boxes').selectAll().where('id', '=', boxId).executeTakeFirst();
  if (!box) throw new AppError('packing.boxNotFound', 'That box is not in this store', {});
  if (box.status === 'shipped') throw new AppError('packing.alreadyShipped', `That box of ${box.order_id} has already shipped`, { order: box.order_id });
  return box;
}

async function findLot(db: Db, code: string) {
  const lot = await db.selectFrom('lots').select(['id', 'design_sku', 'finish', 'finished']).where('id', '=', code).executeTakeFirst();
  if (!lot) throw new AppError('packing.lotNotFound', `No lot ${code}`, { code });
  return lot;
}

export async function openBox(ctx: Ctx, orderId: string, boxType: string): Promise<string> {
  const { order } = await openOrder(ctx.db, orderId);
  if (order.status === 'shipped') throw new AppError('packing.orderShipped', `Order ${order.id} has shipped in full`, { order: order.id });
  const type = await ctx.db.selectFrom('box_types').select('code').where('code', '=', boxType).executeTakeFirst();
  if (!type) throw new AppError('packing.unknownBoxType', `No box type ${boxType}`, { type: boxType });
  const boxId = uuidv7();
  await ctx.write(({ record }) => record(boxOpened, { boxId, orderId: order.id, boxType }));
  return boxId;
}

export type ScanResult = { status: 'packed'; lineNo: number; lotId: string; quantity: number } | { status: 'askQuantity'; lineNo: number; lotId: string; max: number };

/**
 * One scan at the box: a piece tag counts one piece, a lot label the pieces of that lot allocated
 * to the line (or, for a lot not allocated to it, as many as the packer says). Refused, and
 * nothing counted: an unknown code, another design or finish, a lot without that many finished
 * pieces, more than the line still needs, pieces held for an order due earlier.
 */
export async function scanIntoBox(ctx: Ctx, input: { boxId: string; code: string; quantity: number | null }): Promise<ScanResult> {
  const box = await openBoxRow(ctx.db, input.boxId);
  const code = parsePackCode(input.code);
  if (!code) throw new AppError('packing.unknownCode', `"${input.code}" is not a lot label or a piece tag`, { code: input.code.trim().slice(0, 60) });
  const lot = await findLot(ctx.db, code.lotId);
  if (code.kind === 'tag' && (code.designSku !== lot.design_sku || code.finish !== lot.finish))
    throw new AppError('packing.tagMismatch', `The tag says ${code.designSku} ${code.finish}, lot ${lot.id} is ${lot.design_sku} ${lot.finish}`, {
      lot: lot.id,
      design: lot.design_sku,
      finish: lot.finish,
    });
  const allocation = await allocateOrder(ctx.db, box.order_id);
  const lines = allocation.lines.filter((l) => l.designSku === lot.design_sku && l.finish === lot.finish);
  if (!lines.length)
    throw new AppError('packing.wrongItem', `${lot.id} is ${lot.design_sku} ${lot.finish}: not on order ${box.order_id}`, { lot: lot.id, design: lot.design_sku, finish: lot.finish, order: box.order_id });
  if (lot.finished === 0) throw new AppError('packing.notFinished', `${lot.id} has no finished pieces`, { lot: lot.id, finished: 0, quantity: input.quantity ?? 1 });
  const line = lines.find((l) => l.need > 0);
  if (!line) throw new AppError('packing.tooMany', `Line ${lines[0]!.lineNo} of ${box.order_id} is complete`, { order: box.order_id, line: lines[0]!.lineNo, remaining: 0, quantity: input.quantity ?? 1 });
  const held = allocation.heldElsewhere.get(lot.id);
  const free = lot.finished - (held?.quantity ?? 0);
  const allocated = line.lots.filter((l) => l.lotId === lot.id).reduce((n, l) => n + l.quantity, 0);
  const quantity = code.kind === 'tag' ? 1 : (input.quantity ?? (allocated > 0 ? Math.min(allocated, line.need) : null));
  if (quantity === null) return { status: 'askQuantity', lineNo: line.lineNo, lotId: lot.id, max: Math.max(0, Math.min(free, line.need)) };
  if (quantity > line.need)
    throw new AppError('packing.tooMany', `Line ${line.lineNo} of ${box.order_id} needs ${line.need} more, not ${quantity}`, { order: box.order_id, line: line.lineNo, remaining: line.need, quantity });
  if (quantity > lot.finished) throw new AppError('packing.notFinished', `${lot.id} has ${lot.finished} finished pieces, not ${quantity}`, { lot: lot.id, finished: lot.finished, quantity });
  if (quantity > free)
    throw new AppError('packing.heldElsewhere', `${lot.id} has ${free} pieces free; the rest are for ${held!.orderId}`, { lot: lot.id, free, order: held!.orderId });
  await ctx.write(({ record }) => record(piecesPacked, { boxId: box.id, orderId: box.order_id, lineNo: line.lineNo, lotId: lot.id, quantity, via: code.kind, moves: true }));
  return { status: 'packed', lineNo: line.lineNo, lotId: lot.id, quantity };
}

/** How far a weight is from what the box should weigh, and whether that is within its tolerance. */
function weighAgainst(box: { expectedG: number; toleranceG: number }, grams: number) {
  const differenceG = Math.round((grams - box.expectedG) * 10) / 10;
  return { expectedG: box.expectedG, toleranceG: box.toleranceG, differenceG, ok: Math.abs(differenceG) <= box.toleranceG };
}

export async function checkWeight(db: Db, boxId: string, grams: number) {
  const box = await db.selectFrom('boxes').select('order_id').where('id', '=', boxId).executeTakeFirst();
  if (!box) throw new AppError('packing.boxNotFound', 'That box is not in this store', {});
  return weighAgainst((await orderBoxes(db, box.order_id)).find((b) => b.id === boxId)!, grams);
}

/** A box outside its tolerance ships only with a supervisor's (or an admin's) reason of at least 5 characters. */
function overrideOrRefuse(ctx: Ctx, override: { reason: string } | null, check: ReturnType<typeof weighAgainst> & { grams: number }): void {
  const params = { grams: check.grams, expected: check.expectedG, tolerance: check.toleranceG, difference: check.differenceG > 0 ? `+${check.differenceG}` : String(check.differenceG) };
  if (!override)
    throw new AppError('packing.weightNeedsOverride', `The box weighs ${check.grams} g, ${params.difference} g off the ${check.expectedG} ± ${check.toleranceG} g expected: weigh it again, or a supervisor overrides with a reason`, params);
  if (!ctx.user().roles.some((r) => r === 'supervisor' || r === 'admin')) throw new AppError('packing.overrideNotAllowed', 'Only a supervisor or an admin may override', {});
  if (override.reason.trim().length < 5) throw new AppError('packing.overrideReasonShort', 'Say why in at least 5 characters', { min: 5 });
}

// As carriers print them, and as our shipping label's barcode carries them: letters and digits.
const trackingPattern = /^[A-Z0-9]{6,40}$/;

export interface Shipment {
  boxId: string;
  service: string;
  trackingNumber: string | null;
  weighing: { grams: number; method: 'scale' | 'hand' } | null;
  /** A supervisor's reason to ship a box whose weight is outside its tolerance. */
  override?: { reason: string } | null;
}

/**
 * Hands a box to the carrier: the pieces move packed -> shipped, the box records service,
 * tracking number, weight and its SSCC, and its paperwork is queued: the carrier's own label as
 * it came (or ours), the packing slip, and outside Kenya the customs declaration. A box weighing
 * outside its tolerance ships only with a supervisor's override, recorded with the shipment.
 */
export async function shipBox(ctx: Ctx, shipment: Shipment) {
  const box = await openBoxRow(ctx.db, shipment.boxId);
  const view = await openOrder(ctx.db, box.order_id);
  const found = view.boxes.find((b) => b.id === box.id)!;
  if (found.pieces === 0) throw new AppError('packing.nothingPacked', 'Nothing is packed in this box yet', { order: box.order_id });
  if (!shipment.weighing) throw new AppError('packing.weightRequired', 'Weigh the box before it ships', {});
  const carrier = view.carrierLabel
    ? await ctx.db.selectFrom('carrier_labels').selectAll().where('tracking_number', '=', view.carrierLabel.trackingNumber).executeTakeFirstOrThrow()
    : null;
  const trackingNumber = carrier?.tracking_number ?? shipment.trackingNumber?.trim().toUpperCase() ?? '';
  if (!trackingNumber) throw new AppError('packing.trackingRequired', 'Scan or type the tracking number from the carrier’s label', {});
  if (!carrier && !trackingPattern.test(trackingNumber))
    throw new AppError('packing.badTracking', `"${trackingNumber}" is not a tracking number`, { code: trackingNumber.slice(0, 60) });
  const service = carrier?.service ?? shipment.service;
  const weightG = Math.round(shipment.weighing.grams * 10) / 10;
  const check = weighAgainst(found, weightG);
  if (!check.ok) overrideOrRefuse(ctx, shipment.override ?? null, { ...check, grams: weightG });
  return ctx.write(async (tx) => {
    const at = tx.actor.now().toISOString();
    if (!check.ok)
      await tx.record(weightOverridden, { boxId: box.id, orderId: box.order_id, weightG, expectedG: found.expectedG, toleranceG: found.toleranceG, reason: shipment.override!.reason.trim() });
    const sscc = await issueSscc(tx.trx, tx.actor.station);
    // The packs in the box as this table sees it, named, so that one packed elsewhere meanwhile is not taken for shipped.
    const packs = await tx.trx.selectFrom('packed_items').select(['id', 'lot_id', 'quantity']).where('box_id', '=', box.id).orderBy('id').execute();
    const shipping = { boxId: box.id, orderId: box.order_id, service, trackingNumber, weightG, weighing: shipment.weighing!.method, expectedG: found.expectedG, carrierLabel: !!carrier };
    await tx.record(boxShipped, { ...shipping, ...sscc, packs: packs.map((pack) => pack.id) });
    const byLot = new Map<string, { quantity: number; packs: string[] }>();
    for (const pack of packs) {
      const lot = byLot.get(pack.lot_id) ?? { quantity: 0, packs: [] };
      byLot.set(pack.lot_id, { quantity: lot.quantity + pack.quantity, packs: [...lot.packs, pack.id] });
    }
    for (const [lotId, { quantity, packs }] of byLot)
      await tx.record(lotShipped, { boxId: box.id, orderId: box.order_id, lotId, quantity, packs, reason: `Shipped to ${view.order.customer}, ${trackingNumber}` });
    const packer = await tx.trx.selectFrom('users').select('name').where('id', '=', tx.actor.userId).executeTakeFirstOrThrow();
    const order = await tx.trx.selectFrom('customer_orders').select('status').where('id', '=', box.order_id).executeTakeFirstOrThrow();
    const shipped = view.boxes.filter((b) => b.status === 'shipped').length + 1;
    const place = { box: shipped, boxes: order.status === 'shipped' ? shipped : null };
    const paperwork = await boxPaperwork(tx.trx, view, found, { service, trackingNumber, weightG, packer: packer.name, at, sscc: sscc.sscc ?? null, ...place });
    const jobs = await queuePaperwork(tx.record, carrier, paperwork);
    return { trackingNumber, jobs, orderStatus: order.status };
  });
}

/**
 * The shipped box's label and packing slip again, as they read now: "box k of n" once the order
 * has shipped in full, where the first print said "box k". The carrier's own label prints as it came.
 */
export async function reprintPaperwork(ctx: Ctx, boxId: string) {
  const row = await ctx.db.selectFrom('boxes').selectAll().where('id', '=', boxId).executeTakeFirst();
  if (!row) throw new AppError('packing.boxNotFound', 'That box is not in this store', {});
  if (row.status !== 'shipped') throw new AppError('packing.notShipped', `That box of ${row.order_id} has not shipped: its pieces stay packed`, { order: row.order_id });
  const view = await openOrder(ctx.db, row.order_id);
  const found = view.boxes.find((b) => b.id === boxId)!;
  const shipped = view.boxes.filter((b) => b.status === 'shipped').length;
  const packer = await ctx.db.selectFrom('users').select('name').where('id', '=', row.shipped_by!).executeTakeFirst();
  const carrier = await ctx.db.selectFrom('carrier_labels').selectAll().where('box_id', '=', boxId).executeTakeFirst();
  const shipment = { service: row.service!, trackingNumber: row.tracking_number!, weightG: row.weight_g!, packer: packer?.name ?? '', at: row.shipped_at!, sscc: row.sscc };
  const paperwork = await boxPaperwork(ctx.db, view, found, { ...shipment, box: found.no, boxes: view.order.status === 'shipped' ? shipped : null });
  return { jobs: await ctx.write(({ record }) => queuePaperwork(record, carrier ?? null, { ...paperwork, customs: null })) };
}

/** The box's papers into the print queue: the carrier's label as it came (or ours), the packing slip, the customs lines. */
async function queuePaperwork(record: WriteTransaction['record'], carrier: { carrier: string; tracking_number: string; zpl: string } | null, paperwork: BoxPaperwork) {
  const jobs: { jobId: string; template: PrintTemplate; printer: PrinterJob }[] = [];
  const queue = async (template: PrintTemplate, printer: PrinterJob, data: Record<string, unknown>) => {
    const jobId = uuidv7();
    await record(printQueued, { jobId, template, printer, lotId: null, data });
    jobs.push({ jobId, template, printer });
  };
  if (carrier) await queue('carrier-label', 'shipping', { carrier: carrier.carrier, tracking: carrier.tracking_number, zpl: carrier.zpl });
  else await queue('shipping-label', 'shipping', paperwork.shippingLabel);
  await queue('packing-slip', 'receipt', paperwork.packingSlip);
  if (paperwork.customs) await queue('customs-declaration', 'shipping', paperwork.customs);
  return jobs;
}

/** The SSCC this station gives the box it ships now, or none until the company's GS1 prefix is set. */
async function issueSscc(trx: Trx, station: string): Promise<{ sscc?: string; ssccSerial?: number }> {
  const prefix = await gs1Prefix(trx);
  if (!prefix) return {};
  const serial = await nextSerial(trx, station);
  const sscc = boxSscc(prefix, station, serial);
  return sscc ? { sscc, ssccSerial: serial } : {};
}

/** Takes pieces out again before they ship: one box, or every open box of the order. A reason is needed. */
export async function unpack(ctx: Ctx, input: { orderId: string; boxId: string | null; reason: string }): Promise<number> {
  const reason = input.reason.trim();
  if (!reason) throw new AppError('packing.reasonRequired', 'Say why', {});
  const { order, boxes } = await openOrder(ctx.db, input.orderId);
  if (input.boxId) {
    const box = boxes.find((b) => b.id === input.boxId);
    if (!box) throw new AppError('packing.boxNotFound', 'That box is not in this store', {});
    if (box.status === 'shipped') throw new AppError('packing.alreadyShipped', `That box of ${order.id} has already shipped`, { order: order.id });
  }
  const targets = boxes.filter((b) => b.status === 'open' && (!input.boxId || b.id === input.boxId)).map((b) => b.id);
  const items = targets.length ? await ctx.db.selectFrom('packed_items').selectAll().where('box_id', 'in', targets).execute() : [];
  if (!items.length) throw new AppError('packing.nothingPacked', 'Nothing is packed in this box yet', { order: order.id });
  await ctx.write(async ({ record }) => {
    for (const item of items) await record(piecesUnpacked, { packId: item.id, boxId: item.box_id, lotId: item.lot_id, quantity: item.quantity, reason, moves: true });
  });
  return items.reduce((n, i) => n + i.quantity, 0);
}

/** Put-away: a finished lot goes to a bin (scan the lot, then the bin). */
export async function putAway(ctx: Ctx, lotCode: string, binCode: string) {
  const code = lotCode.trim().toUpperCase();
  if (!parseLotId(code)) throw new AppError('packing.unknownCode', `"${lotCode}" is not a lot label or a piece tag`, { code: code.slice(0, 60) });
  const lot = await findLot(ctx.db, code);
  const bin = binCode.trim().toUpperCase();
  if (!binPattern.test(bin)) throw new AppError('packing.badBin', `"${bin}" is not a bin`, { code: bin.slice(0, 60) });
  if (lot.finished === 0) throw new AppError('packing.notFinished', `${lot.id} has no finished pieces`, { lot: lot.id, finished: 0, quantity: 1 });
  await ctx.write(({ record }) => record(lotPutAway, { lotId: lot.id, bin }));
  return { lotId: lot.id, bin };
}

/** A supervisor gives pieces of a lot to an order line (0 gives them back to the due-date rule), with a reason. */
export async function pinAllocation(ctx: Ctx, input: { orderId: string; lineNo: number; lotCode: string; quantity: number; reason: string }): Promise<void> {
  const reason = input.reason.trim();
  if (!reason) throw new AppError('packing.reasonRequired', 'Say why', {});
  const view = await openOrder(ctx.db, input.orderId);
  const line = view.lines.find((l) => l.lineNo === input.lineNo);
  if (!line) throw new AppError('packing.unknownLine', `Order ${view.order.id} has no line ${input.lineNo}`, { order: view.order.id, line: input.lineNo });
  const lot = await findLot(ctx.db, input.lotCode.trim().toUpperCase());
  if (lot.design_sku !== line.designSku || lot.finish !== line.finish)
    throw new AppError('packing.wrongItem', `${lot.id} is ${lot.design_sku} ${lot.finish}: not on order ${view.order.id}`, { lot: lot.id, design: lot.design_sku, finish: lot.finish, order: view.order.id });
  if (input.quantity > lot.finished)
    throw new AppError('packing.notFinished', `${lot.id} has ${lot.finished} finished pieces, not ${input.quantity}`, { lot: lot.id, finished: lot.finished, quantity: input.quantity });
  await ctx.write(({ record }) => record(allocationPinned, { lotId: lot.id, orderId: view.order.id, lineNo: line.lineNo, quantity: input.quantity, reason }));
}

/** The company's GS1 company prefix (an admin's setting): 7 to 10 digits, as GS1 issued it. */
export async function setGs1Prefix(ctx: Ctx, raw: string): Promise<void> {
  const prefix = raw.trim();
  if (!gs1PrefixPattern.test(prefix)) throw new AppError('packing.badGs1Prefix', `"${prefix}" is not a GS1 company prefix of 7 to 10 digits`, { prefix: prefix.slice(0, 20) });
  await ctx.write(({ record }) => record(gs1PrefixSet, { prefix }));
}

export async function setBoxType(ctx: Ctx, input: { code: string; name: string; packagingG: number; toleranceG: number }): Promise<void> {
  await ctx.write(({ record }) => record(boxTypeSet, input));
}
