import { expect, test } from '@playwright/test';

test('an empty store offers the demo headquarters, marked as a demo', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Set up this station' })).toBeVisible();
  await page.getByRole('button', { name: 'Load the demo' }).click();
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('Station R1 · Receiving desk')).toBeVisible();
  await expect(page.locator('.badge-demo')).toHaveText('DEMO');
});
