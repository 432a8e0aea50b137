import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../app/app';
import type { CallResult } from '../api/dispatch';
import { demoStoreFile } from '../testing/tempStore';
import { lockMinutes, maxWrongPins } from './login';
import { defaultIdleMinutes, sessionLifetimeHours } from './sessions';

// Demo people: grace (admin, PIN 9999), wanjiru (clerk, PIN 1111), otieno (inspector, PIN 2222).

const minute = 60_000;
const hour = 60 * minute;

let app: App | undefined;
let clock = Date.parse('2026-03-02T06:00:00Z');
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function station(): Promise<App> {
  clock = Date.parse('2026-03-02T06:00:00Z');
  app = await createApp(await demoStoreFile(), { devicePollMs: 0, now: () => new Date(clock) });
  return app;
}

function login(username: string, pin: string): Promise<CallResult> {
  return app!.call({ name: 'session.login', input: { username, pin } });
}

function tokenOf(result: CallResult): string {
  if (!result.ok) throw new Error(`login refused: ${result.error.message}`);
  return (result.data as { token: string }).token;
}

const me = (token: string) => app!.call({ name: 'session.me', input: {}, token });

describe('logging in', () => {
  it('with the right PIN gives a session that knows who you are', async () => {
    await station();
    const result = await login('wanjiru', '1111');
    expect(result).toMatchObject({ ok: true, data: { user: { username: 'wanjiru', name: 'Wanjiru Kamau', roles: ['clerk'] } } });
    expect(await me(tokenOf(result))).toMatchObject({ ok: true, data: { username: 'wanjiru' } });
  });

  it('with a wrong PIN, or a name nobody has, gets the same answer: the names of the site cannot be listed', async () => {
    await station();
    const wrongPin = await login('wanjiru', '1112');
    const nobody = await login('nobody', '1111');
    expect(wrongPin).toEqual({ ok: false, error: { code: 'auth.badLogin', message: 'Wrong user name or PIN', params: {} } });
    expect(nobody).toEqual(wrongPin);
  });

  it('as a disabled user with a wrong PIN says no more than a wrong PIN', async () => {
    await station();
    const admin = tokenOf(await login('grace', '9999'));
    const wanjiru = await app!.store.db.selectFrom('users').select('id').where('username', '=', 'wanjiru').executeTakeFirstOrThrow();
    await app!.call({ name: 'users.setDisabled', input: { id: wanjiru.id, disabled: true }, token: admin });
    expect(await login('wanjiru', '0000')).toMatchObject({ ok: false, error: { code: 'auth.badLogin' } });
    // Five wrong PINs lock them here, but make no fact for the site: a disabled actor's would be refused upstream.
    for (let i = 1; i < maxWrongPins; i++) await login('wanjiru', '0000');
    expect(await login('wanjiru', '1111')).toMatchObject({ ok: false, error: { code: 'auth.locked' } });
    expect(await app!.store.db.selectFrom('events').select('id').where('type', '=', 'user.locked').execute()).toEqual([]);
  });

  it('starts the count of wrong PINs again after a right one', async () => {
    await station();
    for (let i = 0; i < maxWrongPins - 1; i++) await login('wanjiru', '0000');
    tokenOf(await login('wanjiru', '1111'));
    for (let i = 0; i < maxWrongPins - 1; i++) expect(await login('wanjiru', '0000')).toMatchObject({ ok: false, error: { code: 'auth.badLogin' } });
  });
});

describe(`${maxWrongPins} wrong PINs in a row`, () => {
  it(`lock the user, even with the right PIN, for ${lockMinutes} minutes`, async () => {
    await station();
    for (let i = 1; i < maxWrongPins; i++) expect(await login('wanjiru', '0000')).toMatchObject({ error: { code: 'auth.badLogin' } });
    expect(await login('wanjiru', '0000')).toMatchObject({ ok: false, error: { code: 'auth.locked', params: { minutes: lockMinutes } } });

    expect(await login('wanjiru', '1111')).toMatchObject({ ok: false, error: { code: 'auth.locked' } });
    clock += (lockMinutes - 1) * minute;
    expect(await login('wanjiru', '1111')).toMatchObject({ ok: false, error: { code: 'auth.locked', params: { minutes: 1 } } });
    // Someone else at the same desk is not affected.
    tokenOf(await login('grace', '9999'));

    clock += minute;
    const result = await login('wanjiru', '1111');
    expect(result).toMatchObject({ ok: true });
    expect(await me(tokenOf(result))).toMatchObject({ ok: true, data: { username: 'wanjiru' } });
  });

  it('sent all at once lock the user too: every guess counts, and the right PIN waits for the lock to end', async () => {
    await station();
    const guesses = Array.from({ length: 40 }, (_, i) => login('wanjiru', String(5000 + i)));
    const answers = await Promise.all(guesses);
    expect(answers.filter((a) => a.ok)).toEqual([]);
    expect(answers.filter((a) => !a.ok && a.error.code === 'auth.badLogin')).toHaveLength(maxWrongPins - 1);
    const row = await app!.store.db.selectFrom('users').select(['failed_pins', 'locked_until']).where('username', '=', 'wanjiru').executeTakeFirstOrThrow();
    expect(row).toEqual({ failed_pins: 40, locked_until: new Date(clock + lockMinutes * minute).toISOString() });
    const locks = await app!.store.db.selectFrom('events').select(['type', 'user_id', 'payload']).where('type', '=', 'user.locked').execute();
    expect(locks).toHaveLength(1);

    expect(await login('wanjiru', '1111')).toMatchObject({ ok: false, error: { code: 'auth.locked' } });
    clock += lockMinutes * minute;
    expect(await login('wanjiru', '1111')).toMatchObject({ ok: true });
  });
});

describe('a disabled user', () => {
  it('cannot log in, loses the sessions they had, and can log in again once enabled', async () => {
    await station();
    const admin = tokenOf(await login('grace', '9999'));
    const clerk = tokenOf(await login('wanjiru', '1111'));
    const wanjiru = (await me(clerk)) as { ok: true; data: { id: string } };

    expect(await app!.call({ name: 'users.setDisabled', input: { id: wanjiru.data.id, disabled: true }, token: admin })).toMatchObject({
      ok: true,
      data: { disabled: true },
    });
    expect(await me(clerk)).toMatchObject({ ok: false, error: { code: 'auth.required' } });
    expect(await app!.call({ name: 'lots.count', input: { filters: {} }, token: clerk })).toMatchObject({ ok: false, error: { code: 'auth.required' } });
    expect(await login('wanjiru', '1111')).toMatchObject({ ok: false, error: { code: 'auth.disabled' } });

    await app!.call({ name: 'users.setDisabled', input: { id: wanjiru.data.id, disabled: false }, token: admin });
    expect(await login('wanjiru', '1111')).toMatchObject({ ok: true });
  });
});

describe('a session', () => {
  it(`lasts while it is used, and is gone after the station's idle time (${defaultIdleMinutes} min unless set) without use`, async () => {
    await station();
    const token = tokenOf(await login('wanjiru', '1111'));

    clock += (defaultIdleMinutes - 1) * minute;
    expect(await me(token)).toMatchObject({ ok: true }); // used: the idle time starts again
    clock += (defaultIdleMinutes - 1) * minute;
    expect(await me(token)).toMatchObject({ ok: true });

    clock += defaultIdleMinutes * minute + minute;
    expect(await me(token)).toMatchObject({ ok: false, error: { code: 'auth.required' } });
    clock -= defaultIdleMinutes * minute; // not even a clock put back brings it back: it was removed
    expect(await me(token)).toMatchObject({ ok: false, error: { code: 'auth.required' } });
  });

  it('idles as long as the admin set for this station, within 5 to 720 minutes', async () => {
    await station();
    const admin = tokenOf(await login('grace', '9999'));
    const setIdle = (minutes: number) => app!.call({ name: 'station.setSessionIdle', input: { minutes }, token: admin });
    expect(await setIdle(4)).toMatchObject({ ok: false, error: { code: 'api.invalidInput' } });
    expect(await setIdle(721)).toMatchObject({ ok: false, error: { code: 'api.invalidInput' } });
    const clerk = tokenOf(await login('wanjiru', '1111'));
    expect(await app!.call({ name: 'station.setSessionIdle', input: { minutes: 60 }, token: clerk })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await setIdle(120)).toMatchObject({ ok: true, data: { sessionIdleMinutes: 120 } });

    clock += 119 * minute;
    expect(await me(clerk)).toMatchObject({ ok: true });
    clock += 121 * minute;
    expect(await me(clerk)).toMatchObject({ ok: false, error: { code: 'auth.required' } });
  });

  it(`ends ${sessionLifetimeHours} hours after its login, however much it is used`, async () => {
    await station();
    const token = tokenOf(await login('wanjiru', '1111'));
    for (let used = 0; used < sessionLifetimeHours * 60 - 20; used += 20) {
      clock += 20 * minute;
      expect(await me(token)).toMatchObject({ ok: true });
    }
    clock = Date.parse('2026-03-02T06:00:00Z') + sessionLifetimeHours * hour;
    expect(await me(token)).toMatchObject({ ok: false, error: { code: 'auth.required' } });
  });

  it('ends at logout', async () => {
    await station();
    const token = tokenOf(await login('wanjiru', '1111'));
    expect(await app!.call({ name: 'session.logout', input: {}, token })).toEqual({ ok: true, data: { ok: true } });
    expect(await me(token)).toMatchObject({ ok: false, error: { code: 'auth.required' } });
  });
});
