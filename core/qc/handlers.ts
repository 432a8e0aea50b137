import { handlers } from '../api/handler';

// The qc procedures' handlers (joined in core/app/app.ts).
export const qcHandlers = handlers({});
