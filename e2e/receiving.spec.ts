import { expect, test, type Page } from '@playwright/test';
import { logIn, scan, skipScannerCheck } from './station';

// The receiving clerk's delivery, by scanner and keyboard, on the demo's simulated scale.

async function putOnScale(page: Page, grams: number) {
  await page.getByTestId('simulate-grams').fill(String(grams));
  await page.getByTestId('simulate').click();
}

/** The lines table starts on the first line not received yet: Enter weighs it. */
async function weighNextLine(page: Page) {
  await page.getByTestId('delivery-lines').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('weigh-panel')).toBeVisible();
}

test('a delivery of three lines: by weight, short with a reason, by sample; receipt; a second scan of the notice', async ({ page }) => {
  await logIn(page, 'wanjiru', '1111');
  await skipScannerCheck(page);
  await scan(page, 'DN-26-000101');
  await expect(page.getByTestId('delivery-code')).toHaveText('DN-26-000101');
  await expect(page.getByTestId('delivery-line')).toHaveCount(3);

  // Line 1: 110 Mara bar necklaces of 14.2 g. The bag goes on the scale; the weight gives the count.
  await weighNextLine(page);
  await putOnScale(page, 110 * 14.2);
  await expect(page.getByTestId('live-weight')).toContainText('1562.0 g stable');
  await page.keyboard.press('Alt+w');
  await expect(page.getByTestId('net-weight')).toHaveText('1562.0 g');
  await expect(page.getByTestId('proposal')).toContainText('110 pieces');
  await page.getByTestId('receive').click();
  await expect(page.getByTestId('message-info').last()).toContainText('110 pieces to QC, label queued');
  await expect(page.getByTestId('delivery-line').nth(0)).toContainText('L-26-R1-');

  // Line 2: 30 cuffs ordered, 28 on the scale. The difference needs a reason before it is received.
  await weighNextLine(page);
  await putOnScale(page, 28 * 31);
  await expect(page.getByTestId('live-weight')).toContainText('868.0 g stable');
  await page.getByTestId('weigh').click();
  await expect(page.getByTestId('proposal')).toHaveText('28 pieces');
  await expect(page.getByTestId('receive')).toBeDisabled();
  await page.getByTestId('reason').selectOption('countedShort');
  await page.getByTestId('receive').click();
  await expect(page.getByTestId('delivery-line').nth(1)).toContainText('· 28');

  // Line 3: 110 shell studs of about 2.4 g: 20 counted pieces teach this lot's unit weight first.
  await weighNextLine(page);
  await page.getByTestId('sample-pieces').fill('20');
  await putOnScale(page, 48.6);
  await expect(page.getByTestId('live-weight')).toContainText('48.6 g stable');
  await page.getByTestId('take-sample').click();
  await expect(page.getByTestId('sample-unit')).toContainText('2.430 g a piece, from 20 pieces');
  await putOnScale(page, 267.3);
  await expect(page.getByTestId('live-weight')).toContainText('267.3 g stable');
  await page.getByTestId('weigh').click();
  await expect(page.getByTestId('proposal')).toContainText('110 pieces');
  await page.getByTestId('receive').click();
  await expect(page.getByTestId('delivery-line').nth(2)).toContainText('· 110');

  // Finishing queues the artisan's receipt; the notice cannot be received again.
  await page.keyboard.press('F10');
  await expect(page.getByTestId('message-info').last()).toContainText('Delivery DN-26-000101 finished');
  await page.keyboard.press('Alt+2');
  await scan(page, 'DN-26-000101');
  await expect(page.getByTestId('delivery-finished')).toContainText('already received by Wanjiru Kamau');

  // The cuffs' lot knows how it was counted and why it is short.
  const lotId = ((await page.getByTestId('delivery-line').nth(1).locator('td').nth(4).textContent()) ?? '').split(' ')[0]!;
  await scan(page, lotId);
  await expect(page.getByTestId('lot-states')).toContainText('28 In QC');
});
