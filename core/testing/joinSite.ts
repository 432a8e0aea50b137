import { expect } from 'vitest';
import { createApp, type App } from '../app/app';
import { tempStoreFile } from './tempStore';

/** A fresh station joins the site at url (presenting the site key a real upstream asks for), and the test waits, as the login screen does, for the site to load. */
export async function joinSite(app: App, url: string, siteKey?: string): Promise<void> {
  const joined = await app.call({ name: 'setup.joinSite', input: { url, ...(siteKey ? { siteKey } : {}) } });
  expect(joined.ok).toBe(true);
  for (let waited = 0; waited < 30_000; waited += 50) {
    const state = await app.call({ name: 'setup.state', input: {} });
    if (state.ok && (state.data as { loading: unknown }).loading === null) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the site at ${url} did not load within 30 s`);
}

/** A new station store (no device checks, sync only when asked) joined to the site at url; closed with `open`. */
export async function siteStation(url: string, open: { close(): Promise<void> }[]): Promise<App> {
  const app = await createApp(tempStoreFile(), { devicePollMs: 0, syncIntervalMs: 60_000 });
  open.push(app);
  await joinSite(app, url);
  return app;
}

/** Calls the station as a person logged in with username and PIN; a refusal throws with its code. */
export async function loggedIn(app: App, username: string, pin: string) {
  const login = await app.call({ name: 'session.login', input: { username, pin } });
  if (!login.ok) throw new Error(login.error.message);
  const token = (login.data as { token: string }).token;
  return async <T>(name: string, input: unknown = {}): Promise<T> => {
    const result = await app.call({ name, input, token });
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    return result.data as T;
  };
}
