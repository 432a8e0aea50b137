import { handlers } from '../api/handler';
import { addUser, listUsers, resetPin, setDisabled, updateUser } from './service';

export const userHandlers = handlers({
  'users.list': (_input, ctx) => listUsers(ctx.db),
  'users.add': (input, ctx) => addUser(ctx, input),
  'users.update': (input, ctx) => updateUser(ctx, input),
  'users.resetPin': async (input, ctx) => {
    await resetPin(ctx, input);
    return { ok: true as const };
  },
  'users.setDisabled': (input, ctx) => setDisabled(ctx, input),
});
