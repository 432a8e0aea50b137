import { z } from 'zod';
import { AppError } from '../api/errors';
import { lotStates } from '../db/schema';
import { defineEvent } from '../events/define';
import { canMove, receivingStates } from './transitions';

const lotState = z.enum(lotStates);

export const lotReceived = defineEvent({
  type: 'lot.received',
  payload: z.object({
    lotId: z.string().min(1).max(40),
    designSku: z.string().min(1).max(40),
    artisanId: z.string().min(1).max(40),
    finish: z.string().min(1).max(40),
    deliveryCode: z.string().max(60).nullable(),
    quantity: z.number().int().positive().max(1_000_000),
    weightG: z.number().positive().max(1_000_000).nullable(),
    state: z.enum(receivingStates),
  }),
  lotId: (p) => p.lotId,
  async apply(trx, p, e) {
    const existing = await trx.selectFrom('lots').select('id').where('id', '=', p.lotId).executeTakeFirst();
    if (existing) throw new AppError('lot.exists', `Lot ${p.lotId} already exists`, { lot: p.lotId });
    await trx
      .insertInto('lots')
      .values({
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
      })
      .execute();
  },
});

export const lotMoved = defineEvent({
  type: 'lot.moved',
  payload: z.object({
    lotId: z.string().min(1).max(40),
    from: lotState,
    to: lotState,
    quantity: z.number().int().positive().max(1_000_000),
    reason: z.string().max(500).nullable(),
  }),
  lotId: (p) => p.lotId,
  async apply(trx, p, e) {
    if (!canMove(p.from, p.to))
      throw new AppError('lot.illegalMove', `Pieces cannot go from ${p.from} to ${p.to}`, { from: p.from, to: p.to });
    // One UPDATE guarded by the available count: never negative, and the table's CHECK keeps the balance.
    const result = await trx
      .updateTable('lots')
      .set((eb) => ({
        [p.from]: eb(eb.ref(p.from), '-', p.quantity),
        [p.to]: eb(eb.ref(p.to), '+', p.quantity),
        updated_at: e.at,
      }))
      .where('id', '=', p.lotId)
      .where(p.from, '>=', p.quantity)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) {
      const lot = await trx.selectFrom('lots').select(p.from).where('id', '=', p.lotId).executeTakeFirst();
      if (!lot) throw new AppError('lot.notFound', `No lot ${p.lotId}`, { lot: p.lotId });
      throw new AppError('lot.notEnough', `Lot ${p.lotId} has ${lot[p.from]} pieces in ${p.from}, not ${p.quantity}`, {
        lot: p.lotId,
        state: p.from,
        available: lot[p.from],
        quantity: p.quantity,
      });
    }
  },
});
