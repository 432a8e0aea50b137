import { AppError } from '../api/errors';
import type { LotState } from '../db/schema';
import type { Ctx, WriteScope } from '../app/context';
import type { EventPayload } from '../events/define';
import { lotMoved, lotReceived } from './events';
import { formatLotId, nairobiYear } from './lotId';

export type LotReceipt = Omit<EventPayload<typeof lotReceived>, 'lotId'>;

/** Creates a lot with its id from this station's own counter, in one transaction with its event. */
export async function receiveLot(ctx: Ctx, receipt: LotReceipt): Promise<string> {
  return ctx.write((scope) => receiveInScope(scope, receipt));
}

/** The same, inside a write that records more (the receiving desk queues the lot's label with it). */
export async function receiveInScope({ trx, actor, record }: WriteScope, receipt: LotReceipt): Promise<string> {
  const design = await trx.selectFrom('designs').select(['sku', 'finishes']).where('sku', '=', receipt.designSku).executeTakeFirst();
  if (!design) throw new AppError('design.notFound', `No design ${receipt.designSku}`, { sku: receipt.designSku });
  const finishes = JSON.parse(design.finishes) as string[];
  if (!finishes.includes(receipt.finish))
    throw new AppError('design.finishNotOffered', `${receipt.designSku} is not made in ${receipt.finish}`, {
      sku: receipt.designSku,
      finish: receipt.finish,
    });
  const artisan = await trx.selectFrom('artisans').select('id').where('id', '=', receipt.artisanId).executeTakeFirst();
  if (!artisan) throw new AppError('artisan.notFound', `No artisan ${receipt.artisanId}`, { artisan: receipt.artisanId });
  const station = await trx
    .updateTable('station')
    .set((eb) => ({ next_lot_number: eb('next_lot_number', '+', 1) }))
    .returning(['code', 'next_lot_number'])
    .executeTakeFirstOrThrow();
  const lotId = formatLotId({ year: nairobiYear(actor.now()), station: station.code, number: station.next_lot_number - 1 });
  await record(lotReceived, { ...receipt, lotId });
  return lotId;
}

export interface LotMove {
  lotId: string;
  from: LotState;
  to: LotState;
  quantity: number;
  reason: string | null;
}

export async function moveLot(ctx: Ctx, move: LotMove): Promise<void> {
  await ctx.write(({ record }) => record(lotMoved, move));
}
