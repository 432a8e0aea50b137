import path from 'node:path';
import { expect, test } from '@playwright/test';
import { HqProcess, tempFolder } from './processes';
import { scan, skipScannerCheck } from './station';

// A supervisor's day with sync: a fresh station joins the site, the site's people can log in,
// the upstream goes away and comes back, and the station catches up by itself.

const slot = Number(process.env.KARAKANA_E2E_SLOT ?? 0);
const upstreamPort = 4288 + slot * 10;
const stationPort = 4287 + slot * 10;

test('a fresh station joins the site, keeps working when the upstream is away, and catches up', async ({ page }) => {
  const folder = tempFolder();
  const upstream = new HqProcess(['upstream', '--db', path.join(folder, 'upstream.db'), '--port', String(upstreamPort), '--demo']);
  const station = new HqProcess(['serve', '--db', path.join(folder, 'station.db'), '--port', String(stationPort)]);
  await upstream.start();
  await station.start();
  try {
    await page.goto(`http://127.0.0.1:${stationPort}/`);
    await expect(page.getByLabel('Upstream address')).toBeFocused();
    await page.keyboard.type(`http://127.0.0.1:${upstreamPort}`);
    for (const key of ['Tab', 'Tab', 'Tab', 'r']) await page.keyboard.press(key);
    await expect(page.getByLabel('Its code')).toHaveValue('R1');
    await page.keyboard.press('Enter');

    // The site's people came with the site: Halima logs in here without anyone adding her.
    await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('Station R1 · Receiving desk')).toBeVisible();
    await expect(page.getByTestId('load-progress')).toHaveCount(0, { timeout: 30_000 });
    await page.getByLabel('User name').fill('halima');
    await page.getByLabel('PIN').fill('6666');
    await page.keyboard.press('Enter');
    await skipScannerCheck(page);
    await page.keyboard.press('Alt+3');
    await expect(page.getByRole('heading', { name: 'Sync' })).toBeVisible();
    await expect(page.getByTestId('sync-state')).toContainText('Everything made here has reached the upstream.');

    // The internet drops: the status bar says so in the person's words, and the screen still works.
    await upstream.stop();
    await page.keyboard.press('Alt+S');
    await expect(page.getByTestId('message-error')).toContainText(`The upstream http://127.0.0.1:${upstreamPort} does not answer`);
    await expect(page.getByTestId('status-sync')).toContainText('Sync failing');
    await page.screenshot({ path: test.info().outputPath('sync-failing.png') });
    await page.keyboard.press('Alt+L');
    await expect(page.getByTestId('status-sync')).toContainText('Usawazishaji unashindwa');
    await page.keyboard.press('Alt+L');
    await expect(page.getByTestId('status-sync')).toContainText('Sync failing');
    await scan(page, 'XQ-NOT-A-LOT-77');
    await expect(page.getByTestId('message-error').last()).toContainText('is not a code Karakana knows');

    // It comes back: the loop notices on its own, no button pressed.
    await upstream.start();
    await expect(page.getByTestId('status-sync')).not.toContainText('Sync failing', { timeout: 90_000 });
    await expect(page.getByTestId('sync-state')).toContainText('Last successful sync');
    await page.screenshot({ path: test.info().outputPath('sync-caught-up.png') });
  } finally {
    await station.stop();
    await upstream.stop();
  }
});
