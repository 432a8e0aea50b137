import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './e2e/chromium';

// Two station servers built from this checkout: one with the demo headquarters, one empty
// (first start). Each starts from a fresh store file on every run.
// KARAKANA_E2E_SLOT (0 by default) moves the ports and files, so that several checkouts' or
// builds' runs (KARAKANA_OUT) can share a machine.
export const slot = Number(process.env.KARAKANA_E2E_SLOT ?? 0);
const demoPort = 4178 + slot * 10;
const emptyPort = 4179 + slot * 10;
const results = slot ? `test-results/slot-${slot}` : 'test-results';
const hq = 'node core/cli/hq.js';

export default defineConfig({
  testDir: 'e2e',
  outputDir: `${results}/e2e`,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath(), args: chromiumArgs },
    viewport: { width: 1366, height: 768 },
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'demo', testIgnore: /first-start|sync/, use: { baseURL: `http://127.0.0.1:${demoPort}` } },
    // Starts its own upstream and station processes: it stops and restarts the upstream.
    { name: 'sync', testMatch: /sync\.spec/ },
    { name: 'first-start', testMatch: /first-start/, use: { baseURL: `http://127.0.0.1:${emptyPort}` } },
  ],
  webServer: [
    {
      command: `rm -f ${results}/demo.db* && mkdir -p ${results} && ${hq} seed --demo --db ${results}/demo.db && ${hq} serve --db ${results}/demo.db --port ${demoPort}`,
      url: `http://127.0.0.1:${demoPort}/`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `rm -f ${results}/empty.db* && mkdir -p ${results} && ${hq} serve --db ${results}/empty.db --port ${emptyPort}`,
      url: `http://127.0.0.1:${emptyPort}/`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
