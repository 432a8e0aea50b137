import { expect, test, type Page } from '@playwright/test';
import { api, logIn, scan, skipScannerCheck } from './station';

// The receiving clerk's delivery, by scanner and keyboard alone, on the demo's simulated scale.

/**
 * A bag put on the demo's simulated scale: a physical act, not a key, so it goes to the station as
 * the scale would and no field of the page takes the keyboard.
 */
async function scaleHand(baseURL: string) {
  const token = (await api<{ token: string }>(baseURL, 'session.login', { username: 'wanjiru', pin: '1111' })).token;
  return (grams: number) => api(baseURL, 'scale.simulate', { grams }, token);
}

/** The keys a test presses itself, counted: the scans are not keys a person presses. */
function countedKeys(page: Page) {
  const keys = {
    count: 0,
    async press(key: string) {
      keys.count++;
      await page.keyboard.press(key);
    },
  };
  return keys;
}

const lines = (page: Page) => page.getByTestId('delivery-lines');
const line = (page: Page, i: number) => page.getByTestId('delivery-line').nth(i);

test('a delivery of three lines by keys: by weight, short with a reason, by sample; F10 says what it came to, once', async ({ page, baseURL }) => {
  const putOnScale = await scaleHand(baseURL!);
  await logIn(page, 'wanjiru', '1111');
  await skipScannerCheck(page);
  await scan(page, 'DN-26-000101');
  await expect(page.getByTestId('delivery-code')).toHaveText('DN-26-000101');
  await expect(page.getByTestId('delivery-line')).toHaveCount(3);
  // The lines have the keyboard at once, the first open line chosen; Tab goes on, not to the artisan's page.
  await expect(lines(page)).toBeFocused();
  await expect(line(page, 0)).toHaveClass(/active/);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: /Kisii/ })).not.toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(lines(page)).toBeFocused();

  // Line 1: 110 Mara bar necklaces of 14.2 g. Enter weighs it; an empty scale says so at once.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('weigh-panel')).toBeFocused();
  await putOnScale(0);
  await expect(page.getByTestId('live-weight')).toContainText('0.0 g zero');
  await page.keyboard.press('Alt+w');
  await expect(page.getByTestId('weigh-error')).toHaveText('Nothing on the scale: put the bag on, then weigh.');
  await putOnScale(110 * 14.2);
  await expect(page.getByTestId('live-weight')).toContainText('1562.0 g stable');
  await page.keyboard.press('Alt+w');
  await expect(page.getByTestId('net-weight')).toHaveText('1562.0 g');
  await expect(page.getByTestId('proposal')).toContainText('110 pieces');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('message-info').last()).toContainText('110 pieces to QC, label queued');
  await expect(line(page, 0)).toContainText('L-26-R1-');
  // The next open line is chosen and the lines have the keyboard again; Esc leaves a panel for them.
  await expect(lines(page)).toBeFocused();
  await expect(line(page, 1)).toHaveClass(/active/);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('weigh-panel')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('weigh-panel')).toHaveCount(0);
  await expect(lines(page)).toBeFocused();

  // Line 2: 30 cuffs ordered, 28 on the scale. The reason is asked for, in sight above the status bar.
  await page.keyboard.press('Enter');
  await putOnScale(28 * 31);
  await expect(page.getByTestId('live-weight')).toContainText('868.0 g stable');
  await page.keyboard.press('Alt+w');
  await expect(page.getByTestId('proposal')).toHaveText('28 pieces');
  await expect(page.getByTestId('reason')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('weigh-error')).toHaveText('Choose why the count differs (↑ ↓), then Enter.');
  await expect(line(page, 1)).toContainText('—');
  const receive = await page.getByTestId('receive').boundingBox();
  const statusBar = await page.locator('.status-bar').boundingBox();
  expect(receive!.y).toBeGreaterThanOrEqual(0);
  expect(receive!.y + receive!.height).toBeLessThanOrEqual(statusBar!.y);
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('reason')).toHaveValue('countedShort');
  await page.keyboard.press('Enter');
  await expect(line(page, 1)).toContainText('· 28');

  // Line 3: 110 shell studs of about 2.4 g: 20 counted pieces teach this lot's unit weight first.
  await expect(line(page, 2)).toHaveClass(/active/);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('weigh-panel')).toBeFocused();
  for (let tabs = 0; tabs < 8 && !(await page.getByTestId('sample-pieces').evaluate((field) => field === document.activeElement)); tabs++) await page.keyboard.press('Tab');
  await expect(page.getByTestId('sample-pieces')).toBeFocused();
  await putOnScale(48.6);
  await expect(page.getByTestId('live-weight')).toContainText('48.6 g stable');
  await page.keyboard.type('20', { delay: 90 });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sample-unit')).toContainText('2.430 g a piece, from 20 pieces');
  await putOnScale(267.3);
  await expect(page.getByTestId('live-weight')).toContainText('267.3 g stable');
  await page.keyboard.press('Alt+w');
  await expect(page.getByTestId('proposal')).toContainText('110 pieces');
  await page.keyboard.press('Enter');
  await expect(line(page, 2)).toContainText('· 110');

  // F10: one message, what the delivery came to (110 + 28 + 110 pieces, 2 short); no red beside it.
  await page.keyboard.press('F10');
  const finished = page.getByTestId('message-info').filter({ hasText: 'DN-26-000101 finished' });
  await expect(finished).toHaveText(
    'Delivery DN-26-000101 finished, receipt queued. Received: 248 pcs (lots: 3) · short: 2 pcs (lines: 1) · extra: 0 pcs (lines: 0) · quarantined: 0 pcs (lots: 0).',
  );
  await expect(page.getByTestId('delivery-finished')).toContainText('Received by Wanjiru Kamau');
  await expect(page.getByTestId('message-error')).toHaveCount(0);
  // F10 again says it was finished already, once.
  await page.keyboard.press('F10');
  await expect(page.getByTestId('message-error')).toHaveText('Delivery DN-26-000101 was already received by Wanjiru Kamau.');

  // The cuffs' lot knows how it was counted and why it is short.
  const lotId = ((await line(page, 1).locator('td').nth(4).textContent()) ?? '').split(' ')[0]!;
  await scan(page, lotId);
  await expect(page.getByTestId('lot-states')).toContainText('28 In QC');
  await expect(page.getByTestId('lot-notice')).toHaveText('DN-26-000101 · Line 2');
  await expect(page.getByTestId('lot-expected')).toHaveText('30 expected on the notice, 28 received');
  await expect(page.getByTestId('lot-variance')).toHaveText('Short: Counted short at the desk');
});

/**
 * The keystroke budget: a notice of three lines, each a bag the weight counts (line i weighs
 * grams[i] for pieces[i]), received and finished in at most 15 keys besides the scans.
 */
async function receiveWithinBudget(page: Page, baseURL: string, code: string, bags: { grams: number; pieces: number }[], summary: string) {
  const putOnScale = await scaleHand(baseURL);
  const keys = countedKeys(page);
  await scan(page, code);
  await expect(page.getByTestId('delivery-code')).toHaveText(code);
  for (const [i, { grams, pieces }] of bags.entries()) {
    await keys.press('Enter');
    await expect(page.getByTestId('weigh-panel')).toBeFocused();
    await putOnScale(grams);
    await expect(page.getByTestId('live-weight')).toContainText(`${grams.toFixed(1)} g`);
    await keys.press('Alt+w');
    await expect(page.getByTestId('net-weight')).toContainText(`${grams.toFixed(1)} g`);
    await keys.press('Enter');
    await expect(line(page, i)).toContainText(`· ${pieces}`);
  }
  await keys.press('F10');
  await expect(page.getByTestId('message-info').filter({ hasText: code })).toHaveText(summary);
  console.log(`${code}: three lines received and the delivery finished in ${keys.count} keys besides the scans`);
  expect(keys.count).toBeLessThanOrEqual(15);
}

test('keystroke budget, in English: a three-line delivery in at most 15 keys besides the scans', async ({ page, baseURL }) => {
  await logIn(page, 'wanjiru', '1111');
  await skipScannerCheck(page);
  const bags = [{ grams: 20 * 38, pieces: 20 }, { grams: 20 * 52, pieces: 20 }, { grams: 30 * 24, pieces: 30 }];
  await receiveWithinBudget(page, baseURL!, 'DN-26-000201', bags,
    'Delivery DN-26-000201 finished, receipt queued. Received: 70 pcs (lots: 3) · short: 0 pcs (lines: 0) · extra: 0 pcs (lines: 0) · quarantined: 0 pcs (lots: 0).');
});

test('keystroke budget, in Swahili: a three-line delivery in at most 15 keys besides the scans', async ({ page, baseURL }) => {
  await logIn(page, 'wanjiru', '1111');
  await skipScannerCheck(page);
  // The language is the clerk's setting, by its key, before the count starts; put back after.
  await page.keyboard.press('Alt+l');
  await expect(page.getByRole('heading', { name: 'Mapokezi' })).toBeVisible();
  const bags = [{ grams: 30 * 31, pieces: 30 }, { grams: 40 * 14.2, pieces: 40 }, { grams: 20 * 29, pieces: 20 }];
  await receiveWithinBudget(page, baseURL!, 'DN-26-000202', bags,
    'Uwasilishaji DN-26-000202 umekamilika, risiti iko kwenye foleni. Vilivyopokelewa: vipande 90 (makundi: 3) · pungufu: vipande 0 (mistari: 0) · ziada: vipande 0 (mistari: 0) · karantini: vipande 0 (makundi: 0).');
  await page.keyboard.press('Alt+l');
  await expect(page.getByTestId('delivery-finished')).toContainText('Received by Wanjiru Kamau');
});

/** Typed at a person's pace, so the scanner's ear hears keys, not a scan. */
const typeSlowly = (page: Page, text: string) => page.keyboard.type(text, { delay: 90 });

test('a walk-in namesake: the search tells the two Kazungu Baya apart, and picking the same one twice reopens one delivery', async ({ page, baseURL }) => {
  // What the artisans' own pages say about them: the oracle for what the search must show.
  const token = (await api<{ token: string }>(baseURL!, 'session.login', { username: 'wanjiru', pin: '1111' })).token;
  const namesakes = await Promise.all(
    ['A-00056', 'A-00060'].map((artisanId) => api<{ artisan: { id: string; name: string; region: string; phone: string } }>(baseURL!, 'artisans.page', { artisanId }, token)),
  );
  expect(namesakes.map((n) => n.artisan.name)).toEqual(['Kazungu Baya', 'Kazungu Baya']);

  await logIn(page, 'wanjiru', '1111');
  await skipScannerCheck(page);
  const pickNamesake = async (index: number) => {
    await page.keyboard.press('Alt+2');
    await page.keyboard.press('Alt+1');
    await expect(page.getByTestId('find-artisan')).toBeFocused();
    await typeSlowly(page, 'Kazungu Baya');
    const choices = page.getByTestId('artisan-choice');
    await expect(choices).toHaveCount(2);
    for (const [i, { artisan }] of namesakes.entries())
      await expect(choices.nth(i)).toContainText(`Kazungu Baya · ${artisan.id} · ${artisan.region} · phone …${artisan.phone.slice(-4)}`);
    for (let i = 0; i <= index; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('delivery-code')).toHaveText(/^W-R1-/);
    await expect(page.getByRole('link', { name: 'Kazungu Baya · Kilifi' })).toHaveAttribute('href', `#/artisan/${namesakes[index]!.artisan.id}`);
    return page.getByTestId('delivery-code').textContent();
  };
  const first = await pickNamesake(0);
  expect(await pickNamesake(0)).toBe(first);
  expect(await pickNamesake(1)).not.toBe(first);
});

test('a supervisor sends a quarantined lot on to QC by keyboard, with a reason the lot keeps', async ({ page, baseURL }) => {
  // At the desk: a bag of 12 cuffs that no notice listed, so quarantined.
  const clerk = (await api<{ token: string }>(baseURL!, 'session.login', { username: 'wanjiru', pin: '1111' })).token;
  const { code } = await api<{ code: string }>(baseURL!, 'receiving.walkIn', { artisanId: 'A-00011' }, clerk);
  const unexpected = { kind: 'unexpected', reason: 'notOnNotice', note: null };
  const item = { deliveryCode: code, lineNo: null, artisanOrderId: null, designSku: 'BR-CUF-001', finish: 'polished', quantity: 12, weighing: null, count: null, variance: unexpected };
  const { lotId, state } = await api<{ lotId: string; state: string }>(baseURL!, 'receiving.receive', item, clerk);
  expect(state).toBe('quarantine');

  await logIn(page, 'halima', '6666');
  await skipScannerCheck(page);
  await page.keyboard.press('Alt+q');
  await expect(page.getByRole('heading', { name: 'Quarantine' })).toBeVisible();
  await expect(page.getByTestId('quarantine-lots')).toBeFocused();
  // The newest arrival is last: End, then Enter decides what becomes of it.
  await page.keyboard.press('End');
  const row = page.getByTestId('quarantine-lot').filter({ hasText: lotId });
  await expect(row).toHaveClass(/active/);
  await expect(row).toContainText('Not on the notice');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('quarantine-outcome')).toBeFocused();
  await expect(page.getByTestId('quarantine-outcome')).toHaveValue('in_qc');
  // On to QC as the Hammered Open Cuff, the design after the Maasai Spiral Cuff in the list, in raw brass (it is not made polished).
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('quarantine-design')).toBeFocused();
  await expect(page.getByTestId('quarantine-design')).toHaveValue('BR-CUF-001');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('quarantine-design')).toHaveValue('BR-CUF-009');
  await expect(page.getByTestId('quarantine-finish')).toHaveValue('raw-brass');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('quarantine-reason')).toBeFocused();
  await typeSlowly(page, 'ok');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('quarantine-reason-error')).toHaveText('Give a reason of at least 5 characters.');
  await typeSlowly(page, ': hammered cuffs, not spirals');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('message-info').last()).toContainText(`Lot ${lotId}: 12 pieces on to QC as BR-CUF-009.`);
  await expect(page.getByTestId('quarantine-lot').filter({ hasText: lotId })).toHaveCount(0);

  // The lot's page: in QC as the design chosen, and who decided why.
  await scan(page, lotId);
  await expect(page.getByTestId('lot-states')).toHaveText('12 In QC');
  await expect(page.getByTestId('lot-decisions')).toContainText('Out of quarantine on to QC as BR-CUF-009 Raw brass: ok: hammered cuffs, not spirals — Halima Hassan');
});
