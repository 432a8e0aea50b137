import type { Ctx } from '../app/context';
import type { LotState } from '../db/schema';
import type { Random } from '../demo/random';
import { lotMoved } from '../lots/events';
import { receiveInTransaction } from '../lots/service';

/** The way one piece of each lot goes: four legal moves after its receipt. */
const path: readonly LotState[] = ['in_qc', 'refining', 'plating', 'finished', 'packed'];
const eventsPerLot = path.length;

/**
 * A day's work at a desk, fast: `events` events recorded through the one write path (ctx.write,
 * record(), the projections), as receipts of new lots and moves of their pieces along the line.
 * Many events share a transaction (setup only: the sync cases measure what happens to them after).
 */
export async function recordLocalWork(ctx: Ctx, events: number, random: Random, perTransaction = 1_000): Promise<{ lots: string[]; events: number }> {
  const designs = await ctx.db.selectFrom('designs').select(['sku', 'finishes']).execute();
  const artisans = await ctx.db.selectFrom('artisans').select('id').execute();
  if (!designs.length || !artisans.length) throw new Error('The station has no designs or artisans: pull the reference data first');
  const lots: string[] = [];
  let recorded = 0;
  while (recorded < events) {
    const lotsNow = Math.min(Math.ceil(perTransaction / eventsPerLot), Math.ceil((events - recorded) / eventsPerLot));
    await ctx.write(async (tx) => {
      for (let i = 0; i < lotsNow && recorded < events; i++) {
        const design = random.pick(designs);
        const lotId = await receiveInTransaction(tx, {
          designSku: design.sku,
          artisanId: random.pick(artisans).id,
          finish: random.pick(JSON.parse(design.finishes) as string[]),
          deliveryCode: null,
          quantity: random.int(4, 40) * 5,
          weightG: null,
          state: 'in_qc',
        });
        lots.push(lotId);
        recorded++;
        for (let step = 1; step < path.length && recorded < events; step++, recorded++)
          await tx.record(lotMoved, { lotId, from: path[step - 1]!, to: path[step]!, quantity: 1, reason: null });
      }
    });
  }
  return { lots, events: recorded };
}
