import { handlers } from '../api/handler';

// The packing procedures' handlers (joined in core/app/app.ts).
export const packingHandlers = handlers({});
