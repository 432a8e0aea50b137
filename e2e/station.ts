import { expect, type Page } from '@playwright/test';

/** Logs in by keyboard, as at the desk. A new browser profile is a new station: the scanner check opens first. */
export async function logIn(page: Page, username: string, pin: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('PIN').fill(pin);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-user')).toBeVisible();
}

export async function skipScannerCheck(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Scanner check' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: 'Lots' })).toBeVisible();
}

/** A fresh store set up as a real station on its first screen (K1, Kisumu desk), its admin logged in. */
export async function setUpKisumuDesk(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Station code').fill('K1');
  await page.getByLabel('Station name').fill('Kisumu desk');
  await page.getByLabel('Name', { exact: true }).fill('Achieng Odhiambo');
  await page.getByLabel('User name').fill('achieng');
  await page.getByLabel('PIN (4 to 8 digits; 7 or more for an admin or supervisor)').fill('2468100');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await page.getByLabel('User name').fill('achieng');
  await page.getByLabel('PIN').fill('2468100');
  await page.keyboard.press('Enter');
  await skipScannerCheck(page);
}

/**
 * A scanner types the whole code in a few milliseconds and ends it with Enter. Its keys carry the
 * scanner's own times, 3 ms apart, as a USB scanner's do however busy the test machine is (typed
 * by Playwright they arrive 10-50 ms apart under load: a fast typist's pace, which a field keeps).
 */
export async function scan(page: Page, code: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const start = Date.now() / 1000;
  const keys = [...[...code].map((c) => ({ key: c, text: c })), { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' }];
  for (const [i, key] of keys.entries()) {
    const timestamp = start + (i * 3) / 1000;
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...key, timestamp });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key, text: undefined, timestamp: timestamp + 0.001 });
  }
  await cdp.detach();
}

/** A scanner in keyboard mode as it really types: Shift pressed for each capital. */
export async function scanPressingShift(page: Page, code: string): Promise<void> {
  for (const char of code) {
    if (/[A-Z]/.test(char)) await page.keyboard.down('Shift');
    await page.keyboard.press(char);
    if (/[A-Z]/.test(char)) await page.keyboard.up('Shift');
  }
  await page.keyboard.press('Enter');
}
