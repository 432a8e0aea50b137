import { expect, test, type Page } from '@playwright/test';
import { decodeZpl } from '../core/labels/decode/zpl';
import { PrinterEmulator } from '../core/printing/emulator';
import { logIn, scan, scanReadTwice, skipScannerCheck } from './station';

// The packer's order: CO-26-4901 for a shop in Berlin, six gold cuffs and ten gold earrings (from
// a lot of 4 and a lot of 10), one wrong scan, the box on the simulated scale, labels to a
// port-9100 printer emulator that this test runs, read back from the bytes it received.

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

type PickList = { lines: { pick: { lotId: string; bin: string | null; quantity: number }[] }[] };

const progress = (page: Page, line: number) => page.getByTestId('line-progress').nth(line);

test('a two-line export order: a wrong scan refused, the box weighed, shipped, its label printed', async ({ page, baseURL }) => {
  const printer = await new PrinterEmulator({ language: 'zpl' }).start();
  try {
    // The station's 4 x 6 printer is the emulator (an admin sets that up once).
    const admin = (await api<{ token: string }>(baseURL!, 'session.login', { username: 'grace', pin: '9999' })).token;
    const device = await api<{ id: string }>(baseURL!, 'devices.save', { id: null, kind: 'label_printer', name: 'Shipping label printer', driver: 'tcp', address: printer.address }, admin);
    await api(baseURL!, 'printers.save', { job: 'shipping', deviceId: device.id, language: 'zpl', dpi: 203, widthMm: 101.6, heightMm: 152.4, offsetXMm: 0, offsetYMm: 0, darkness: 15 }, admin);
    const order = await api<PickList>(baseURL!, 'packing.open', { code: 'CO-26-4901' }, admin);
    const woodHoops = (await api<PickList>(baseURL!, 'packing.open', { code: 'CO-26-4902' }, admin)).lines[0]!.pick[0]!.lotId;
    const cuffs = order.lines[0]!.pick[0]!;
    const [fourEarrings, tenEarrings] = order.lines[1]!.pick;

    await logIn(page, 'mwangi', '5555');
    await skipScannerCheck(page);
    await page.keyboard.press('Alt+9');
    await expect(page.getByRole('heading', { name: 'Packing' })).toBeVisible();
    await scan(page, 'CO-26-4901');
    await expect(page.getByTestId('order-id')).toHaveText('CO-26-4901');
    await expect(page.getByTestId('order-line')).toHaveCount(2);
    // The pick list: each lot with its bin and how many to take.
    await expect(page.getByTestId('pick-list').nth(0)).toContainText(`${cuffs.lotId} · BIN-A01 · 6`);
    await expect(page.getByTestId('pick-list').nth(1)).toContainText(`${fourEarrings!.lotId} · BIN-A02 · 4`);
    await expect(page.getByTestId('pick-list').nth(1)).toContainText(`${tenEarrings!.lotId} · BIN-B01 · 6`);

    // Wood hoops are not on this order: a loud error, nothing counted.
    await scan(page, woodHoops);
    await expect(page.getByTestId('message-error').last()).toContainText(`Wrong item! ${woodHoops} is WD-EAR-005 wood-natural`);
    await expect(page.getByTestId('last-scan')).toContainText('Wrong item!');
    await page.screenshot({ path: test.info().outputPath('wrong-scan.png') });
    await expect(progress(page, 0)).toContainText('0 of 6');
    await expect(progress(page, 1)).toContainText('0 of 10');

    // The cuffs' lot label: its six allocated pieces.
    await scan(page, cuffs.lotId);
    await expect(progress(page, 0)).toContainText('6 of 6');
    // The scanner reads the tag twice in a few milliseconds: one piece, even when the busy PC
    // handles the second read 400 ms later. (The wrong item scanned next is answered after both
    // reads.) The next piece of the lot, the same tag, scanned once the packer has picked it up: one more.
    const tag = `${fourEarrings!.lotId}/BR-EAR-002/gold-0.5`;
    await scanReadTwice(page, tag, 400);
    await scan(page, woodHoops);
    await expect(page.getByTestId('last-scan')).toContainText('Wrong item!');
    await expect(progress(page, 1)).toContainText('1 of 10');
    await page.waitForTimeout(400);
    await scan(page, tag);
    await expect(progress(page, 1)).toContainText('2 of 10');
    await scan(page, fourEarrings!.lotId);
    await expect(progress(page, 1)).toContainText('4 of 10');
    await scan(page, tenEarrings!.lotId);
    await expect(progress(page, 1)).toContainText('10 of 10');
    // One piece more than the line asks for is refused.
    await scan(page, `${tenEarrings!.lotId}/BR-EAR-002/gold-0.5`);
    await expect(page.getByTestId('message-error').last()).toContainText('Too many! Line 2 of CO-26-4901 needs 0 more, not 1');
    await expect(page.getByTestId('box').first()).toContainText('16 pieces');

    // The box on the scale: 6 x 38 g + 10 x 6.2 g + a medium box of 250 g = 540 g.
    await expect(page.getByTestId('expected-weight')).toContainText('Expected 540 g');
    await page.getByTestId('simulate-grams').fill('546');
    await page.getByTestId('simulate').click();
    await expect(page.getByTestId('live-weight')).toContainText('546.0 g stable');
    await page.keyboard.press('Alt+w');
    await expect(page.getByTestId('weight-check')).toContainText('Weight matches (+6 g)');
    await page.screenshot({ path: test.info().outputPath('packed.png'), fullPage: true });

    // The tracking number from DHL's waybill is scanned into its field; F10 prints and ships.
    await page.getByTestId('tracking').focus();
    await scan(page, 'JD014600003847291835');
    await expect(page.getByTestId('tracking')).toHaveValue('JD014600003847291835');
    await page.keyboard.press('F10');
    await expect(page.getByTestId('message-info').filter({ hasText: 'Box shipped with JD014600003847291835: 3 labels queued' })).toBeVisible();
    await expect(page.getByTestId('order-status')).toHaveText('shipped');
    await expect(page.getByTestId('box').first()).toContainText('shipped JD014600003847291835');
    await page.screenshot({ path: test.info().outputPath('shipped.png'), fullPage: true });

    // The shipping label reached the printer: its barcode is the tracking number, the order and the shop are on it.
    await expect
      .poll(() => printer.jobs.map((j) => decodeZpl(j.bytes)).find((d) => d.barcodes.some((b) => b.value === 'JD014600003847291835' && b.type === 'code128')) ?? null, { timeout: 15_000 })
      .not.toBeNull();
    const label = printer.jobs.map((j) => decodeZpl(j.bytes)).find((d) => d.texts.some((t) => t.includes('Kifaru Boutique')) && d.barcodes.some((b) => b.value === 'JD014600003847291835'))!;
    expect(label.texts.join(' ')).toContain('CO-26-4901');
    expect(label.texts.join(' ')).toContain('DHL Express Worldwide');
    // And the customs lines, on the same printer: HS code, quantity, origin.
    await expect.poll(() => printer.jobs.map((j) => decodeZpl(j.bytes).texts.join(' ')).find((t) => t.includes('CN23')) ?? '', { timeout: 15_000 }).toContain('711719');

    // The four earrings left of the lot of ten go to another bin: scan the lot, then the bin.
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('packing-queue')).toBeVisible();
    await page.keyboard.press('Alt+p');
    await expect(page.getByTestId('put-away-panel')).toBeVisible();
    await scan(page, tenEarrings!.lotId);
    await scan(page, 'SHELF-7');
    await expect(page.getByTestId('message-error').last()).toContainText('"SHELF-7" is not a bin');
    await scan(page, tenEarrings!.lotId);
    await scan(page, 'BIN-D04');
    await expect(page.getByTestId('put-away-last')).toHaveText(`${tenEarrings!.lotId} is in BIN-D04`);

    // The earrings' lot of ten: six shipped, four still finished stock.
    await page.goto(`/#/lot/${tenEarrings!.lotId}`);
    await expect(page.getByTestId('lot-states')).toContainText('6 Shipped');
    await expect(page.getByTestId('lot-states')).toContainText('4 Finished stock');
  } finally {
    await printer.stop();
  }
});

test('in Swahili: an un-pack needs a reason, a box is weighed before it ships, the carrier label from upstream is used', async ({ page }) => {
  await logIn(page, 'halima', '6666');
  await skipScannerCheck(page);
  await page.getByTestId('language-sw').click();
  try {
    await page.keyboard.press('Alt+9');
    await expect(page.getByTestId('packing-queue')).toContainText('CO-26-4903');
    await page.getByTestId('box-types').locator('summary').click();
    await page.screenshot({ path: test.info().outputPath('start.png') });
    await scan(page, 'CO-26-4903');
    await expect(page.getByTestId('order-id')).toHaveText('CO-26-4903');
    const necklaces = ((await page.getByTestId('pick-list').first().textContent()) ?? '').split(' ')[0]!;
    // The supervisor fixes this lot's pieces to the order, with a reason.
    await page.getByText('Badilisha mgao').first().click();
    const allocate = page.getByTestId('allocate').first();
    await allocate.locator('input[name="lot"]').fill(necklaces);
    await allocate.locator('input[name="quantity"]').fill('4');
    await allocate.locator('input[name="reason"]').fill('Mteja wa kipaumbele');
    await allocate.getByRole('button', { name: 'Badilisha mgao' }).click();
    await expect(page.getByTestId('pick-list').first()).toContainText(`${necklaces} · BIN-C02 · 4 (imewekwa na msimamizi)`);
    await scan(page, necklaces);
    await expect(progress(page, 0)).toContainText('4 kati ya 4');
    await expect(page.getByTestId('carrier-label')).toContainText('UPS 1Z999AA10123456784');

    // Un-packing without a reason changes nothing; with one, the pieces go back to finished stock.
    await page.getByTestId('unpack').click();
    await expect(page.getByTestId('message-error').last()).toHaveText('Toa sababu kwanza.');
    await expect(progress(page, 0)).toContainText('4 kati ya 4');
    await page.getByTestId('unpack-reason').fill('Mteja amebadilisha rangi');
    await page.getByTestId('unpack').click();
    await expect(page.getByTestId('message-info').last()).toHaveText('Vipande 4 vimerudi kwenye bidhaa zilizokamilika');
    await expect(progress(page, 0)).toContainText('0 kati ya 4');

    await scan(page, necklaces);
    await expect(progress(page, 0)).toContainText('4 kati ya 4');
    // Not weighed yet: refused.
    await page.keyboard.press('F10');
    await expect(page.getByTestId('message-error').last()).toHaveText('Pima sanduku kabla halijatumwa.');
    // 4 x 14.2 g + a medium box of 250 g, weighed on a scale that is not connected: typed in.
    await page.locator('input[name="handGrams"]').fill('300');
    await page.getByRole('button', { name: 'Tumia' }).click();
    await expect(page.getByTestId('weight-check')).toContainText('Uzito unalingana');
    await page.keyboard.press('F10');
    await expect(page.getByTestId('message-info').filter({ hasText: 'Sanduku limetumwa kwa 1Z999AA10123456784: lebo 3 zimepangwa' })).toBeVisible();
    await expect(page.getByTestId('order-status')).toHaveText('imetumwa');
    await page.screenshot({ path: test.info().outputPath('swahili-shipped.png') });

    // The lot's history says what the packing table did in words, never an event's code name.
    await page.keyboard.press('Alt+2');
    await scan(page, necklaces);
    const history = page.getByTestId('lot-history');
    await expect(history).toContainText('Imewekwa kwenye pipa BIN-C02');
    await expect(history).toContainText('Imetengwa kwa CO-26-4903 mstari 1 na msimamizi: Mteja wa kipaumbele');
    await expect(history).toContainText('Vimehamishwa kutoka Imefungashwa hadi Bidhaa tayari (Mteja amebadilisha rangi)');
    await expect(history).toContainText('Vimehamishwa kutoka Imefungashwa hadi Imesafirishwa (CO-26-4903)');
    await expect(history.locator('td').filter({ hasText: /^[a-z]+\.[a-zA-Z]+$/ })).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath('swahili-history.png') });
  } finally {
    await page.getByTestId('language-en').click();
  }
});

test('a box weighing 2,000 g does not ship on F10: the screen says how far off it is and what to do', async ({ page, baseURL }) => {
  const admin = (await api<{ token: string }>(baseURL!, 'session.login', { username: 'grace', pin: '9999' })).token;
  const hoops = (await api<PickList>(baseURL!, 'packing.open', { code: 'CO-26-4902' }, admin)).lines[0]!.pick[0]!.lotId;
  await logIn(page, 'mwangi', '5555');
  await skipScannerCheck(page);
  await page.keyboard.press('Alt+9');
  await scan(page, 'CO-26-4902');
  await expect(page.getByTestId('order-id')).toHaveText('CO-26-4902');
  await scan(page, hoops);
  await expect(page.getByTestId('last-scan')).toContainText(hoops);
  const [box] = (await api<{ boxes: { expectedG: number; toleranceG: number }[] }>(baseURL!, 'packing.open', { code: 'CO-26-4902' }, admin)).boxes;
  const off = Math.round((2000 - box!.expectedG) * 10) / 10;

  // Something heavy went into the box with the hoops.
  await page.getByTestId('simulate-grams').fill('2000');
  await page.getByTestId('simulate').click();
  await expect(page.getByTestId('live-weight')).toContainText('2000.0 g stable');
  await page.keyboard.press('Alt+w');
  await expect(page.getByTestId('weight-check')).toContainText(`+${off} g off, more than ${box!.toleranceG} g. Weigh it again, or a supervisor overrides with a reason.`);
  await page.getByTestId('tracking').fill('G4S00012345');
  await page.keyboard.press('F10');
  await expect(page.getByTestId('message-error').last()).toHaveText(
    `This box weighs 2000 g, +${off} g off the ${box!.expectedG} ± ${box!.toleranceG} g expected. Weigh it again, or a supervisor overrides with a reason.`,
  );
  await expect(page.getByTestId('order-status')).toHaveText('open');
  await expect(page.getByTestId('box').first()).not.toContainText('shipped');
  await page.screenshot({ path: test.info().outputPath('heavy-box.png'), fullPage: true });

  // Taken out, the box weighed again: it ships.
  await page.getByTestId('simulate-grams').fill(String(box!.expectedG));
  await page.getByTestId('simulate').click();
  await page.keyboard.press('Alt+w');
  await expect(page.getByTestId('weight-check')).toContainText('Weight matches');
  await page.keyboard.press('F10');
  await expect(page.getByTestId('message-info').filter({ hasText: 'Box shipped with G4S00012345' })).toBeVisible();
  await expect(page.getByTestId('order-status')).toHaveText('shipped');
});
