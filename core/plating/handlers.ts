import { handlers } from '../api/handler';

// The plating procedures' handlers (joined in core/app/app.ts).
export const platingHandlers = handlers({});
