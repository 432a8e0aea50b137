import { handlers } from '../api/handler';
import { boxTypes, openOrder, packingQueue } from './order';
import { checkWeight, openBox, pinAllocation, putAway, scanIntoBox, setBoxType, shipBox, unpack } from './service';

// The packing procedures' handlers (joined in core/app/app.ts).
export const packingHandlers = handlers({
  'packing.queue': (_input, ctx) => packingQueue(ctx.db),
  'packing.open': (input, ctx) => openOrder(ctx.db, input.code),
  'packing.openBox': async (input, ctx) => ({ boxId: await openBox(ctx, input.orderId, input.boxType) }),
  'packing.scan': (input, ctx) => scanIntoBox(ctx, input),
  'packing.checkWeight': (input, ctx) => checkWeight(ctx.db, input.boxId, input.grams),
  'packing.ship': (input, ctx) => shipBox(ctx, input),
  'packing.unpack': async (input, ctx) => ({ pieces: await unpack(ctx, input) }),
  'packing.putAway': (input, ctx) => putAway(ctx, input.lotCode, input.bin),
  'packing.allocate': async (input, ctx) => {
    await pinAllocation(ctx, input);
    return { ok: true as const };
  },
  'packing.boxTypes': (_input, ctx) => boxTypes(ctx.db),
  'packing.setBoxType': async (input, ctx) => {
    await setBoxType(ctx, input);
    return { ok: true as const };
  },
});
