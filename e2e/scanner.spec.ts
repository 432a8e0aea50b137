import { expect, test, type Locator, type Page } from '@playwright/test';
import { logIn, scan, skipScannerCheck, tabTo } from './station';

// Scanner or person: a fast typist's weight stays in the field meant for typing, while a scanner's
// code (3 ms a key, the scan helper's) is still a scan there.

/** The clerk opens a line of a delivery notice and is in its "Weight by hand" field. */
async function handWeightOfFirstLine(page: Page): Promise<Locator> {
  await logIn(page, 'wanjiru', '1111');
  await skipScannerCheck(page);
  await page.keyboard.press('Alt+1');
  await scan(page, 'DN-26-000105');
  await expect(page.getByTestId('delivery-code')).toHaveText('DN-26-000105');
  await tabTo(page, page.getByTestId('delivery-lines'));
  await page.keyboard.press('Enter');
  const handWeight = page.getByTestId('weigh-panel').getByLabel('Weight by hand');
  await tabTo(page, handWeight);
  return handWeight;
}

test('a weight typed fast (40 ms a key) into "Weight by hand" stays as typed, and its Enter is the form\'s', async ({ page }) => {
  const handWeight = await handWeightOfFirstLine(page);
  await page.keyboard.type('267.3', { delay: 40 });
  await expect(handWeight).toHaveValue('267.3');
  await expect(page.getByTestId('net-weight')).toHaveText('267.3 g (entered by hand)');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('message-error')).toHaveCount(0);
  await expect(page.getByText('is not a code Karakana knows')).toHaveCount(0);
});

test('a lot label scanned (3 ms a key) while "Weight by hand" has focus opens the lot', async ({ page }) => {
  await expect(await handWeightOfFirstLine(page)).toHaveValue('');
  await scan(page, 'L-26-R1-000012');
  await expect(page.getByTestId('lot-title')).toHaveText('L-26-R1-000012');
  await expect(page.getByTestId('message-error')).toHaveCount(0);
});
