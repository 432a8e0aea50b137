import { AppError } from '../kernel/errors';
import type { Ctx } from '../app/context';
import type { Random } from '../demo/random';
import { openOrder, packingQueue } from './order';
import { openBox, putAway, scanIntoBox, shipBox, unpack } from './service';

// What the packing table does in `hq simulate`: finished lots put away in bins, and orders packed
// from their pick lists and shipped (now and then un-packed instead). Only valid operations: a
// refusal (stock held for another order, a line already complete) is what a packer would see, and
// is passed over.

/** One packing operation; false when there was nothing to do. */
export async function simulatePacking(ctx: Ctx, random: Random): Promise<boolean> {
  try {
    return random.chance(0.4) ? await simulatePutAway(ctx, random) : await simulateShipment(ctx, random);
  } catch (error) {
    if (error instanceof AppError) return false;
    throw error;
  }
}

async function simulatePutAway(ctx: Ctx, random: Random): Promise<boolean> {
  const lots = await ctx.db
    .selectFrom('lots')
    .leftJoin('lot_bins', 'lot_bins.lot_id', 'lots.id')
    .select('lots.id')
    .where('lots.finished', '>', 0)
    .where('lot_bins.bin', 'is', null)
    .limit(20)
    .execute();
  if (!lots.length) return false;
  await putAway(ctx, random.pick(lots).id, `BIN-${random.pick(['A', 'B', 'C', 'D'])}${String(random.int(1, 24)).padStart(2, '0')}`);
  return true;
}

async function simulateShipment(ctx: Ctx, random: Random): Promise<boolean> {
  const queue = await packingQueue(ctx.db);
  if (!queue.length) return false;
  const view = await openOrder(ctx.db, random.pick(queue.slice(0, 10)).id);
  const picks = view.lines.flatMap((l) => l.pick);
  if (!picks.length) return false;
  // A box on this table: another station's open box is theirs to fill.
  const boxId = view.boxes.find((b) => b.status === 'open' && b.station === view.station)?.id ?? (await openBox(ctx, view.order.id, random.pick(view.boxTypes).code));
  for (const pick of picks) await scanIntoBox(ctx, { boxId, code: pick.lotId, quantity: null }).catch((e: unknown) => ignoreRefusal(e));
  if (random.chance(0.1)) {
    await unpack(ctx, { orderId: view.order.id, boxId, reason: 'Customer changed the order' });
    return true;
  }
  const box = (await openOrder(ctx.db, view.order.id)).boxes.find((b) => b.id === boxId)!;
  if (box.pieces === 0) return false;
  const grams = Math.round(box.expectedG * (1 + (random.next() - 0.5) * 0.02) * 10) / 10;
  const tracking = `SIM${String(random.int(0, 999_999_999)).padStart(9, '0')}`;
  await shipBox(ctx, { boxId, service: view.order.service, trackingNumber: tracking, weighing: { grams, method: 'scale' } });
  return true;
}

function ignoreRefusal(error: unknown): void {
  if (!(error instanceof AppError)) throw error;
}
