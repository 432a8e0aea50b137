import { expect, test } from '@playwright/test';
import { logIn, skipScannerCheck } from './station';

// The keys every screen shares, pressed from wherever the focus is, as a person does.

test('Alt+L swaps the language before and after login, and Alt+O logs out', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByLabel('User name')).toBeFocused();
  await page.keyboard.press('Alt+L');
  await expect(page.getByRole('heading', { name: 'Ingia' })).toBeVisible();
  await page.keyboard.press('Alt+L');
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();

  await logIn(page, 'halima', '6666');
  await skipScannerCheck(page);
  await page.keyboard.press('Alt+L');
  await expect(page.getByTestId('status-user')).toContainText('Msimamizi');
  // Back to English: Halima's language is hers on the shared demo store, kept as it was.
  await page.keyboard.press('Alt+L');
  await expect(page.getByTestId('status-user')).toContainText('Supervisor');

  await page.keyboard.press('Alt+O');
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await expect(page.getByTestId('status-user')).toHaveCount(0);
});
