import { handlers } from '../api/handler';
import { decideQuarantine, quarantineList } from './service';

// The quarantine procedures' handlers (joined in core/app/app.ts).
export const quarantineHandlers = handlers({
  'quarantine.list': (_input, ctx) => quarantineList(ctx.db),
  'quarantine.decide': (input, ctx) => decideQuarantine(ctx, input),
});
