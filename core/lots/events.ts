import { z } from 'zod';
import { AppError } from '../kernel/errors';
import { clerks, inspectors, operators, type Role, supervisors } from '../api/roles';
import { type Lot, lotStates } from '../db/schema';
import { defineEvent, type EventEnvelope } from '../events/define';
import { applyFold } from '../events/fold';
import { canMove, receivingStates } from './transitions';

const lotState = z.enum(lotStates);

/** Pieces move by a QC decision or sort (inspectors), the refinement's final check (operators), or a supervisor's redo on the Sync screen. */
const movers = [...new Set([...inspectors, ...operators])];

// How the desk weighed, counted and found the lot against its notice, as recorded with it.
const weighing = z.object({
  method: z.enum(['scale', 'hand']),
  scaleId: z.string().max(80).nullable(),
  grossG: z.number().min(0).max(1_000_000),
  tareG: z.number().min(0).max(1_000_000),
  raw: z.string().max(200).nullable(),
});
const count = z.object({ method: z.enum(['weight', 'sample', 'hand']), unitWeightG: z.number().positive().nullable(), sampleSize: z.number().int().positive().nullable() });
const variance = z.object({
  kind: z.enum(['short', 'over', 'wrongDesign', 'unexpected']),
  reason: z.enum(['countedShort', 'artisanSentMore', 'partialDelivery', 'damagedInTransit', 'wrongItemSent', 'notOnNotice', 'other']),
  note: z.string().max(300).nullable(),
});

const receivePayload = z.object({
  lotId: z.string().min(1).max(40),
  designSku: z.string().min(1).max(40),
  artisanId: z.string().min(1).max(40),
  finish: z.string().min(1).max(40),
  deliveryCode: z.string().max(60).nullable(),
  quantity: z.number().int().positive().max(1_000_000),
  weightG: z.number().positive().max(1_000_000).nullable(),
  state: z.enum(receivingStates),
  // At the receiving desk: the order it fills, the notice line it answers, how it was weighed and counted.
  artisanOrderId: z.string().max(40).nullable().optional(),
  noticeLine: z.number().int().positive().nullable().optional(),
  weighing: weighing.nullable().optional(),
  count: count.nullable().optional(),
  variance: variance.nullable().optional(),
});

/** A new lot as received. */
function receive(lot: Lot | undefined, p: z.infer<typeof receivePayload>, e: EventEnvelope): Lot {
  if (lot) throw new AppError('lot.exists', `Lot ${p.lotId} already exists`, { lot: p.lotId });
  return {
    id: p.lotId,
    design_sku: p.designSku,
    artisan_id: p.artisanId,
    finish: p.finish,
    delivery_code: p.deliveryCode,
    received_qty: p.quantity,
    received_weight_g: p.weightG,
    received_at: e.at,
    received_by: e.userId,
    station: e.station,
    updated_at: e.at,
    in_qc: p.state === 'in_qc' ? p.quantity : 0,
    quarantine: p.state === 'quarantine' ? p.quantity : 0,
    rework: 0,
    refining: 0,
    plating: 0,
    finished: 0,
    packed: 0,
    shipped: 0,
    returned: 0,
    scrapped: 0,
    artisan_order_id: p.artisanOrderId ?? null,
    qc_round: 0,
  };
}

export const lotReceived = defineEvent({
  type: 'lot.received',
  payload: receivePayload,
  lotId: (p) => p.lotId,
  authority: { by: 'person', roles: clerks, newLot: true },
  // Received against a notice line, the receipt also marks the line: apply does that part.
  folds: (p) => !(p.deliveryCode && p.noticeLine),
  fold: receive,
  async apply(trx, p, e) {
    await applyFold(receive, (p) => p.lotId)(trx, p, e);
    if (p.deliveryCode && p.noticeLine) {
      // A notice line is received once: a double scan or a second station's receipt is refused.
      const line = await trx
        .updateTable('delivery_notice_lines')
        .set({ received_lot_id: p.lotId })
        .where('notice_code', '=', p.deliveryCode)
        .where('line_no', '=', p.noticeLine)
        // This lot itself: the same receipt applied again when the lot is recomputed after a pull.
        .where((eb) => eb.or([eb('received_lot_id', 'is', null), eb('received_lot_id', '=', p.lotId)]))
        .executeTakeFirst();
      if (line.numUpdatedRows === 0n)
        throw new AppError('receiving.lineAlreadyReceived', `Line ${p.noticeLine} of ${p.deliveryCode} is already received`, { code: p.deliveryCode, line: p.noticeLine });
    }
  },
});

const movePayload = z.object({
  lotId: z.string().min(1).max(40),
  from: lotState,
  to: lotState,
  quantity: z.number().int().positive().max(1_000_000),
  reason: z.string().max(500).nullable(),
});

/** Who may move these pieces beyond the movers: out of quarantine, only a supervisor (core/quarantine decides). */
export function leavingQuarantine(p: z.infer<typeof movePayload>): readonly Role[] | null {
  return p.from === 'quarantine' ? supervisors : null;
}

/** A lot after pieces of it moved from one state to another. */
function move(lot: Lot | undefined, p: z.infer<typeof movePayload>, e: EventEnvelope): Lot {
  if (!canMove(p.from, p.to))
    throw new AppError('lot.illegalMove', `Pieces cannot go from ${p.from} to ${p.to}`, { from: p.from, to: p.to });
  if (!lot) throw new AppError('lot.notFound', `No lot ${p.lotId}`, { lot: p.lotId });
  // Never negative: the pieces must be there to leave (the table's CHECK keeps the balance).
  if (lot[p.from] < p.quantity)
    throw new AppError('lot.notEnough', `Lot ${p.lotId} has ${lot[p.from]} pieces in ${p.from}, not ${p.quantity}`, {
      lot: p.lotId,
      state: p.from,
      available: lot[p.from],
      quantity: p.quantity,
    });
  return { ...lot, [p.from]: lot[p.from] - p.quantity, [p.to]: lot[p.to] + p.quantity, updated_at: e.at };
}

export const lotMoved = defineEvent({
  type: 'lot.moved',
  payload: movePayload,
  lotId: (p) => p.lotId,
  // Pieces leave quarantine only by a supervisor's decision (core/quarantine), never by a mover's move.
  authority: { by: 'person', roles: movers, stricter: leavingQuarantine },
  fold: move,
  apply: applyFold(move, (p) => p.lotId),
});
