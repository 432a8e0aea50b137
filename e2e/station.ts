import { expect, type CDPSession, type Locator, type Page } from '@playwright/test';

/** Logs in by keyboard, as at the desk. A new browser profile is a new station: the scanner check opens first. */
export async function logIn(page: Page, username: string, pin: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('PIN').fill(pin);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-user')).toBeVisible();
}

/** Esc on the scanner check goes to the screen the user's role lands on (a supervisor or admin: Lots). */
export async function skipScannerCheck(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Scanner check' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: 'Scanner check' })).toHaveCount(0);
  await expect(page.locator('main.screen h1').first()).toBeVisible();
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
  await typeAsScanner(cdp, code, Date.now());
  await cdp.detach();
}

/**
 * The scanner reads one label twice: the same code again 3 ms after the first, by the keys' own
 * times. The second read reaches the page `lateMs` later, as on a busy PC that handles keys late.
 */
export async function scanReadTwice(page: Page, code: string, lateMs: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const end = await typeAsScanner(cdp, code, Date.now());
  await page.waitForTimeout(lateMs);
  await typeAsScanner(cdp, code, end + 3);
  await cdp.detach();
}

/**
 * Code and Enter from `startMs` (epoch ms), 3 ms a key; returns the time of the Enter. The keys are
 * sent at once, in order, as a scanner's arrive: awaited one by one, a loaded machine spread them
 * over more than the 120 ms a person's keys are held, and the code reached the page in pieces.
 */
async function typeAsScanner(cdp: CDPSession, code: string, startMs: number): Promise<number> {
  const keys = [...[...code].map((c) => ({ key: c, text: c })), { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' }];
  await Promise.all(
    keys.flatMap((key, i) => {
      const timestamp = (startMs + i * 3) / 1000;
      return [
        cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...key, timestamp }),
        cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key, text: undefined, timestamp: timestamp + 0.001 }),
      ];
    }),
  );
  return startMs + (keys.length - 1) * 3;
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

/** A call to the station server as a client makes it (set-up a person does not do by keys, or a scale's load). */
export async function api<T>(baseURL: string, name: string, input: unknown, token?: string): Promise<T> {
  const response = await fetch(`${baseURL}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ input }),
  });
  const result = (await response.json()) as { ok: boolean; data: T; error?: unknown };
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
  return result.data;
}

/** Tab (or Shift+Tab) until the control has the keyboard, as a person reaches a field or button, in at most `most` presses. */
export async function tabTo(page: Page, control: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab', most = 150): Promise<void> {
  for (let presses = 0; presses < most && !(await control.evaluate((el) => el === document.activeElement)); presses++) await page.keyboard.press(key);
  await expect(control).toBeFocused();
}
