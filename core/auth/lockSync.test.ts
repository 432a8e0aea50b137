import { afterEach, expect, it } from 'vitest';
import type { App } from '../app/app';
import { syncOnce } from '../sync/sync';
import { demoSite } from '../testing/demoSite';
import { siteStation } from '../testing/joinSite';
import { maxWrongPins } from './login';

// Two desks and a real upstream over HTTP: a user locked at one desk is locked at the other.

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

const login = (app: App, username: string, pin: string) => app.call({ name: 'session.login', input: { username, pin } });

it(`locks a user at every station of the site after ${maxWrongPins} wrong PINs at one`, async () => {
  const { url } = await demoSite(open);
  const [a, b] = [await siteStation(url, open), await siteStation(url, open)];

  for (let i = 0; i < maxWrongPins; i++) await login(a, 'wanjiru', '0000');
  expect(await login(a, 'wanjiru', '1111')).toMatchObject({ ok: false, error: { code: 'auth.locked' } });
  await syncOnce(a.store.db);
  await syncOnce(b.store.db);

  expect(await login(b, 'wanjiru', '1111')).toMatchObject({ ok: false, error: { code: 'auth.locked', params: { name: 'Wanjiru Kamau' } } });
  expect(await a.store.db.selectFrom('sync_attention').select('reason').execute()).toEqual([]);
  // Someone else at that desk is not affected.
  expect(await login(b, 'otieno', '2222')).toMatchObject({ ok: true });
});
