import { expect, test, type Page } from '@playwright/test';
import { decodeZpl } from '../core/labels/decode/zpl';
import { PrinterEmulator } from '../core/printing/emulator';
import { logIn, scan, skipScannerCheck } from './station';

// The label printer at the receiving desk: a network printer on port 9100 (the emulator, a real
// TCP server in this test process) set up under Devices by keyboard, a lot received, its label
// decoded from the bytes the printer got; the printer off, the banner, and the label printed once
// it is back; a reprint from the lot's page.

let zebra: PrinterEmulator;
test.beforeAll(async () => {
  zebra = await new PrinterEmulator({ language: 'zpl' }).start();
});
test.afterAll(async () => {
  await zebra.stop();
});

const lotsPrinted = () => zebra.jobs.filter((j) => j.complete).map((j) => decodeZpl(j.bytes).barcodes.find((b) => b.type === 'code128')?.value);

async function receiveLine(page: Page, notice: string, pieces: number, grams: number) {
  await page.keyboard.press('Alt+1');
  // The desk opens on the delivery it had open, or the search: a scanned notice opens from either.
  await expect(page.getByTestId('delivery-code').or(page.getByTestId('find-artisan'))).toBeVisible();
  await scan(page, notice);
  await expect(page.getByTestId('delivery-code')).toHaveText(notice);
  await page.getByTestId('delivery-lines').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('simulate-grams').fill(String(grams));
  await page.getByTestId('simulate').click();
  await expect(page.getByTestId('live-weight')).toContainText('stable');
  await page.keyboard.press('Alt+w');
  await page.getByTestId('quantity').fill(String(pieces));
  await page.getByTestId('receive').click();
  await expect(page.getByTestId('delivery-line').first()).toContainText('L-26-R1-');
  return ((await page.getByTestId('delivery-line').first().locator('td').nth(4).textContent()) ?? '').split(' ')[0]!;
}

test('a lot label reaches the network printer; a printer that is off holds it with a banner and prints it when back; a reprint from the lot page', async ({ page }) => {
  await logIn(page, 'grace', '9999');
  await skipScannerCheck(page);

  // Devices: the printer on the network, then the label job on it (ZPL, 203 dpi, 50 x 25 mm).
  await page.keyboard.press('Alt+5');
  await page.locator('input[name="name"]').fill('Desk Zebra');
  await page.locator('select[name="kind"]').selectOption('label_printer');
  await page.locator('select[name="driver"]').selectOption('tcp');
  await page.locator('input[name="address"]').fill(zebra.address);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('devices-table')).toContainText('Desk Zebra');
  const label = page.getByTestId('printer-label');
  await label.getByLabel('Printer').selectOption({ label: 'Desk Zebra' });
  await label.getByLabel('Media width (mm)').fill('50');
  await label.getByRole('button', { name: 'Save printer' }).click();
  await expect(page.getByTestId('message-info').last()).toContainText('Printer saved');
  await label.getByRole('button', { name: 'Test print' }).click();
  await expect(page.getByTestId('printer-label-message')).toContainText('The test page printed');
  await expect.poll(() => zebra.jobs.length).toBe(1);

  // A lot received: its label arrives at the printer, lot id as Code 128.
  const first = await receiveLine(page, 'DN-26-000104', 50, 50 * 5.6);
  await expect.poll(lotsPrinted).toContain(first);
  expect(decodeZpl(zebra.jobs.at(-1)!.bytes).texts.join(' ')).toContain(first);

  // The printer is switched off: the next label waits, the status bar says why, nothing is lost.
  await zebra.setFault('refuse');
  const second = await receiveLine(page, 'DN-26-000103', 100, 100 * 5.6);
  await expect(page.getByTestId('print-banner')).toContainText(/Label printer: [^·]*cannot be reached/, { timeout: 15_000 });
  expect(lotsPrinted()).not.toContain(second);
  await zebra.setFault('none');
  await expect.poll(lotsPrinted, { timeout: 30_000 }).toContain(second);
  // (Other specs on this demo station may leave their own printers unreachable: only ours matters.)
  await expect(page.getByTestId('print-banner')).not.toContainText(/Label printer: [^·]*cannot be reached/, { timeout: 15_000 });
  expect(lotsPrinted().filter((l) => l === second)).toHaveLength(1);

  // The queue shows it printed; its preview is the label.
  await page.getByTestId('print-banner').click();
  await page.getByTestId('print-filter').selectOption('all');
  await expect(page.getByTestId('print-job').first()).toHaveAttribute('data-state', 'confirmed');
  await page.getByTestId('print-jobs').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('print-preview')).toBeVisible();
  await page.screenshot({ path: 'test-results/printing-queue.png' });

  // A lot label scanned in the queue shows that lot's jobs.
  await scan(page, first);
  await expect(page.getByTestId('print-job')).toHaveCount(1);
  await expect(page.getByTestId('print-job').first()).toContainText(first);

  // From the lot's page, the label printed once more: a new job, printed, the original untouched.
  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('heading', { name: 'Lots' })).toBeVisible();
  await scan(page, first);
  await expect(page.getByTestId('lot-title')).toHaveText(first);
  await expect(page.getByTestId('lot-label-job')).toHaveCount(1);
  await page.keyboard.press('Alt+p');
  await expect(page.getByTestId('lot-label-job')).toHaveCount(2);
  await expect.poll(() => lotsPrinted().filter((l) => l === first).length).toBe(2);
  await expect(page.getByTestId('lot-label-job').first()).toHaveAttribute('data-state', 'confirmed');
  await expect(page.getByTestId('lot-history')).toContainText('Label reprinted');
  await page.screenshot({ path: 'test-results/printing-lot.png' });

  // Back to the demo's own label printer, as the desk was before.
  await page.keyboard.press('Alt+5');
  await label.getByLabel('Printer').selectOption({ label: 'Lot label printer' });
  await label.getByRole('button', { name: 'Save printer' }).click();
  await expect(page.getByTestId('message-info').last()).toContainText('Printer saved');
});

test("a print queue the station cannot read is said on the status bar, in the person's language", async ({ page }) => {
  await logIn(page, 'wanjiru', '1111');
  await skipScannerCheck(page);
  await page.getByTestId('language-sw').click();
  try {
    // The banner's call fails (the station server does not answer it): the bar says so.
    await page.route('**/api/printJobs.banner', (route) => route.abort());
    await expect(page.getByTestId('print-banner')).toHaveText(
      'Hali ya foleni ya uchapishaji haijulikani: Seva ya kituo haijibu. Hakikisha Karakana inaendeshwa kwenye kituo hiki.',
      { timeout: 15_000 },
    );
    await page.unroute('**/api/printJobs.banner');
    await expect(page.getByTestId('print-banner')).not.toContainText('haijulikani', { timeout: 15_000 });
  } finally {
    await page.getByTestId('language-en').click();
  }
});
