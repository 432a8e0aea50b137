import { afterEach, expect, it } from 'vitest';
import { createApp, type App } from '../app/app';
import type { CallResult } from '../api/dispatch';
import { demoStoreFile } from '../testing/tempStore';

// Admins' and supervisors' PINs are at least 7 digits: every station holds their hash, and a short
// PIN's hash is searched through in minutes. Demo people: grace (admin, 9999), wanjiru (clerk, 1111).

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function asAdmin() {
  app = await createApp(await demoStoreFile(), { devicePollMs: 0 });
  const login = await app.call({ name: 'session.login', input: { username: 'grace', pin: '9999' } });
  const token = (login as { data: { token: string } }).data.token;
  const call = (name: string, input: unknown) => app!.call({ name, input, token });
  const wanjiru = await app.store.db.selectFrom('users').selectAll().where('username', '=', 'wanjiru').executeTakeFirstOrThrow();
  return { call, wanjiru };
}

const users = () => app!.store.db.selectFrom('users').select(['username', 'roles', 'pin_hash']).orderBy('username').execute();
const login = (username: string, pin: string) => app!.call({ name: 'session.login', input: { username, pin } });
const refusedShort = (result: CallResult) => expect(result).toMatchObject({ ok: false, error: { code: 'user.longPinNeeded', params: { digits: 7 } } });

it('refuses a new supervisor or admin with a PIN under 7 digits, and changes nothing', async () => {
  const { call } = await asAdmin();
  const before = await users();
  refusedShort(await call('users.add', { name: 'Baraka Otieno', username: 'baraka', roles: ['supervisor'], pin: '246813' }));
  refusedShort(await call('users.add', { name: 'Baraka Otieno', username: 'baraka', roles: ['clerk', 'admin'], pin: '2468' }));
  expect(await users()).toEqual(before);
  expect(await call('users.add', { name: 'Baraka Otieno', username: 'baraka', roles: ['supervisor'], pin: '2468135' })).toMatchObject({ ok: true });
  expect(await login('baraka', '2468135')).toMatchObject({ ok: true });
});

it('refuses a short PIN reset for a supervisor or admin', async () => {
  const { call } = await asAdmin();
  const grace = await app!.store.db.selectFrom('users').select('id').where('username', '=', 'grace').executeTakeFirstOrThrow();
  const before = await users();
  refusedShort(await call('users.resetPin', { id: grace.id, pin: '1234' }));
  expect(await users()).toEqual(before);
});

it('makes a clerk a supervisor only with a new PIN of 7 digits given with the change', async () => {
  const { call, wanjiru } = await asAdmin();
  const before = await users();
  const change = { id: wanjiru.id, name: wanjiru.name, roles: ['clerk', 'supervisor'] };
  refusedShort(await call('users.update', change));
  refusedShort(await call('users.update', { ...change, pin: '135790' }));
  expect(await users()).toEqual(before);

  expect(await call('users.update', { ...change, pin: '1357902' })).toMatchObject({ ok: true, data: { roles: ['clerk', 'supervisor'] } });
  expect(await login('wanjiru', '1111')).toMatchObject({ ok: false, error: { code: 'auth.badLogin' } });
  expect(await login('wanjiru', '1357902')).toMatchObject({ ok: true });
  // A clerk's own changes need no PIN, and a short one is still fine for a clerk.
  expect(await call('users.update', { ...change, roles: ['clerk'], pin: '4321' })).toMatchObject({ ok: true });
  expect(await call('users.update', { ...change, name: 'Wanjiru K.', roles: ['clerk'] })).toMatchObject({ ok: true });
});
