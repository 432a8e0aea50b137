import { z } from 'zod';
import { AppError } from '../kernel/errors';
import { admins, packers, supervisors } from '../api/roles';
import type { Trx } from '../db/schema';
import { defineEvent, type EventDefinition, type EventEnvelope } from '../events/define';
import { readPayload } from '../events/payload';
import { lotMoved } from '../lots/events';
import { joinRun } from '../lots/runs';
import { carrierLabelIssued } from '../reference/events';
import { gs1PrefixPattern } from './sscc';

// The packing table's facts. Those about one lot (its bin, a pinned allocation, pieces into a box,
// pieces out again) carry the lot, so sync recomputes them with it; the box's own (opened, shipped)
// carry none, and sync recomputes them with the box (rebuild.ts). Each apply checks what must hold
// wherever it runs, so a second station's pack of the same pieces, a pack into a box another
// station shipped first, or a second shipment of one box, is refused and listed, never counted twice.

const id = z.string().min(1).max(64);
const lotId = z.string().min(1).max(40);

/** The bins are scanned: BIN- and a shelf code. */
export const binPattern = /^BIN-[A-Z0-9][A-Z0-9-]{0,19}$/;

export const lotPutAway = defineEvent({
  type: 'packing.putAway',
  payload: z.object({ lotId, bin: z.string().regex(binPattern) }),
  lotId: (p) => p.lotId,
  authority: { by: 'person', roles: packers },
  async apply(trx, p, e) {
    const row = { bin: p.bin, put_by: e.userId, put_at: e.at };
    await trx.insertInto('lot_bins').values({ lot_id: p.lotId, ...row }).onConflict((oc) => oc.column('lot_id').doUpdateSet(row)).execute();
  },
});

async function orderLine(trx: Trx, orderId: string, lineNo: number) {
  const line = await trx.selectFrom('customer_order_lines').selectAll().where('order_id', '=', orderId).where('line_no', '=', lineNo).executeTakeFirst();
  if (!line) throw new AppError('packing.unknownLine', `Order ${orderId} has no line ${lineNo}`, { order: orderId, line: lineNo });
  return line;
}

async function sameItem(trx: Trx, lot: string, line: { design_sku: string; finish: string; order_id: string }) {
  const row = await trx.selectFrom('lots').select(['design_sku', 'finish', 'finished']).where('id', '=', lot).executeTakeFirst();
  if (!row) throw new AppError('packing.lotNotFound', `No lot ${lot}`, { code: lot });
  if (row.design_sku !== line.design_sku || row.finish !== line.finish)
    throw new AppError('packing.wrongItem', `${lot} is ${row.design_sku} ${row.finish}: not on order ${line.order_id}`, {
      lot,
      design: row.design_sku,
      finish: row.finish,
      order: line.order_id,
    });
  return row;
}

/** A supervisor's allocation: this many of this lot go to this order line (0 releases it), with why. */
export const allocationPinned = defineEvent({
  type: 'packing.allocationPinned',
  payload: z.object({ lotId, orderId: id, lineNo: z.number().int().positive(), quantity: z.number().int().min(0).max(1_000_000), reason: z.string().min(1).max(300) }),
  lotId: (p) => p.lotId,
  authority: { by: 'person', roles: supervisors },
  async apply(trx, p, e) {
    await sameItem(trx, p.lotId, await orderLine(trx, p.orderId, p.lineNo));
    await trx.deleteFrom('allocation_pins').where('lot_id', '=', p.lotId).where('order_id', '=', p.orderId).where('line_no', '=', p.lineNo).execute();
    if (p.quantity > 0)
      await trx
        .insertInto('allocation_pins')
        .values({ lot_id: p.lotId, order_id: p.orderId, line_no: p.lineNo, quantity: p.quantity, reason: p.reason, set_by: e.userId, set_at: e.at })
        .execute();
  },
});

export const boxOpened = defineEvent({
  type: 'packing.boxOpened',
  payload: z.object({ boxId: id, orderId: id, boxType: z.string().min(1).max(40) }),
  lotId: () => null,
  authority: { by: 'person', roles: packers },
  // An empty box: it reads no lot and no appended row.
  readsLots: false,
  readsAppends: false,
  async apply(trx, p, e) {
    await trx
      .insertInto('boxes')
      .values({ id: p.boxId, order_id: p.orderId, box_type: p.boxType, status: 'open', opened_by: e.userId, opened_at: e.at, station: e.station, service: null, tracking_number: null, weight_g: null, shipped_by: null, shipped_at: null, shipped_event: null })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  },
});

/**
 * Whether the box was shipped before this fact in the upstream's order (this station's own not yet
 * acknowledged come after, as they were made). A lot recomputed after a sync replays its packs
 * with the box as it is now: one made while the box was open still fits.
 */
async function shippedBefore(trx: Trx, boxId: string, e: EventEnvelope): Promise<boolean> {
  const box = await trx.selectFrom('boxes').select(['status', 'shipped_event']).where('id', '=', boxId).executeTakeFirst();
  if (box?.status !== 'shipped') return false;
  const place = (id: string) => trx.selectFrom('events').select(['station', 'seq', 'upstream_seq']).where('id', '=', id).executeTakeFirst();
  const [ship, me] = [box.shipped_event ? await place(box.shipped_event) : undefined, await place(e.id)];
  if (!ship || !me) return true;
  if (ship.upstream_seq !== null) return me.upstream_seq === null || ship.upstream_seq < me.upstream_seq;
  // Neither placed yet: both this station's own, in the order they were made.
  return me.upstream_seq === null && ship.station === me.station && ship.seq < me.seq;
}

/**
 * Pieces packed for an order line before this fact in the upstream's order (this station's own not
 * yet acknowledged after, as they were made; rows whose pack this store does not hold, a snapshot's,
 * before). A lot recomputed after a sync replays its pack against the line as it stood then, not
 * with the packs of other lots the upstream placed after it.
 */
async function packedBefore(trx: Trx, orderId: string, lineNo: number, e: EventEnvelope): Promise<number> {
  const me = await trx.selectFrom('events').select(['upstream_seq', 'station', 'seq']).where('id', '=', e.id).executeTakeFirst();
  const { n } = await trx
    .selectFrom('packed_items')
    .leftJoin('events', 'events.id', 'packed_items.id')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('packed_items.quantity'), eb.lit(0)).as('n'))
    .where('packed_items.order_id', '=', orderId)
    .where('packed_items.line_no', '=', lineNo)
    .where('packed_items.id', '!=', e.id)
    .where((eb) => {
      if (!me) return eb.lit(true);
      const placedBefore = me.upstream_seq === null ? eb('events.upstream_seq', 'is not', null) : eb('events.upstream_seq', '<', me.upstream_seq);
      const madeBefore = eb.and([eb('events.upstream_seq', 'is', null), eb('events.station', '=', me.station), eb('events.seq', '<', me.seq)]);
      return eb.or([eb('events.id', 'is', null), placedBefore, ...(me.upstream_seq === null ? [madeBefore] : [])]);
    })
    .executeTakeFirstOrThrow();
  return Number(n);
}

async function refuseShipped(trx: Trx, boxId: string, orderId: string, e: EventEnvelope): Promise<void> {
  if (await shippedBefore(trx, boxId, e)) throw new AppError('packing.alreadyShipped', `That box of ${orderId} has already shipped`, { order: orderId });
}

/**
 * Pieces of a lot into a box, for one order line. Refused where the lot has fewer finished pieces
 * (another station packed them first), the line would get more than was ordered, or the box had
 * shipped. `moves`: the lot's pieces move finished -> packed with it, in the same fact, so a pack
 * refused moves nothing (made before, a lot.moved followed it).
 */
export const piecesPacked = defineEvent({
  type: 'packing.packed',
  payload: z.object({
    boxId: id,
    orderId: id,
    lineNo: z.number().int().positive(),
    lotId,
    quantity: z.number().int().positive().max(1_000_000),
    via: z.enum(['tag', 'label']),
    moves: z.literal(true).optional(),
  }),
  lotId: (p) => p.lotId,
  authority: { by: 'person', roles: packers },
  async apply(trx, p, e) {
    const line = await orderLine(trx, p.orderId, p.lineNo);
    const lot = await sameItem(trx, p.lotId, line);
    // The same refusal as the lot's own move would give (another station packed these pieces first).
    if (lot.finished < p.quantity)
      throw new AppError('lot.notEnough', `Lot ${p.lotId} has ${lot.finished} pieces in finished, not ${p.quantity}`, { lot: p.lotId, state: 'finished', available: lot.finished, quantity: p.quantity });
    const remaining = line.quantity - (await packedBefore(trx, p.orderId, p.lineNo, e));
    if (p.quantity > remaining)
      throw new AppError('packing.tooMany', `Line ${p.lineNo} of ${p.orderId} needs ${remaining} more, not ${p.quantity}`, { order: p.orderId, line: p.lineNo, remaining, quantity: p.quantity });
    await refuseShipped(trx, p.boxId, p.orderId, e);
    if (p.moves) await lotMoved.apply(trx, { lotId: p.lotId, from: 'finished', to: 'packed', quantity: p.quantity, reason: `Packed for ${p.orderId}` }, e);
    await trx
      .insertInto('packed_items')
      .values({ id: e.id, box_id: p.boxId, order_id: p.orderId, line_no: p.lineNo, lot_id: p.lotId, quantity: p.quantity, packed_by: e.userId, packed_at: e.at })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  },
});

/** Pieces taken out of a box before it ships; refused once it has. `moves`: the lot's pieces move packed -> finished with it. */
export const piecesUnpacked = defineEvent({
  type: 'packing.unpacked',
  payload: z.object({ packId: id, boxId: id, lotId, quantity: z.number().int().positive(), reason: z.string().min(1).max(300), moves: z.literal(true).optional() }),
  lotId: (p) => p.lotId,
  authority: { by: 'person', roles: packers },
  async apply(trx, p, e) {
    const box = await trx.selectFrom('boxes').select('order_id').where('id', '=', p.boxId).executeTakeFirst();
    if (box) await refuseShipped(trx, p.boxId, box.order_id, e);
    const removed = await trx.deleteFrom('packed_items').where('id', '=', p.packId).where('box_id', '=', p.boxId).executeTakeFirst();
    if (removed.numDeletedRows === 0n) throw new AppError('packing.notPacked', `Nothing of ${p.lotId} is in that box any more`, { lot: p.lotId });
    if (p.moves) await lotMoved.apply(trx, { lotId: p.lotId, from: 'packed', to: 'finished', quantity: p.quantity, reason: `Unpacked: ${p.reason}` }, e);
  },
});

/** A box handed to the carrier: its weight, service and tracking number. Refused for a box already shipped. */
export const boxShipped = defineEvent({
  type: 'packing.shipped',
  payload: z.object({
    boxId: id,
    orderId: id,
    service: z.string().min(1).max(80),
    trackingNumber: z.string().min(1).max(60),
    weightG: z.number().positive().max(100_000),
    weighing: z.enum(['scale', 'hand']),
    expectedG: z.number().min(0),
    carrierLabel: z.boolean(),
    /** The box's SSCC and the shipping station's serial behind it (none before schema 21, or without a GS1 prefix). */
    sscc: z.string().regex(/^\d{18}$/).optional(),
    ssccSerial: z.number().int().positive().optional(),
    /** Every pack in the box as the shipping table saw it, of every lot (none in shipments made before they were named). */
    packs: z.array(id).max(10_000).optional(),
  }),
  lotId: () => null,
  authority: { by: 'person', roles: packers },
  // A pack into the box made at another table while apart, and placed before the shipment, did not
  // leave with it: taken out in its lot's own history, where its lot's shipment (lotShipped) has not already.
  async consequences(trx, p) {
    if (!p.packs) return [];
    const strays = await trx.selectFrom('packed_items').select(['id', 'lot_id', 'quantity']).where('box_id', '=', p.boxId).where('id', 'not in', [...p.packs, '']).orderBy('id').execute();
    return strays.map((stray) => ({ definition: packLeftOut as EventDefinition<never>, payload: { packId: stray.id, boxId: p.boxId, orderId: p.orderId, lotId: stray.lot_id, quantity: stray.quantity } }));
  },
  async apply(trx, p, e) {
    const sscc = p.sscc && p.ssccSerial ? { sscc: p.sscc, sscc_station: e.station, sscc_serial: p.ssccSerial } : {};
    const done = await trx
      .updateTable('boxes')
      .set({ status: 'shipped', service: p.service, tracking_number: p.trackingNumber, weight_g: p.weightG, shipped_by: e.userId, shipped_at: e.at, shipped_event: e.id, ...sscc })
      .where('id', '=', p.boxId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (done.numUpdatedRows === 0n) throw new AppError('packing.alreadyShipped', `That box of ${p.orderId} has already shipped`, { order: p.orderId });
    if (p.carrierLabel) await trx.updateTable('carrier_labels').set({ box_id: p.boxId }).where('tracking_number', '=', p.trackingNumber).execute();
    await settleOrderStatus(trx, p.orderId);
  },
});

/** The order is shipped once every piece it asked for is in a shipped box, partly shipped once some are. */
export async function settleOrderStatus(trx: Trx, orderId: string): Promise<void> {
  const lines = await trx.selectFrom('customer_order_lines').select((eb) => eb.fn.sum<number>('quantity').as('n')).where('order_id', '=', orderId).executeTakeFirstOrThrow();
  const shipped = await trx
    .selectFrom('packed_items')
    .innerJoin('boxes', 'boxes.id', 'packed_items.box_id')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('packed_items.quantity'), eb.lit(0)).as('n'))
    .where('packed_items.order_id', '=', orderId)
    .where('boxes.status', '=', 'shipped')
    .executeTakeFirstOrThrow();
  const boxShipped = await trx.selectFrom('boxes').select('id').where('order_id', '=', orderId).where('status', '=', 'shipped').executeTakeFirst();
  const status = Number(shipped.n) >= Number(lines.n) ? 'shipped' : boxShipped ? 'partial' : 'open';
  await trx.updateTable('customer_orders').set({ status }).where('id', '=', orderId).execute();
}

/** A pack out of the shipped box it did not leave in: its pieces finished stock again, the order's status counted again. */
async function takeOut(trx: Trx, pack: { id: string; lotId: string; quantity: number }, box: { id: string; orderId: string }, e: EventEnvelope): Promise<void> {
  const removed = await trx.deleteFrom('packed_items').where('id', '=', pack.id).where('box_id', '=', box.id).executeTakeFirst();
  if (removed.numDeletedRows === 0n) return;
  await lotMoved.apply(trx, { lotId: pack.lotId, from: 'packed', to: 'finished', quantity: pack.quantity, reason: `Not in box ${box.id} when it shipped` }, e);
  await settleOrderStatus(trx, box.orderId);
}

/** The lot's packs into a shipped box that its shipment did not name. */
async function takeBackUnshipped(trx: Trx, lotId: string, box: { id: string; orderId: string }, shipped: readonly string[], e: EventEnvelope): Promise<void> {
  const strays = await trx.selectFrom('packed_items').select(['id', 'quantity']).where('lot_id', '=', lotId).where('box_id', '=', box.id).where('id', 'not in', [...shipped, '']).execute();
  for (const stray of strays) await takeOut(trx, { id: stray.id, lotId, quantity: stray.quantity }, box, e);
}

/**
 * The lot's packs the shipping table saw in the box that are out of it now: un-packed at another
 * table while apart, placed before the shipment. The box left with them as it was weighed, so they
 * are put back as they were packed (read from their own fact, applied here). One whose fact this
 * store does not hold yet (a station started from a snapshot) stays out: the shipment's move is
 * then left out as a conflict until the lot's history arrives and it is recomputed.
 */
async function putBackShipped(trx: Trx, lotId: string, box: { id: string; orderId: string }, shipped: readonly string[], e: EventEnvelope): Promise<void> {
  const inBox = new Set((await trx.selectFrom('packed_items').select('id').where('id', 'in', [...shipped, '']).execute()).map((pack) => pack.id));
  const out = shipped.filter((id) => !inBox.has(id));
  if (!out.length) return;
  const facts = await trx.selectFrom('events').select(['id', 'payload', 'user_id', 'at']).where('id', 'in', out).where('type', '=', piecesPacked.type).where('status', '=', 'applied').orderBy('id').execute();
  for (const fact of facts) {
    const pack = readPayload(piecesPacked, JSON.parse(fact.payload))?.payload;
    if (!pack || pack.boxId !== box.id || pack.lotId !== lotId) continue;
    await lotMoved.apply(trx, { lotId, from: 'finished', to: 'packed', quantity: pack.quantity, reason: `In box ${box.id} when it shipped` }, e);
    await trx
      .insertInto('packed_items')
      .values({ id: fact.id, box_id: box.id, order_id: pack.orderId, line_no: pack.lineNo, lot_id: lotId, quantity: pack.quantity, packed_by: fact.user_id, packed_at: fact.at })
      .execute();
    await settleOrderStatus(trx, box.orderId);
  }
}

/**
 * A pack that its shipped box left without (boxShipped's consequences): recorded by the upstream,
 * in the lot's history, for a lot its shipping table never saw in the box. Moves nothing where the
 * pack is out of the box already (its lot's own shipment took it out).
 */
export const packLeftOut = defineEvent({
  type: 'packing.leftOut',
  payload: z.object({ packId: id, boxId: id, orderId: id, lotId, quantity: z.number().int().positive().max(1_000_000) }),
  lotId: (p) => p.lotId,
  authority: { by: 'platform' },
  async apply(trx, p, e) {
    await takeOut(trx, { id: p.packId, lotId: p.lotId, quantity: p.quantity }, { id: p.boxId, orderId: p.orderId }, e);
  },
});

/**
 * A shipped box's pieces of one lot leave packed stock: recorded with the shipment, once per lot
 * and box, so a second station's shipment of the same box moves nothing (made before, a lot.moved
 * went with the shipment). `packs`: the lot's packs in the box as the shipping table saw it (shipments
 * made before they were named have none); one of the lot's packs into the box that is not among them
 * was made at another table while apart and placed before the shipment: the box left without it,
 * so it is taken out and its pieces are finished stock again; one of them un-packed at another
 * table meanwhile is put back, as the box left with it.
 */
export const lotShipped = defineEvent({
  type: 'packing.lotShipped',
  payload: z.object({
    boxId: id,
    orderId: id,
    lotId,
    quantity: z.number().int().positive().max(1_000_000),
    packs: z.array(id).max(10_000).optional(),
    reason: z.string().max(500),
  }),
  lotId: (p) => p.lotId,
  authority: { by: 'person', roles: packers },
  async apply(trx, p, e) {
    // Its box's shipment came first (the same write): a shipment refused takes its pieces' move with it.
    const box = await trx.selectFrom('boxes').select('status').where('id', '=', p.boxId).executeTakeFirst();
    if (box?.status !== 'shipped') throw new AppError('packing.notShipped', `That box of ${p.orderId} has not shipped`, { order: p.orderId });
    await joinRun(trx, p.lotId, `box:${p.boxId}`, () => new AppError('packing.alreadyShipped', `That box of ${p.orderId} has already shipped`, { order: p.orderId }));
    const shipment = { id: p.boxId, orderId: p.orderId };
    if (p.packs) await takeBackUnshipped(trx, p.lotId, shipment, p.packs, e);
    if (p.packs) await putBackShipped(trx, p.lotId, shipment, p.packs, e);
    await lotMoved.apply(trx, { lotId: p.lotId, from: 'packed', to: 'shipped', quantity: p.quantity, reason: p.reason }, e);
  },
});

/**
 * A supervisor lets a box ship at a weight outside its tolerance, saying why: recorded with the
 * shipment it lets through (the same write), so it holds for that weight and those contents only.
 */
export const weightOverridden = defineEvent({
  type: 'packing.weightOverridden',
  payload: z.object({
    boxId: id,
    orderId: id,
    weightG: z.number().positive().max(100_000),
    expectedG: z.number().min(0).max(1_000_000),
    toleranceG: z.number().min(0).max(1_000_000),
    reason: z.string().trim().min(5).max(300),
  }),
  lotId: () => null,
  authority: { by: 'person', roles: supervisors },
  async apply(trx, p, e) {
    await refuseShipped(trx, p.boxId, p.orderId, e);
    await trx
      .updateTable('boxes')
      .set({ override_reason: p.reason, override_by: e.userId, override_at: e.at })
      .where('id', '=', p.boxId)
      .execute();
  },
});

/** The company's GS1 company prefix, for its boxes' SSCCs: the same at every station. */
export const gs1PrefixSet = defineEvent({
  type: 'packing.gs1PrefixSet',
  payload: z.object({ prefix: z.string().regex(gs1PrefixPattern) }),
  lotId: () => null,
  authority: { by: 'person', roles: admins },
  async apply(trx, p) {
    await trx.insertInto('packing_settings').values({ id: 1, gs1_prefix: p.prefix }).onConflict((oc) => oc.column('id').doUpdateSet({ gs1_prefix: p.prefix })).execute();
  },
});

/** The packaging a box type adds to the weight, and how far off a box may weigh. */
export const boxTypeSet = defineEvent({
  type: 'packing.boxTypeSet',
  payload: z.object({ code: z.string().min(1).max(40), name: z.string().min(1).max(80), packagingG: z.number().min(0).max(10_000), toleranceG: z.number().min(0).max(10_000) }),
  lotId: () => null,
  authority: { by: 'person', roles: supervisors },
  async apply(trx, p) {
    const row = { name: p.name, packaging_g: p.packagingG, tolerance_g: p.toleranceG };
    await trx.insertInto('box_types').values({ code: p.code, ...row }).onConflict((oc) => oc.column('code').doUpdateSet(row)).execute();
  },
});

// The packing events (joined in core/events/catalog.ts), and the carrier labels that come for them.
export const packingEvents = [lotPutAway, allocationPinned, boxOpened, piecesPacked, piecesUnpacked, boxShipped, lotShipped, packLeftOut, weightOverridden, gs1PrefixSet, boxTypeSet, carrierLabelIssued] as unknown as EventDefinition<never>[];
