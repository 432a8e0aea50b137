import { expect, test } from '@playwright/test';
import { logIn, scan } from './station';

// Words, not codes: a clerk who reads Swahili sees a lot's finish as a word of hers, never the
// platform's code. The codes are those the demo's designs are made in; the words a Nairobi clerk
// reads for them, written out here.

const finishCodes = /\b(raw-brass|polished|natural|lacquer|horn-natural|horn-polished|bone-natural|wood-natural|gold-\d\.\d|silver-\d\.\d)\b/;
const swahiliFinishes = [
  'Shaba ghafi',
  'Iliyong’arishwa',
  'Iliyopakwa lakiri',
  'Pembe asilia',
  'Pembe iliyong’arishwa',
  'Mfupa asilia',
  'Mbao asilia',
  'Mchovyo wa dhahabu µm 0.5',
  'Mchovyo wa dhahabu µm 1.0',
  'Mchovyo wa dhahabu µm 2.5',
  'Mchovyo wa fedha µm 1.0',
];

test('a lot opened by its scan on a Swahili screen names its finish in Swahili, no finish code', async ({ page }) => {
  await logIn(page, 'wanjiru', '1111');
  await expect(page.getByRole('heading', { name: 'Scanner check' })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Alt+L');
  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('heading', { name: 'Loti' })).toBeVisible();
  const firstLot = (await page.getByTestId('lot-row').first().innerText()).match(/L-\d{2}-[A-Z0-9]+-\d{6}/)?.[0];
  expect(firstLot).toBeDefined();

  await scan(page, firstLot!);
  await expect(page.getByTestId('lot-title')).toHaveText(firstLot!);
  await expect(page.getByRole('term').filter({ hasText: 'Umaliziaji' })).toBeVisible();
  expect(swahiliFinishes).toContain(await page.getByTestId('lot-finish').innerText());
  expect(await page.getByRole('main').innerText()).not.toMatch(finishCodes);

  // The status bar names the station, named after its kind, and each device by its kind in her
  // words; the demo's one scale and one scanner by kind alone, never by the English names set.
  await expect(page.getByTestId('status-station')).toContainText('R1 · Dawati la mapokezi');
  const devices = page.getByTestId('status-device');
  await expect(devices.filter({ hasText: /^Mizani: tayari$/ })).toHaveCount(1);
  await expect(devices.filter({ hasText: /^Skana: / })).toHaveCount(1);
  for (const device of await devices.allInnerTexts()) expect(device).toMatch(/^(Mizani|Printa ya lebo|Printa ya risiti|Skana)( \(.+\))?: \S/);
  await expect(page.getByTestId('status-bar')).not.toContainText(/Receiving desk|Bench scale|Handheld scanner|ready/);

  // Back to English: Wanjiru's language is hers on the shared demo store, kept as it was.
  await page.keyboard.press('Alt+L');
  await expect(page.getByTestId('lot-finish')).not.toHaveText(/Mchovyo|Shaba|asilia|Iliyo|Pembe/);
});
