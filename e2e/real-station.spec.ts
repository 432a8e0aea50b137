import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { HqProcess, tempFolder } from './processes';
import { scan, setUpKisumuDesk } from './station';

// A real station, set up on first start and enrolled with its site's upstream, has no simulated
// scale: the weigh panel says none is set up, the clerk types the weight, and the lot says so.

const slot = Number(process.env.KARAKANA_E2E_SLOT ?? 0);
const [sitePort, stationPort] = [4281, 4282].map((p) => p + slot * 10);
const siteKey = 'kisumu-site-key-2026';
const platformKey = 'kisumu-platform-key-2026';
const examples = 'resources/examples/site';

function publish(kind: string, file: string): void {
  execFileSync(process.execPath, ['core/cli/hq.js', 'publish', '--upstream', `http://127.0.0.1:${sitePort}`, '--platform-key', platformKey, '--kind', kind, path.join(examples, file)]);
}

/** Tab, as a person does, until the element `selector` finds has the focus. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let presses = 0; presses < 30; presses++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reaches ${selector}`);
}

test('a real station offers no simulated scale; a typed weight is received and the lot says it was typed', async ({ page }) => {
  test.setTimeout(120_000);
  const folder = tempFolder();
  const processes = [
    new HqProcess(['upstream', '--db', path.join(folder, 'site.db'), '--port', String(sitePort), '--enroll-key', siteKey, '--platform-key', platformKey]),
    new HqProcess(['serve', '--db', path.join(folder, 'station.db'), '--port', String(stationPort)]),
  ];
  for (const p of processes) await p.start();
  try {
    for (const [kind, file] of [['artisans', 'artisans.csv'], ['designs', 'designs.csv'], ['artisan-orders', 'artisan-orders.csv'], ['delivery-notices', 'delivery-notices.csv']])
      publish(kind!, file!);

    await setUpKisumuDesk(page, `http://127.0.0.1:${stationPort}/`);
    await expect(page.locator('.badge-demo')).toHaveCount(0);

    // The device form offers only real connections.
    await page.keyboard.press('Alt+5');
    await expect(page.getByRole('heading', { name: 'Devices' })).toBeVisible();
    await expect(page.locator('select[name="driver"] option')).not.toHaveText([]);
    expect(await page.locator('select[name="driver"] option').allTextContents()).not.toContain('Simulated');

    await page.keyboard.press('Alt+3');
    await page.getByLabel('Upstream address').fill(`http://127.0.0.1:${sitePort}`);
    await page.getByLabel('Site key').fill(siteKey);
    await page.keyboard.press('Enter');
    await expect(page.getByText(`Enrolled with http://127.0.0.1:${sitePort}`)).toBeVisible();

    // The notice arrives with the site's reference data; the desk scans it.
    await page.keyboard.press('Alt+1');
    await expect(async () => {
      await scan(page, 'DN-27-000101');
      await expect(page.getByTestId('delivery-code')).toHaveText('DN-27-000101', { timeout: 1000 });
    }).toPass();
    await tabTo(page, '[data-testid="delivery-lines"]');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('live-weight')).toHaveText('No scale is set up at this station: type the weight, or ask an admin to set one up under Admin → Devices.');
    await expect(page.getByTestId('simulate-grams')).toHaveCount(0);

    // 40 cuffs of 42.5 g, weighed on the artisan's own scale: 1700 g, typed.
    await tabTo(page, 'input[name="handGrams"]');
    await page.keyboard.type('1700', { delay: 150 }); // a person's fingers, slower than a scanner's burst
    await expect(page.getByTestId('net-weight')).toHaveText('1700.0 g (entered by hand)');
    await expect(page.getByTestId('proposal')).toContainText('40 pieces');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('message-info').last()).toContainText('40 pieces to QC');
    await expect(page.getByTestId('delivery-line').first()).toContainText(/L-\d\d-K1-/);
    const lotId = ((await page.getByTestId('delivery-line').first().locator('td').nth(4).textContent()) ?? '').split(' ')[0]!;
    expect(lotId).toMatch(/^L-\d\d-K1-/);

    await scan(page, lotId);
    await expect(page.getByTestId('lot-title')).toHaveText(lotId);
    await expect(page.getByTestId('weight-typed')).toHaveText('(typed, not weighed)');
  } finally {
    for (const p of processes.reverse()) await p.stop();
  }
});
