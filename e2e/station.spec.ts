import { expect, test } from '@playwright/test';
import { logIn, scan, skipScannerCheck } from './station';

// A day at a station of the demo headquarters: logging in, the scanner, lots and their history,
// two languages, and what each role may do.

test.describe('logging in', () => {
  const badLogin = 'Wrong user name or PIN. Five wrong PINs in a row lock the user for five minutes.';

  test('a wrong PIN and a name nobody has get the same answer, then the right PIN gets in', async ({ page }) => {
    await page.goto('/');
    await page.getByLabel('User name').fill('halima');
    await page.getByLabel('PIN').fill('0000');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('login-error')).toHaveText(badLogin);
    await expect(page.getByLabel('PIN')).toHaveValue('');
    await page.getByLabel('User name').fill('halimah');
    await page.getByLabel('PIN').fill('6666');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('login-error')).toHaveText(badLogin);
    await expect(page.getByLabel('PIN')).toHaveValue(''); // the answer came (the text was there already)
    await page.getByLabel('User name').fill('halima');
    await page.getByLabel('PIN').fill('6666');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('status-user')).toContainText('Halima Hassan (Supervisor)');
  });

  test('five wrong PINs lock the user, and then even the right PIN waits', async ({ page }) => {
    await page.goto('/');
    await page.getByLabel('User name').fill('kiprop');
    for (let i = 0; i < 4; i++) {
      await page.getByLabel('PIN').fill(`123${i}`);
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('login-error')).toHaveText(badLogin);
      await expect(page.getByLabel('PIN')).toHaveValue('');
    }
    await page.getByLabel('PIN').fill('1234');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('login-error')).toHaveText('Kiprop Cheruiyot is locked for 5 minutes after too many wrong PINs.');
    await page.getByLabel('PIN').fill('4444');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('login-error')).toHaveText(/Kiprop Cheruiyot is locked for [45] minutes/);
    await expect(page.getByTestId('status-user')).toHaveCount(0);
  });
});

test.describe('the scanner', () => {
  test('the test card passes, and a lot label scanned anywhere opens the lot with its history', async ({ page }) => {
    await logIn(page, 'grace', '9999');
    await expect(page.getByTestId('scanner-result')).toHaveText('Waiting for a scan…');
    await scan(page, 'KK-Test-QAZWY-19/');
    await expect(page.getByTestId('scanner-result')).toHaveText('The scanner is set up right.');
    await page.keyboard.press('Escape');

    // The clerk is typing in a filter when the scanner fires: the code must not land in the field.
    const filter = page.getByTestId('filter-artisan');
    await page.keyboard.press('Control+f');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(filter).toBeFocused();
    await page.keyboard.type('Wa', { delay: 120 });
    await scan(page, 'L-26-R1-000012');
    await expect(page.getByTestId('lot-title')).toHaveText('L-26-R1-000012');
    const history = page.getByTestId('lot-history');
    await expect(history).toContainText('Wanjiru Kamau');
    await expect(history).toContainText('Received into In QC');
    await expect(history.locator('tbody tr').first()).toContainText('R1');

    await page.keyboard.press('Escape');
    await expect(page.getByTestId('filter-artisan')).toHaveValue('Wa');
  });

  test('a scanner set to Tab instead of Enter is caught by the test card', async ({ page }) => {
    await logIn(page, 'otieno', '2222');
    await page.keyboard.type('KK-Test-QAZWY-19/', { delay: 2 });
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('scanner-result')).toContainText('ends codes with Tab');
  });

  test('a code that is no lot gives an error and leaves the screen as it was', async ({ page }) => {
    await logIn(page, 'otieno', '2222');
    await skipScannerCheck(page);
    const landed = (await page.locator('main.screen h1').first().textContent())!;
    await scan(page, 'XQ-NOT-A-LOT-77');
    await expect(page.getByTestId('message-error')).toHaveText('"XQ-NOT-A-LOT-77" is not a code Karakana knows.');
    await scan(page, 'L-26-R1-999999');
    await expect(page.getByTestId('message-error').last()).toHaveText("Lot L-26-R1-999999 is not in this station's store.");
    await expect(page.locator('main.screen h1').first()).toHaveText(landed);
  });
});

test.describe('languages', () => {
  test('the whole screen switches to Swahili and back, errors included', async ({ page }) => {
    await logIn(page, 'wanjiru', '1111');
    await skipScannerCheck(page);
    await page.keyboard.press('Alt+2');
    await page.keyboard.press('Alt+l');
    await expect(page.getByRole('heading', { name: 'Loti' })).toBeVisible();
    await expect(page.getByTestId('status-user')).toContainText('Karani wa mapokezi');
    await expect(page.getByTestId('status-sync')).toContainText('Hakijaunganishwa');
    await scan(page, 'XQ-NOT-A-LOT-77');
    await expect(page.getByTestId('message-error')).toHaveText('"XQ-NOT-A-LOT-77" si msimbo unaojulikana na Karakana.');
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Loti' })).toBeVisible();
    await page.keyboard.press('Alt+l');
    await expect(page.getByRole('heading', { name: 'Lots' })).toBeVisible();
  });
});

test.describe('a language picked on the login screen', () => {
  test("stays after logging in, and becomes the person's own", async ({ page }) => {
    await page.goto('/');
    await expect(page.getByLabel('User name')).toBeFocused();
    await page.keyboard.press('Alt+l');
    await expect(page.getByLabel('Jina la mtumiaji')).toBeFocused();
    await page.keyboard.type('akinyi');
    await page.keyboard.press('Tab');
    await page.keyboard.type('3333');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Kagua skana' })).toBeVisible();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Alt+2');
    await expect(page.getByRole('heading', { name: 'Loti' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Loti' })).toBeVisible();
  });
});

test.describe('lots', () => {
  test('filtering by state and opening a lot by keyboard', async ({ page }) => {
    await logIn(page, 'halima', '6666');
    await skipScannerCheck(page);
    const state = page.getByTestId('filter-state');
    await page.keyboard.press('Control+f');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    await expect(state).toBeFocused();
    for (let i = 0; i < 12 && (await state.inputValue()) !== 'shipped'; i++) await page.keyboard.press('ArrowDown');
    await expect(state).toHaveValue('shipped');
    // Tab goes on from the filter to the list, which answers the arrows.
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('lots-table')).toBeFocused();
    await expect(page.getByTestId('lots-total')).toHaveText(/^\d+ lots?$/);
    const rows = page.getByTestId('lot-row');
    await expect(rows.first()).toContainText('Shipped');
    for (const text of await rows.allInnerTexts()) expect(text).toContain('Shipped');
    await page.keyboard.press('ArrowDown');
    const second = (await rows.nth(1).innerText()).split('\t')[0]!.trim();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('lot-title')).toHaveText(second);
    await expect(page.getByTestId('lot-states')).toContainText('Shipped');
  });
});

test.describe('roles', () => {
  test('a clerk is offered no admin screen, and the core refuses the call itself', async ({ page }) => {
    await logIn(page, 'wanjiru', '1111');
    await skipScannerCheck(page);
    const nav = page.getByRole('navigation');
    await expect(nav).toContainText('Lots');
    await expect(nav).not.toContainText('Users');
    const answer = await page.evaluate(async () => {
      const response = await fetch('/api/users.list', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${sessionStorage.getItem('karakana.token')}` },
        body: JSON.stringify({ input: {} }),
      });
      return (await response.json()) as { ok: boolean; error?: { code: string } };
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
  });

  test('an admin adds a packer, who can then log in', async ({ page }) => {
    await logIn(page, 'grace', '9999');
    await skipScannerCheck(page);
    await page.keyboard.press('Alt+6');
    await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
    await page.getByLabel('Name', { exact: true }).fill('Baraka Kiplagat');
    await page.getByLabel('User name').fill('baraka');
    const pin = page.getByLabel('PIN (4 to 8 digits; 7 or more for an admin or supervisor)');
    await pin.fill('12');
    // The fifth role is Packer: Tab to it, Space ticks it, back to the PIN and Enter adds the user.
    for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
    await expect(page.getByLabel('Packer')).toBeFocused();
    await page.keyboard.press('Space');
    await expect(page.getByLabel('Packer')).toBeChecked();
    for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toHaveText('PIN: 4 to 8 digits. Nothing was changed.');
    await pin.fill('4321');
    await pin.press('Enter');
    await expect(page.getByTestId('users-table')).toContainText('Baraka Kiplagat');
    await page.keyboard.press('Alt+o');
    await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
    await logIn(page, 'baraka', '4321');
    await expect(page.getByTestId('status-user')).toContainText('Baraka Kiplagat (Packer)');
  });

  test("an admin sets this station's idle time, and a value out of range is refused", async ({ page }) => {
    await logIn(page, 'grace', '9999');
    await skipScannerCheck(page);
    await page.keyboard.press('Alt+7');
    await expect(page.getByRole('heading', { name: 'This station' })).toBeVisible();
    const idle = page.getByLabel('Log out after this many minutes without use');
    await idle.fill('4');
    await idle.press('Enter');
    // Marked at the field with its range; nothing is saved.
    await expect(idle).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('number-problem')).toContainText('720');
    await expect(page.getByText('Station saved')).toHaveCount(0);
    await idle.fill('15');
    await idle.press('Enter');
    await expect(page.getByText('Station saved')).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Log out after this many minutes without use')).toHaveValue('15');
    await page.getByLabel('Log out after this many minutes without use').fill('30');
    await page.getByLabel('Log out after this many minutes without use').press('Enter');
    await expect(page.getByText('Station saved')).toBeVisible();
  });
});
