import { handlers } from '../api/handler';
import { resolveScan } from './resolve';

export const scanHandlers = handlers({
  'scan.resolve': (input, ctx) => resolveScan(ctx.db, input.code),
});
