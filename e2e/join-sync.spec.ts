import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { hq } from '../core/testing/hq';
import { HqProcess, tempFolder } from './processes';
import { setUpKisumuDesk } from './station';

// Joining a real site: the site key typed on the first screen, and on the Sync screen an upstream
// on another machine over plain http only once the admin allows it, with a warning while in use.

const slot = Number(process.env.KARAKANA_E2E_SLOT ?? 0);
const [sitePort, lanPort, freshPort, adminPort] = [4283, 4284, 4285, 4286].map((p) => p + slot * 10);
const siteKey = 'kisumu-site-key-2026';

test('a person joins a fresh station by keyboard as packing table P2: the kind suggests its next free code, a code another station holds is refused, and the station keeps the code and name chosen', async ({ page }) => {
  test.setTimeout(120_000);
  const [upstreamPort, stationPort] = [4289, 4290].map((p) => p + slot * 10);
  const folder = tempFolder();
  const upstream = new HqProcess(['upstream', '--db', path.join(folder, 'site.db'), '--port', String(upstreamPort), '--enroll-key', siteKey]);
  const station = new HqProcess(['serve', '--db', path.join(folder, 'packing.db'), '--port', String(stationPort)]);
  await upstream.start();
  await station.start();
  try {
    const url = `http://127.0.0.1:${upstreamPort}`;
    // The site's first packing table joined from its own command line.
    const first = await hq('sync', '--db', path.join(folder, 'k1.db'), '--upstream', url, '--enroll-key', siteKey, '--station', 'K1', '--name', 'Packing table', '--once');
    expect(first.stdout).toContain('Enrolled as station K1 (Packing table)');

    await page.goto(`http://127.0.0.1:${stationPort}/`);
    await expect(page.getByLabel('Upstream address')).toBeFocused();
    await page.keyboard.type(url);
    await page.keyboard.press('Tab');
    await page.keyboard.type(siteKey);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const kind = page.getByLabel('This station is a');
    await expect(kind).toBeFocused();
    await page.keyboard.press('p');
    await expect(kind.locator('option:checked')).toHaveText('Plating office');
    await page.keyboard.press('ArrowDown');
    await expect(kind.locator('option:checked')).toHaveText('Packing table');
    await expect(page.getByLabel('Its code')).toHaveValue('K2');
    await expect(page.getByLabel('Its name')).toHaveValue('Packing table');

    await page.keyboard.press('Tab');
    await page.keyboard.type('K1');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toHaveText('Station code K1 is already enrolled at the upstream.');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('P2');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('Station P2 · Packing table')).toBeVisible();
    await expect(page.getByTestId('load-progress')).toHaveCount(0, { timeout: 30_000 });
    const listed = await hq('upstream', 'stations', '--db', path.join(folder, 'site.db'));
    expect(listed.stdout).toMatch(/^P2\s+Packing table\s/m);
  } finally {
    await station.stop();
    await upstream.stop();
  }
});

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
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('r');
    await expect(page.getByLabel('Its code')).toHaveValue('R1');
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
