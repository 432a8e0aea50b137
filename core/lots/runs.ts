import { AppError } from '../kernel/errors';
import type { Trx } from '../db/schema';

/**
 * Marks that a lot's pieces go with a run (`batch:ID` starting, `box:ID` shipping), before they
 * move; `refusal` is thrown if they already went with it (another station ran it first, in the
 * upstream's order). The mark goes with the lot's row, so a recomputed lot marks it again.
 */
export async function joinRun(trx: Trx, lotId: string, run: string, refusal: () => AppError): Promise<void> {
  const lot = await trx.selectFrom('lots').select('id').where('id', '=', lotId).executeTakeFirst();
  if (!lot) throw new AppError('lot.notFound', `No lot ${lotId}`, { lot: lotId });
  const joined = await trx.insertInto('lot_runs').values({ lot_id: lotId, run }).onConflict((oc) => oc.columns(['lot_id', 'run']).doNothing()).executeTakeFirst();
  if (joined.numInsertedOrUpdatedRows === 0n) throw refusal();
}
