import { handlers } from '../api/handler';
import type { DeskScale } from '../devices/deskScale';
import { artisanPage } from './artisanPage';
import { findArtisans, openDelivery } from './delivery';
import { finishDelivery, openWalkIn, receiveLine } from './service';

export function receivingHandlers(scale: DeskScale) {
  return handlers({
    'receiving.open': (input, ctx) => openDelivery(ctx.db, input.code),
    'receiving.artisans': (input, ctx) => findArtisans(ctx.db, input.query),
    'receiving.walkIn': async (input, ctx) => ({ code: await openWalkIn(ctx, input.artisanId) }),
    'receiving.receive': (input, ctx) => receiveLine(ctx, input),
    'receiving.finish': (input, ctx) => finishDelivery(ctx, input.code),
    'artisans.page': (input, ctx) => artisanPage(ctx.db, input.artisanId),
    'scale.capture': async () => {
      const reading = await scale.capture();
      return { grams: reading.grams ?? 0, raw: reading.raw, device: reading.device };
    },
    'scale.watch': async () => ({ device: await scale.watch() }),
    'scale.zero': async () => {
      await scale.zero();
      return { ok: true as const };
    },
    'scale.simulate': async (input) => {
      await scale.simulate(input.grams);
      return { ok: true as const };
    },
  });
}
