import { expect } from 'vitest';
import type { App } from '../app/app';

/** A fresh station joins the site at url, and the test waits, as the login screen does, for the site to load. */
export async function joinSite(app: App, url: string): Promise<void> {
  const joined = await app.call({ name: 'setup.joinSite', input: { url } });
  expect(joined.ok).toBe(true);
  for (let waited = 0; waited < 30_000; waited += 50) {
    const state = await app.call({ name: 'setup.state', input: {} });
    if (state.ok && (state.data as { loading: unknown }).loading === null) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the site at ${url} did not load within 30 s`);
}
