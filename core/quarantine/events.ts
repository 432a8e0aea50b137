import { z } from 'zod';
import { AppError } from '../kernel/errors';
import { defineEvent } from '../events/define';
import { lotMoved } from '../lots/events';
import { supervisors } from '../api/roles';

export const quarantineOutcomes = ['in_qc', 'returned', 'scrapped'] as const;

const decidedPayload = z.object({
  lotId: z.string().min(1).max(40),
  to: z.enum(quarantineOutcomes),
  quantity: z.number().int().positive().max(1_000_000),
  // Sent on to QC as a lot of this design and finish: items off the notice are often another design.
  designSku: z.string().min(1).max(40),
  finish: z.string().min(1).max(40),
  reason: z.string().trim().min(5).max(300),
});

/**
 * A supervisor's decision on quarantined pieces: on to QC (as the design chosen), back to the
 * artisan, or scrap. Only the whole lot can change its design: one lot is one design.
 */
export const quarantineDecided = defineEvent({
  type: 'quarantine.decided',
  payload: decidedPayload,
  lotId: (p) => p.lotId,
  authority: { by: 'person', roles: supervisors },
  async apply(trx, p, e) {
    const lot = await trx.selectFrom('lots').select(['design_sku', 'finish', 'received_qty', 'quarantine']).where('id', '=', p.lotId).executeTakeFirst();
    if (!lot) throw new AppError('lot.notFound', `No lot ${p.lotId}`, { lot: p.lotId });
    const redesigned = lot.design_sku !== p.designSku || lot.finish !== p.finish;
    if (redesigned && (p.to !== 'in_qc' || p.quantity !== lot.received_qty || lot.quarantine !== lot.received_qty))
      throw new AppError('quarantine.partRedesign', `Only a lot wholly in quarantine becomes another design`, { lot: p.lotId });
    if (redesigned) {
      const design = await trx.selectFrom('designs').select('finishes').where('sku', '=', p.designSku).executeTakeFirst();
      if (!design) throw new AppError('design.notFound', `No design ${p.designSku}`, { sku: p.designSku });
      if (!(JSON.parse(design.finishes) as string[]).includes(p.finish))
        throw new AppError('design.finishNotOffered', `${p.designSku} is not made in ${p.finish}`, { sku: p.designSku, finish: p.finish });
      await trx.updateTable('lots').set({ design_sku: p.designSku, finish: p.finish }).where('id', '=', p.lotId).execute();
    }
    await lotMoved.apply(trx, { lotId: p.lotId, from: 'quarantine', to: p.to, quantity: p.quantity, reason: p.reason }, e);
  },
});
