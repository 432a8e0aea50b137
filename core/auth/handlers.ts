import { handlers } from '../api/handler';
import { login } from './login';
import { logout, setLanguage } from './sessions';

export const authHandlers = handlers({
  'session.login': (input, ctx) => login(ctx, input.username, input.pin),
  'session.logout': async (_input, ctx) => {
    await logout(ctx.db, ctx.session!.token);
    return { ok: true as const };
  },
  'session.me': async (_input, ctx) => ctx.user(),
  'session.setLanguage': async (input, ctx) => {
    await setLanguage(ctx.db, ctx.user().id, input.language);
    return { ok: true as const };
  },
});
