import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './e2e/chromium';

// Two station servers built from this checkout: one with the demo headquarters, one empty
// (first start). Each starts from a fresh store file on every run.
const demoPort = 4178;
const emptyPort = 4179;
const hq = 'node core/cli/hq.js';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
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
      command: `rm -f test-results/demo.db* && mkdir -p test-results && ${hq} seed --demo --db test-results/demo.db && ${hq} serve --db test-results/demo.db --port ${demoPort}`,
      url: `http://127.0.0.1:${demoPort}/`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `rm -f test-results/empty.db* && mkdir -p test-results && ${hq} serve --db test-results/empty.db --port ${emptyPort}`,
      url: `http://127.0.0.1:${emptyPort}/`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
