import { expect, test } from '@playwright/test';
import { tabTo } from './station';

test('a stray Enter on a fresh station loads nothing; the demo loads only once confirmed, and the question says a demo store cannot join a site (in Swahili)', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Set up this station' })).toBeVisible();
  // The screen opens on the join form's first field: Enter there asks for an address, and loads nothing.
  await expect(page.getByLabel('Upstream address')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('Upstream address: an address starting with http:// or https://. Nothing was changed.');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Set up this station' })).toBeVisible();

  await tabTo(page, page.getByTestId('language-sw'), 'Shift+Tab', 15);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Andaa kituo hiki' })).toBeVisible();
  const ask = page.getByRole('button', { name: 'Pakia majaribio…' });
  await tabTo(page, ask, 'Tab', 15);
  await page.keyboard.press('Enter');
  const question = page.getByRole('alertdialog');
  await expect(question).toContainText('Hifadhi ya majaribio haiwezi kamwe kujiunga na tovuti baadaye');
  // The question opens on "No": a second stray Enter goes back, still loading nothing.
  await page.keyboard.press('Enter');
  await expect(question).toHaveCount(0);
  await expect(ask).toBeFocused();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Andaa kituo hiki' })).toBeVisible();

  await tabTo(page, ask, 'Tab', 15);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expect(question).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(question).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Ndiyo, pakia majaribio' }), 'Shift+Tab', 15);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Ingia' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('Kituo R1 · Receiving desk')).toBeVisible();
  await expect(page.locator('.badge-demo')).toHaveText('MAJARIBIO');
});
