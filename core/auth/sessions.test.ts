import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../app/app';
import type { CallResult } from '../api/dispatch';
import { demoStoreFile } from '../testing/tempStore';
import { lockMinutes, maxWrongPins } from './sessions';

// Demo people: grace (admin, PIN 9999), wanjiru (clerk, PIN 1111).

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

  it('with a wrong PIN says how many tries are left', async () => {
    await station();
    expect(await login('wanjiru', '1112')).toMatchObject({ ok: false, error: { code: 'auth.wrongPin', params: { left: 4 } } });
    expect(await login('wanjiru', '0000')).toMatchObject({ ok: false, error: { code: 'auth.wrongPin', params: { left: 3 }, message: 'Wrong PIN; 3 tries left' } });
  });

  it('with a name nobody has is refused', async () => {
    await station();
    expect(await login('nobody', '1111')).toMatchObject({ ok: false, error: { code: 'auth.unknownUser' } });
  });

  it('starts the count of wrong PINs again after a right one', async () => {
    await station();
    for (let i = 0; i < maxWrongPins - 1; i++) await login('wanjiru', '0000');
    tokenOf(await login('wanjiru', '1111'));
    expect(await login('wanjiru', '0000')).toMatchObject({ ok: false, error: { code: 'auth.wrongPin', params: { left: 4 } } });
  });
});

describe(`${maxWrongPins} wrong PINs in a row`, () => {
  it(`lock the user, even with the right PIN, for ${lockMinutes} minutes`, async () => {
    await station();
    for (let i = 1; i < maxWrongPins; i++) expect(await login('wanjiru', '0000')).toMatchObject({ error: { code: 'auth.wrongPin' } });
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

describe('an idle session', () => {
  it('lasts while it is used, and is gone after 12 hours without use', async () => {
    await station();
    const token = tokenOf(await login('wanjiru', '1111'));

    clock += 11 * hour;
    expect(await me(token)).toMatchObject({ ok: true }); // used: the 12 hours start again
    clock += 11 * hour;
    expect(await me(token)).toMatchObject({ ok: true });

    clock += 12 * hour + minute;
    expect(await me(token)).toMatchObject({ ok: false, error: { code: 'auth.required' } });
    clock -= 12 * hour; // not even a clock put back brings it back: it was removed
    expect(await me(token)).toMatchObject({ ok: false, error: { code: 'auth.required' } });
  });

  it('ends at logout', async () => {
    await station();
    const token = tokenOf(await login('wanjiru', '1111'));
    expect(await app!.call({ name: 'session.logout', input: {}, token })).toEqual({ ok: true, data: { ok: true } });
    expect(await me(token)).toMatchObject({ ok: false, error: { code: 'auth.required' } });
  });
});
