import { expect, test, type Locator, type Page } from '@playwright/test';
import { api, logIn, scan, skipScannerCheck } from './station';

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

test('each role lands on its own screen after login, from the scanner check too', async ({ page }) => {
  await logIn(page, 'wanjiru', '1111');
  await skipScannerCheck(page);
  await expect(page.getByRole('heading', { name: 'Receiving', exact: true })).toBeVisible();
  const landings: [string, string, string | RegExp][] = [
    ['otieno', '2222', 'QC bench'],
    ['akinyi', '3333', /^Plating plan/],
    ['kiprop', '4444', 'The line'],
    ['mwangi', '5555', 'Packing'],
    ['halima', '6666', 'Lots'],
    ['grace', '9999', 'Lots'],
    ['wanjiru', '1111', 'Receiving'],
  ];
  for (const [username, pin, heading] of landings) {
    await page.keyboard.press('Alt+O');
    await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
    await logIn(page, username, pin);
    await expect(page.getByRole('heading', { name: heading, exact: typeof heading === 'string' })).toBeVisible();
  }
  // A reload keeps the screen the person was on.
  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('heading', { name: 'Lots', exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Lots', exact: true })).toBeVisible();
});

test("a screen or a call a role may not use says in words who may, never a procedure's name", async ({ page }) => {
  await logIn(page, 'otieno', '2222');
  await skipScannerCheck(page);
  const nav = page.getByRole('navigation', { name: 'Screens' });
  await expect(nav).toContainText('QC');
  await expect(nav).not.toContainText('Devices');
  await page.keyboard.press('Alt+5');
  await expect(page.getByTestId('message-error')).toHaveText('Only a supervisor or an admin can open Devices.');
  await expect(page.getByRole('heading', { name: 'QC bench' })).toBeVisible();
  await page.keyboard.press('Alt+L');
  await page.keyboard.press('Alt+6');
  await expect(page.getByTestId('message-error').last()).toHaveText('Ni msimamizi wa mfumo pekee anayeweza kufungua Watumiaji.');
  await page.keyboard.press('Alt+L');
  await expect(nav).toContainText('QC');

  // The ranking's address, bookmarked by someone else: the core refuses, and the screen says who may.
  await page.goto('/#/quality');
  await expect(page.getByRole('alert')).toHaveText('Only a supervisor or an admin can do this; Otieno Ochieng cannot.');
});

test('buttons a role may not use are not on its screens, and the core still refuses their calls', async ({ page, baseURL }) => {
  const token = () => page.evaluate(() => sessionStorage.getItem('karakana.token')!);
  const refusal = (call: Promise<unknown>) => expect(call).rejects.toThrow('"code":"auth.forbidden"');

  // A clerk reads an artisan's quality from the artisan's page; exporting it is QC's, so no Export.
  await logIn(page, 'wanjiru', '1111');
  await skipScannerCheck(page);
  const lots = await api<{ rows: { artisanId: string }[] }>(baseURL!, 'lots.page', { filters: {}, sort: { by: 'id', desc: false }, offset: 0, limit: 1 }, await token());
  const artisanId = lots.rows[0]!.artisanId;
  await page.goto(`/#/quality/${artisanId}`);
  await expect(page.getByTestId('quality-totals')).toBeVisible();
  await expect(page.getByRole('button', { name: /Export/ })).toHaveCount(0);
  await refusal(api(baseURL!, 'qc.exportCsv', { artisanId }, await token()));

  // An operator looks at the planner's board: no Re-plan, no Lock, and the hint names neither.
  await page.keyboard.press('Alt+O');
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await logIn(page, 'kiprop', '4444');
  await page.keyboard.press('Control+1');
  await expect(page.getByRole('heading', { name: /^Plating plan/ })).toBeVisible();
  await expect(page.getByTestId('board-keys')).toHaveText('Tab to a batch to see its lots');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('selected-batch')).toBeVisible();
  await expect(page.getByTestId('board-keys')).toHaveText('T prints the traveller · Tab to the next batch');
  await expect(page.getByTestId('replan')).toHaveCount(0);
  await expect(page.getByTestId('lock')).toHaveCount(0);
  const board = await api<{ version: number; batches: { id: string; state: string }[] }>(baseURL!, 'plating.board', {}, await token());
  await refusal(api(baseURL!, 'plating.replan', { basedOn: board.version }, await token()));
  await refusal(api(baseURL!, 'plating.lockBatch', { basedOn: board.version, batchId: board.batches[0]!.id, locked: true }, await token()));
});

test('a refused save is told beside the field that caused it, not as a message', async ({ page }) => {
  await logIn(page, 'grace', '9999');
  await skipScannerCheck(page);
  await page.keyboard.press('Alt+5');
  await expect(page.getByRole('heading', { name: 'Devices' })).toBeVisible();
  // The demo's devices listed before they are counted (the list arrives after the heading).
  await expect(page.getByTestId('device-row').first()).toBeVisible();
  const devices = await page.getByTestId('device-row').count();
  // A new network printer by keys: its name, past the kind, ↑ from Serial to Network, an address with no port.
  await page.keyboard.press('Alt+N');
  await expect(page.getByTestId('device-form').locator('input[name=name]')).toBeFocused();
  await page.keyboard.type('Packing bench printer', { delay: 80 });
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('device-form').locator('select[name=driver]')).toHaveValue('tcp');
  await page.keyboard.press('Tab');
  await page.keyboard.type('nonsense', { delay: 80 });
  await page.keyboard.press('Enter');
  const address = page.getByTestId('device-form').locator('input[name=address]');
  await expect(page.getByTestId('address-problem')).toHaveText('A network device needs host:port, for example 192.168.1.50:9100, not "nonsense".');
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await expect(address).toHaveAccessibleDescription(/needs host:port/);
  await expect(page.getByTestId('message-error')).toHaveCount(0);
  await expect(page.getByTestId('device-row')).toHaveCount(devices);
  // Esc leaves the form as it was found.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('address-problem')).toHaveCount(0);
});

test('at most three messages, never over the screen being worked or the status bar', async ({ page }) => {
  await logIn(page, 'grace', '9999');
  await skipScannerCheck(page);
  await expect(page.getByTestId('lot-row').first()).toBeVisible();
  for (const n of [1, 2, 3, 4, 5]) await scan(page, `XQ-NOT-A-LOT-${n}`);
  const messages = page.getByTestId('message-error');
  await expect(messages.last()).toContainText('XQ-NOT-A-LOT-5');
  await expect(messages).toHaveCount(3);
  await expect(messages.first()).toContainText('XQ-NOT-A-LOT-3');
  const boxes = await Promise.all([messages, page.locator('main.screen'), page.getByTestId('status-bar')].map(boxesOf));
  const [shown, screen, bar] = boxes;
  for (const message of shown!) {
    expect(overlaps(message, screen![0]!), 'a message over the screen').toBe(false);
    expect(overlaps(message, bar![0]!), 'a message over the status bar').toBe(false);
  }
});

type Box = { x: number; y: number; width: number; height: number };

async function boxesOf(locator: Locator): Promise<Box[]> {
  const all = await locator.all();
  return Promise.all(all.map(async (one) => (await one.boundingBox())!));
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

// Every key a landing screen's hints name (its <kbd>s and its hint line), pressed in the order
// named, from where the focus is: each must change the screen, move the focus or be answered by a
// message. A key that leaves the screen is followed by a fresh visit before the next.
const landingScreens: [string, string, string][] = [
  ['wanjiru', '1111', '#/receiving'],
  ['otieno', '2222', '#/qc'],
  ['akinyi', '3333', '#/plating'],
  ['kiprop', '4444', '#/plating'],
  ['mwangi', '5555', '#/packing'],
  ['halima', '6666', '#/lots'],
];

for (const [username, pin, landing] of landingScreens) {
  test(`every key ${username}'s landing screen names does something`, async ({ page }) => {
    test.setTimeout(180_000);
    await logIn(page, username, pin);
    await skipScannerCheck(page);
    await expect(page).toHaveURL(new RegExp(`${landing}$`));
    const keys = keyNames(await hintTexts(page));
    console.log(`${username} on ${landing}: ${keys.join(' ')}`);
    for (const key of keys) {
      const before = await settledState(page);
      await page.keyboard.press(playwrightKey(key));
      await expect.poll(() => screenState(page), { message: `${key} on ${landing} changed nothing` }).not.toBe(before);
      // A key with Ctrl or Alt switches or does a thing of its own; the others move within one flow.
      if (key.includes('+') || !page.url().endsWith(landing)) {
        await page.goto(`/${landing}`);
        await page.reload();
      }
    }
  });
}

async function hintTexts(page: Page): Promise<string[]> {
  await expect(page.locator('main.screen h1, main.screen h2').first()).toBeVisible();
  const screen = page.locator('main.screen');
  // A hint line is a line of keys apart by "·", marked as a hint or not.
  // A key for what is already chosen (the tab on screen) rightly changes nothing: it is not pressed.
  return [...(await screen.locator('kbd:not([aria-pressed=true] kbd, [aria-current=page] kbd)').allInnerTexts()), ...(await screen.locator('.hint, p').allInnerTexts()).filter((text) => text.includes('·'))];
}

const keyPattern = /(?:(?:Ctrl|Alt|Shift)\+)*(?:F\d{1,2}|Enter|Esc|Tab|Space|Delete|PgUp|PgDn|Home|End|[↑↓←→])|(?:Ctrl|Alt|Shift)\+[A-Z0-9]|(?<![\w+])[A-Z](?![\w+])/g;

// A step back is pressed after its step forward: ↑ at the top of a list rightly does nothing.
const backAfter: Record<string, string> = { '↑': '↓', '←': '→', PgUp: 'PgDn', Home: 'End' };

function keyNames(texts: string[]): string[] {
  const named = [...new Set(texts.flatMap((text) => text.match(keyPattern) ?? []))];
  const backOf = Object.fromEntries(Object.entries(backAfter).map(([back, forward]) => [forward, back]));
  return named.flatMap((key) => {
    if (named.includes(backAfter[key] ?? '')) return [];
    const back = backOf[key];
    return back && named.includes(back) ? [key, back] : [key];
  });
}

const keyOf: Record<string, string> = { Ctrl: 'Control', '↑': 'ArrowUp', '↓': 'ArrowDown', '←': 'ArrowLeft', '→': 'ArrowRight', Esc: 'Escape', PgUp: 'PageUp', PgDn: 'PageDown' };

function playwrightKey(name: string): string {
  const parts = name.split('+');
  const last = parts.pop()!;
  return [...parts.map((part) => keyOf[part] ?? part), keyOf[last] ?? (last.length === 1 ? last.toLowerCase() : last)].join('+');
}

/** The screen once what it was loading has come: two looks a moment apart that agree. */
async function settledState(page: Page): Promise<string> {
  let state = await screenState(page);
  for (let look = 0; look < 20; look++) {
    await page.waitForTimeout(300);
    const again = await screenState(page);
    if (again === state) return state;
    state = again;
  }
  return state;
}

function screenState(page: Page): Promise<string> {
  return page.evaluate(() =>
    [location.hash, document.querySelector('main.screen')?.innerHTML, document.activeElement?.outerHTML.slice(0, 300), document.querySelector('.messages')?.innerHTML].join('\n'),
  );
}
