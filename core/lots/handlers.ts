import { handlers } from '../api/handler';
import { lotDetail, lotsCount, lotsPage } from './queries';

export const lotHandlers = handlers({
  'lots.page': (input, ctx) => lotsPage(ctx.db, input),
  'lots.count': async (input, ctx) => ({ total: await lotsCount(ctx.db, input.filters) }),
  'lots.get': (input, ctx) => lotDetail(ctx.db, input.lotId),
});
