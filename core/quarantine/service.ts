import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../kernel/errors';
import type { Ctx } from '../app/context';
import type { Db } from '../db/schema';
import { readPayload } from '../events/payload';
import { lotReceived } from '../lots/events';
import { printQueued } from '../printing/events';
import type { QuarantinedLot } from './contract';
import { quarantineDecided } from './events';

const minReasonLength = 5;

/** The lots holding quarantined pieces, oldest first, with why the desk put them there; and the designs they may become. */
export async function quarantineList(db: Db): Promise<{ lots: QuarantinedLot[]; designs: { sku: string; name: string; finishes: string[] }[] }> {
  const designs = await db.selectFrom('designs').select(['sku', 'name', 'finishes']).orderBy('sku').execute();
  return { lots: await quarantinedLots(db), designs: designs.map((d) => ({ sku: d.sku, name: d.name, finishes: JSON.parse(d.finishes) as string[] })) };
}

async function quarantinedLots(db: Db): Promise<QuarantinedLot[]> {
  const lots = await db
    .selectFrom('lots')
    .innerJoin('artisans', 'artisans.id', 'lots.artisan_id')
    .innerJoin('designs', 'designs.sku', 'lots.design_sku')
    .select(['lots.id', 'lots.design_sku', 'designs.name as design_name', 'lots.finish', 'lots.artisan_id', 'artisans.name as artisan_name', 'lots.quarantine', 'lots.received_at', 'lots.delivery_code'])
    .where('lots.quarantine', '>', 0)
    .orderBy('lots.received_at')
    .limit(500)
    .execute();
  const receipts = lots.length
    ? await db.selectFrom('events').select(['lot_id', 'payload']).where('type', '=', lotReceived.type).where('lot_id', 'in', lots.map((l) => l.id)).execute()
    : [];
  // A receipt this Karakana cannot read gives no reason: the lot is listed all the same.
  const variances = new Map(receipts.map((r) => [r.lot_id, readPayload(lotReceived, JSON.parse(r.payload))?.payload.variance ?? null]));
  return lots.map((l) => {
    const variance = variances.get(l.id);
    const why = variance?.kind === 'unexpected' || variance?.kind === 'wrongDesign' ? variance.kind : null;
    return {
      lotId: l.id,
      designSku: l.design_sku,
      designName: l.design_name,
      finish: l.finish,
      artisanId: l.artisan_id,
      artisanName: l.artisan_name,
      quantity: l.quarantine,
      receivedAt: l.received_at,
      deliveryCode: l.delivery_code,
      why,
      note: variance?.note ?? null,
    };
  });
}

export interface QuarantineDecision {
  lotId: string;
  outcome: 'in_qc' | 'returned' | 'scrapped';
  designSku?: string | undefined;
  finish?: string | undefined;
  reason: string;
}

/**
 * Moves every quarantined piece of a lot on to QC (as the design chosen), back to the artisan
 * (with a return note queued for the receipt printer) or to scrap, with the supervisor's reason.
 */
export async function decideQuarantine(ctx: Ctx, d: QuarantineDecision): Promise<{ returnNoteJobId: string | null }> {
  const reason = d.reason.trim();
  if (reason.length < minReasonLength) throw new AppError('quarantine.reasonNeeded', 'A reason of at least 5 characters is needed', { min: minReasonLength });
  const lotId = d.lotId.toUpperCase();
  const lot = await ctx.db
    .selectFrom('lots')
    .innerJoin('artisans', 'artisans.id', 'lots.artisan_id')
    .select(['lots.id', 'lots.design_sku', 'lots.finish', 'lots.quarantine', 'artisans.name as artisan_name'])
    .where('lots.id', '=', lotId)
    .executeTakeFirst();
  if (!lot) throw new AppError('lot.notFound', `No lot ${lotId}`, { lot: lotId });
  if (lot.quarantine === 0) throw new AppError('quarantine.nothingHeld', `Lot ${lotId} has no pieces in quarantine`, { lot: lotId });
  const designSku = d.outcome === 'in_qc' && d.designSku ? d.designSku.toUpperCase() : lot.design_sku;
  const finish = d.outcome === 'in_qc' && d.finish ? d.finish : lot.finish;
  return ctx.write(async ({ actor, record, trx }) => {
    await record(quarantineDecided, { lotId, to: d.outcome, quantity: lot.quarantine, designSku, finish, reason });
    if (d.outcome !== 'returned') return { returnNoteJobId: null };
    const jobId = uuidv7();
    const supervisor = await trx.selectFrom('users').select('name').where('id', '=', actor.userId).executeTakeFirst();
    // The data of the labels layer's return-note template (core/labels/templates/returnNote.ts).
    await record(printQueued, {
      jobId,
      template: 'return-note',
      printer: 'receipt',
      lotId,
      data: {
        noteId: `RN-${lotId.slice(2)}-Q`,
        artisan: lot.artisan_name,
        date: actor.now().toISOString().slice(0, 10),
        clerk: supervisor?.name ?? actor.userId,
        lines: [{ lotId, designSku: lot.design_sku, quantity: lot.quarantine, reason }],
      },
    });
    return { returnNoteJobId: jobId };
  });
}
