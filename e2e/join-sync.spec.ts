import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { HqProcess, tempFolder } from './processes';
import { setUpKisumuDesk } from './station';

// Joining a real site: the site key typed on the first screen, and on the Sync screen an upstream
// on another machine over plain http only once the admin allows it, with a warning while in use.

const slot = Number(process.env.KARAKANA_E2E_SLOT ?? 0);
const [sitePort, lanPort, freshPort, adminPort] = [4283, 4284, 4285, 4286].map((p) => p + slot * 10);
const siteKey = 'kisumu-site-key-2026';

test('a fresh station joins a real site only with its key; a set-up station enrolls over plain http only when allowed, and is warned', async ({ page }) => {
  // Four processes to start on a shared machine.
  test.setTimeout(180_000);
  const lan = Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
  expect(lan, 'this test needs a non-loopback IPv4 address on this machine').toBeDefined();
  const folder = tempFolder();
  const processes = [
    new HqProcess(['upstream', '--db', path.join(folder, 'site.db'), '--port', String(sitePort), '--enroll-key', siteKey]),
    new HqProcess(['upstream', '--db', path.join(folder, 'lan.db'), '--port', String(lanPort), '--host', lan!, '--enroll-key', siteKey]),
    new HqProcess(['serve', '--db', path.join(folder, 'fresh.db'), '--port', String(freshPort)]),
    new HqProcess(['serve', '--db', path.join(folder, 'admin.db'), '--port', String(adminPort)]),
  ];
  for (const p of processes) await p.start();
  try {
    await page.goto(`http://127.0.0.1:${freshPort}/`);
    await page.getByLabel('Upstream address').fill(`http://127.0.0.1:${sitePort}`);
    await page.getByLabel('Site key').fill('kisumu-site-key-2025');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toContainText('The upstream refused the site key: it is missing or wrong.');
    await page.getByLabel('Site key').fill(siteKey);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible({ timeout: 30_000 });

    // A station set up on its own, its admin enrolling it with an upstream across the LAN.
    await setUpKisumuDesk(page, `http://127.0.0.1:${adminPort}/`);
    await page.keyboard.press('Alt+3');
    await expect(page.getByRole('heading', { name: 'Sync' })).toBeVisible();
    const plainUrl = `http://${lan}:${lanPort}`;
    await page.getByLabel('Upstream address').fill(plainUrl);
    await page.getByLabel('Site key').fill(siteKey);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('message-error')).toContainText(`${plainUrl} is plain http to another machine`);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await expect(page.getByLabel(/Allow plain http/)).toBeChecked();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('insecure-warning')).toContainText(`This station talks to ${plainUrl} over plain http`);
  } finally {
    for (const p of processes.reverse()) await p.stop();
  }
});
