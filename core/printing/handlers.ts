import { handlers } from '../api/handler';

// The printing procedures' handlers (joined in core/app/app.ts).
export const printingHandlers = handlers({});
