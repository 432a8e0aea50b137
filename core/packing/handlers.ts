import { handlers } from '../api/handler';
import { boxTypes, openOrder, packingQueue } from './order';
import { checkWeight, openBox, pinAllocation, putAway, reprintPaperwork, scanIntoBox, setBoxType, setGs1Prefix, shipBox, unpack } from './service';
import { gs1Prefix } from './sscc';

// The packing procedures' handlers (joined in core/app/app.ts).
export const packingHandlers = handlers({
  'packing.queue': (_input, ctx) => packingQueue(ctx.db),
  'packing.open': (input, ctx) => openOrder(ctx.db, input.code),
  'packing.openBox': async (input, ctx) => ({ boxId: await openBox(ctx, input.orderId, input.boxType) }),
  'packing.scan': (input, ctx) => scanIntoBox(ctx, input),
  'packing.checkWeight': (input, ctx) => checkWeight(ctx.db, input.boxId, input.grams),
  'packing.ship': (input, ctx) => shipBox(ctx, input),
  'packing.reprint': (input, ctx) => reprintPaperwork(ctx, input.boxId),
  'packing.gs1Prefix': async (_input, ctx) => ({ prefix: await gs1Prefix(ctx.db) }),
  'packing.setGs1Prefix': async (input, ctx) => {
    await setGs1Prefix(ctx, input.prefix);
    return { ok: true as const };
  },
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
