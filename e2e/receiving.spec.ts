import { expect, test, type Page } from '@playwright/test';
import { logIn, scan, skipScannerCheck } from './station';

// The receiving clerk's delivery, by scanner and keyboard, on the demo's simulated scale.

async function putOnScale(page: Page, grams: number) {
  await page.getByTestId('simulate-grams').fill(String(grams));
  await page.getByTestId('simulate').click();
}

/** The lines table starts on the first line not received yet: Enter weighs it. */
async function weighNextLine(page: Page) {
  await page.getByTestId('delivery-lines').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('weigh-panel')).toBeVisible();
}

test('a delivery of three lines: by weight, short with a reason, by sample; receipt; a second scan of the notice', async ({ page }) => {
  await logIn(page, 'wanjiru', '1111');
  await skipScannerCheck(page);
  await scan(page, 'DN-26-000101');
  await expect(page.getByTestId('delivery-code')).toHaveText('DN-26-000101');
  await expect(page.getByTestId('delivery-line')).toHaveCount(3);

  // Line 1: 110 Mara bar necklaces of 14.2 g. The bag goes on the scale; the weight gives the count.
  await weighNextLine(page);
  await putOnScale(page, 110 * 14.2);
  await expect(page.getByTestId('live-weight')).toContainText('1562.0 g stable');
  await page.keyboard.press('Alt+w');
  await expect(page.getByTestId('net-weight')).toHaveText('1562.0 g');
  await expect(page.getByTestId('proposal')).toContainText('110 pieces');
  await page.getByTestId('receive').click();
  await expect(page.getByTestId('message-info').last()).toContainText('110 pieces to QC, label queued');
  await expect(page.getByTestId('delivery-line').nth(0)).toContainText('L-26-R1-');

  // Line 2: 30 cuffs ordered, 28 on the scale. The difference needs a reason before it is received.
  await weighNextLine(page);
  await putOnScale(page, 28 * 31);
  await expect(page.getByTestId('live-weight')).toContainText('868.0 g stable');
  await page.getByTestId('weigh').click();
  await expect(page.getByTestId('proposal')).toHaveText('28 pieces');
  await expect(page.getByTestId('receive')).toBeDisabled();
  await page.getByTestId('reason').selectOption('countedShort');
  await page.getByTestId('receive').click();
  await expect(page.getByTestId('delivery-line').nth(1)).toContainText('· 28');

  // Line 3: 110 shell studs of about 2.4 g: 20 counted pieces teach this lot's unit weight first.
  await weighNextLine(page);
  await page.getByTestId('sample-pieces').fill('20');
  await putOnScale(page, 48.6);
  await expect(page.getByTestId('live-weight')).toContainText('48.6 g stable');
  await page.getByTestId('take-sample').click();
  await expect(page.getByTestId('sample-unit')).toContainText('2.430 g a piece, from 20 pieces');
  await putOnScale(page, 267.3);
  await expect(page.getByTestId('live-weight')).toContainText('267.3 g stable');
  await page.getByTestId('weigh').click();
  await expect(page.getByTestId('proposal')).toContainText('110 pieces');
  await page.getByTestId('receive').click();
  await expect(page.getByTestId('delivery-line').nth(2)).toContainText('· 110');

  // Finishing queues the artisan's receipt; the notice cannot be received again.
  await page.keyboard.press('F10');
  await expect(page.getByTestId('message-info').last()).toContainText('Delivery DN-26-000101 finished');
  await page.keyboard.press('Alt+2');
  await scan(page, 'DN-26-000101');
  await expect(page.getByTestId('delivery-finished')).toContainText('already received by Wanjiru Kamau');

  // The cuffs' lot knows how it was counted and why it is short.
  const lotId = ((await page.getByTestId('delivery-line').nth(1).locator('td').nth(4).textContent()) ?? '').split(' ')[0]!;
  await scan(page, lotId);
  await expect(page.getByTestId('lot-states')).toContainText('28 In QC');
  await expect(page.getByTestId('lot-notice')).toHaveText('DN-26-000101 · Line 2');
  await expect(page.getByTestId('lot-expected')).toHaveText('30 expected on the notice, 28 received');
  await expect(page.getByTestId('lot-variance')).toHaveText('Short: Counted short at the desk');
});

async function api<T>(baseURL: string, name: string, input: unknown, token?: string): Promise<T> {
  const response = await fetch(`${baseURL}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ input }),
  });
  const result = (await response.json()) as { ok: boolean; data: T; error?: unknown };
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
  return result.data;
}

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
  await expect(page.getByTestId('lot-decisions')).toContainText('Out of quarantine on to QC as BR-CUF-009 raw-brass: ok: hammered cuffs, not spirals — Halima Hassan');
});
