import { expect, test } from '@playwright/test';
import { decodeZpl } from '../core/labels/decode/zpl';
import { PrinterEmulator } from '../core/printing/emulator';
import { api, logIn, scan, skipScannerCheck } from './station';

// The label printer at the receiving desk: a network printer on port 9100 (the emulator, a real
// TCP server in this test process) added and edited under Devices by keys alone, a lot received,
// its label decoded from the bytes the printer got; the printer off, the banner, the queue at
// 1366 x 768, and the label printed once it is back; a reprint from the lot's page.

let zebra: PrinterEmulator;
test.beforeAll(async () => {
  zebra = await new PrinterEmulator({ language: 'zpl' }).start();
});
test.afterAll(async () => {
  await zebra.stop();
});

const lotsPrinted = () => zebra.jobs.filter((j) => j.complete).map((j) => decodeZpl(j.bytes).barcodes.find((b) => b.type === 'code128')?.value);

const login = async (baseURL: string, username: string, pin: string) => (await api<{ token: string }>(baseURL, 'session.login', { username, pin })).token;

type Delivery = { lines: { lineNo: number; artisanOrderId: string; designSku: string; finish: string; expected: number; receivedLotId: string | null }[] };

/** The desk receives a notice's first open line as expected (the receiving screen's own test drives its keys): its lot label is queued. */
async function receiveLine(baseURL: string, notice: string): Promise<string> {
  const clerk = await login(baseURL, 'wanjiru', '1111');
  const line = (await api<Delivery>(baseURL, 'receiving.open', { code: notice }, clerk)).lines.find((l) => !l.receivedLotId)!;
  const { lotId } = await api<{ lotId: string }>(
    baseURL,
    'receiving.receive',
    { deliveryCode: notice, lineNo: line.lineNo, artisanOrderId: line.artisanOrderId, designSku: line.designSku, finish: line.finish, quantity: line.expected, weighing: null, count: null, variance: null },
    clerk,
  );
  return lotId;
}

const printerSetup = (deviceId: string) => ({ job: 'label', deviceId, language: 'zpl', dpi: 203, widthMm: 50, heightMm: 25, offsetXMm: 0, offsetYMm: 0, darkness: 15 });

test('by keys: a printer added and edited under Devices; a lot label reaches it; a printer that is off holds it with a banner and prints it when back; a reprint from the lot page', async ({ page, baseURL }) => {
  await logIn(page, 'grace', '9999');
  await skipScannerCheck(page);

  // Devices: Alt+N brings the keyboard to a new device's form; the printer on the network.
  await page.keyboard.press('Alt+5');
  await expect(page.getByTestId('devices-keys')).toContainText('Alt+N add a device');
  await page.keyboard.press('Alt+n');
  const name = page.getByTestId('device-form').locator('input[name="name"]');
  await expect(name).toBeFocused();
  await page.keyboard.type('Desk Zebra', { delay: 40 });
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown'); // Scale -> Label printer
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowUp'); // Serial port -> Network (TCP)
  await page.keyboard.press('Tab');
  await page.keyboard.type(zebra.address, { delay: 40 });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('devices-table')).toContainText('Desk Zebra');
  await expect(page.getByTestId('device-row').filter({ hasText: 'Desk Zebra' })).toContainText('Network (TCP)');

  // Its row chosen with the arrows, Enter opens its form in view with the keyboard in its first
  // field (it opened far below, out of sight, with no focus); Esc goes back to the list on that row.
  const zebraRow = page.getByTestId('device-row').filter({ hasText: 'Desk Zebra' });
  await page.keyboard.press('Home');
  for (let i = 0; i < 10 && !((await zebraRow.getAttribute('class')) ?? '').includes('active'); i++) await page.keyboard.press('ArrowDown');
  await expect(zebraRow).toHaveClass(/active/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Edit Desk Zebra' })).toBeInViewport();
  await expect(name).toBeFocused();
  await expect(name).toHaveValue('Desk Zebra');
  await expect(name).toBeInViewport();
  await page.screenshot({ path: test.info().outputPath('device-edit.png') });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: 'Add a device' })).toBeVisible();
  await expect(zebraRow).toBeFocused();
  await expect(zebraRow).toHaveClass(/active/);

  // The label job on it (ZPL, 203 dpi, 50 x 25 mm), set up once by the admin, and its test page.
  const admin = await login(baseURL!, 'grace', '9999');
  const devices = await api<{ id: string; name: string }[]>(baseURL!, 'devices.list', {}, admin);
  const demoLabelPrinter = (await api<{ job: string; deviceId: string }[]>(baseURL!, 'printers.list', {}, admin)).find((p) => p.job === 'label')!.deviceId;
  await api(baseURL!, 'printers.save', printerSetup(devices.find((d) => d.name === 'Desk Zebra')!.id), admin);
  expect(await api(baseURL!, 'printers.testPrint', { job: 'label' }, admin)).toMatchObject({ outcome: 'confirmed' });
  await expect.poll(() => zebra.jobs.length).toBe(1);

  // A lot received: its label arrives at the printer, lot id as Code 128.
  const first = await receiveLine(baseURL!, 'DN-26-000104');
  await expect.poll(lotsPrinted).toContain(first);
  expect(decodeZpl(zebra.jobs.at(-1)!.bytes).texts.join(' ')).toContain(first);

  // The printer is switched off: the next label waits, the status bar says why, nothing is lost.
  await zebra.setFault('refuse');
  const second = await receiveLine(baseURL!, 'DN-26-000103');
  await expect(page.getByTestId('print-banner')).toContainText(/Label printer: [^·]*cannot be reached/, { timeout: 15_000 });
  expect(lotsPrinted()).not.toContain(second);

  // The queue (Alt+J from anywhere) at 1366 x 768: the job's long problem wraps in its cell, and
  // the table stays beside the detail panel, not under it.
  await page.keyboard.press('Alt+j');
  await expect(page.getByRole('heading', { name: 'Print queue' })).toBeVisible();
  const waiting = page.getByTestId('print-job').filter({ hasText: second });
  await expect(waiting.locator('td.print-problem')).toContainText('cannot be reached');
  const table = (await page.getByTestId('print-jobs').boundingBox())!;
  const detail = (await page.getByTestId('print-detail').boundingBox())!;
  await page.screenshot({ path: test.info().outputPath('print-queue-problem.png') });
  expect(table.x + table.width).toBeLessThanOrEqual(detail.x);

  await zebra.setFault('none');
  await expect.poll(lotsPrinted, { timeout: 30_000 }).toContain(second);
  // (Other specs on this demo station may leave their own printers unreachable: only ours matters.)
  await expect(page.getByTestId('print-banner')).not.toContainText(/Label printer: [^·]*cannot be reached/, { timeout: 15_000 });
  expect(lotsPrinted().filter((l) => l === second)).toHaveLength(1);

  // A lot label scanned in the queue shows that lot's jobs: printed; Enter previews it.
  await scan(page, first);
  await expect(page.getByTestId('print-job')).toHaveCount(1);
  await expect(page.getByTestId('print-job').first()).toContainText(first);
  await expect(page.getByTestId('print-job').first()).toHaveAttribute('data-state', 'confirmed');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('print-preview')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('printing-queue.png') });

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
  await page.screenshot({ path: test.info().outputPath('printing-lot.png') });

  // Back to the demo's own label printer, as the desk was before.
  await api(baseURL!, 'printers.save', printerSetup(demoLabelPrinter), admin);
});

test("a print queue the station cannot read is said on the status bar, in the person's language", async ({ page }) => {
  await logIn(page, 'wanjiru', '1111');
  await skipScannerCheck(page);
  await page.keyboard.press('Alt+l');
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
    await page.keyboard.press('Alt+l');
  }
});
