import { expect, test, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './chromium';
import { logIn, scan, skipScannerCheck } from './station';

// The bench's webcam is Chromium's fake camera (a moving test pattern), allowed without asking.
test.use({ launchOptions: { executablePath: chromiumPath(), args: [...chromiumArgs, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] } });

// The QC inspector's day on the demo: two lots of Kazuri Drop Earrings delivered this morning by a
// steady artisan wait at the bench. One is rejected on majors and returned, the other accepted;
// the artisan's quality page shows both.

/** The lot waiting in QC with this many pieces of the demo's earrings. */
async function waitingLot(page: Page, pieces: number): Promise<string> {
  const row = page.getByTestId('qc-waiting-lot').filter({ hasText: 'BR-EAR-002' }).filter({ has: page.locator('td.num', { hasText: new RegExp(`^${pieces}$`) }) }).first();
  return ((await row.locator('td').first().textContent()) ?? '').trim();
}

test('reject on majors and return, accept the next; the quality page shows both', async ({ page }) => {
  await logIn(page, 'otieno', '2222');
  await skipScannerCheck(page);
  await page.keyboard.press('Alt+8');
  await expect(page.getByRole('heading', { name: 'QC bench' })).toBeVisible();
  const rejected = await waitingLot(page, 60);
  const accepted = await waitingLot(page, 40);
  expect(rejected).toMatch(/^L-\d\d-R1-\d{6}$/);

  // The scan shows the design, its checklist, the plan per class and the pieces to pull.
  await scan(page, rejected);
  await expect(page.getByTestId('qc-lot')).toHaveText(rejected);
  await expect(page.getByTestId('qc-mode')).toHaveText('Normal inspection');
  await expect(page.getByTestId('qc-pull')).toHaveText('Pull 20 pieces from the 60 in QC');
  await expect(page.getByTestId('qc-plan-major')).toContainText('2.5');
  await expect(page.getByTestId('qc-plan-major')).toContainText('first 20 pieces');
  await expect(page.getByTestId('qc-plan-minor')).toContainText('first 13 pieces');
  await expect(page.getByTestId('qc-image-placeholder')).toBeVisible();
  await expect(page.getByTestId('qc-checklist')).toContainText('Clasp opens and closes');
  await expect(page.getByTestId('qc-piece')).toHaveText('Piece 1 of 20');

  // Defect first: one key per defect, on the current piece; arrows move between pieces.
  await page.keyboard.press('p');
  await expect(page.getByTestId('qc-entries')).toContainText('Casting porosity (Major)');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('qc-piece')).toHaveText('Piece 2 of 20');
  await page.keyboard.press('p');
  await expect(page.getByTestId('qc-entries')).toContainText('Casting porosity (Major)');
  await expect(page.getByTestId('qc-computed')).toContainText('The plan says: reject');
  // A photo of the porous piece: F8 opens the webcam, F8 takes it.
  await page.keyboard.press('F8');
  await expect(page.getByTestId('qc-capture')).toBeEnabled();
  await page.keyboard.press('F8');
  await expect(page.getByTestId('qc-photo')).toBeVisible();
  await expect(page.getByTestId('qc-camera')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('qc-reject.png') });

  // A crash (here, a reload) loses nothing: the inspection resumes with both defects.
  await page.reload();
  await expect(page.getByTestId('qc-lot')).toHaveText(rejected);
  await expect(page.getByTestId('qc-plan-major').locator('td').nth(6)).toHaveText('2');
  await expect(page.getByTestId('qc-plan-major').locator('td').nth(7)).toHaveText('reject');
  await expect(page.getByTestId('qc-piece')).toHaveText('Piece 2 of 20');
  await expect(page.getByTestId('qc-photo')).toBeVisible();

  // The inspector confirms; the lot goes back to the artisan with a return note.
  await expect(page.getByTestId('disposition-return')).toBeChecked();
  const quality = (await page.getByTestId('qc-artisan').getAttribute('href'))!;
  await page.keyboard.press('F10');
  await expect(page.getByTestId('message-info').last()).toContainText(`Lot ${rejected} rejected: 60 pieces returned to the artisan, return note queued.`);
  // Decided once: scanned again, nothing is left to inspect.
  await scan(page, rejected);
  await expect(page.getByTestId('message-error').last()).toContainText(`Lot ${rejected} has no pieces in QC`);

  // The second lot: one scratch is within the minors' plan; accepted on to refining.
  await scan(page, accepted);
  await expect(page.getByTestId('qc-pull')).toHaveText('Pull 13 pieces from the 40 in QC');
  await page.keyboard.press('s');
  await expect(page.getByTestId('qc-entries')).toContainText('Scratches (Minor)');
  await expect(page.getByTestId('qc-computed')).toContainText('The plan says: accept');
  await page.getByTestId('language-sw').click();
  await expect(page.getByTestId('qc-computed')).toContainText('Mpango unasema: kubali');
  await page.getByTestId('language-en').click();
  await page.keyboard.press('F10');
  await expect(page.getByTestId('message-info').last()).toContainText(`Lot ${accepted} accepted: 40 pieces on to refining.`);

  // The artisan's page links to their quality, which shows both inspections.
  await page.goto(`/${quality.replace('#/quality/', '#/artisan/')}`);
  await page.getByTestId('artisan-quality-link').click();
  await expect(page.getByTestId('quality-recent')).toBeVisible();
  const recent = page.getByTestId('quality-recent').locator('tbody tr');
  await expect(recent.nth(0)).toContainText(accepted);
  await expect(recent.nth(0)).toContainText('accept · On to refining');
  await expect(recent.nth(1)).toContainText(rejected);
  await expect(recent.nth(1)).toContainText('reject · Return to the artisan');
  await expect(page.getByTestId('quality-codes')).toContainText('Casting porosity');
  await expect(page.getByTestId('quality-trend').locator('svg').first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('quality.png'), fullPage: true });

  // The export is a CSV download with both lots.
  const download = page.waitForEvent('download');
  await page.getByTestId('quality-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^inspections-A-\d+-\d{4}-\d\d-\d\d\.csv$/);
});

test('a supervisor sees who needs support, and an override needs a reason', async ({ page }) => {
  await logIn(page, 'halima', '6666');
  await skipScannerCheck(page);
  await page.goto('/#/quality');
  await expect(page.getByTestId('quality-support')).toContainText('Tightened inspection');
  await expect(page.getByTestId('quality-support')).toContainText('BR-NCK-012');
  await page.screenshot({ path: test.info().outputPath('ranking.png'), fullPage: true });

  await page.keyboard.press('Alt+8');
  // A lot of a brass design (BR-...), whose catalogue the new defect joins below.
  const lotId = await page.getByTestId('qc-waiting-lot').filter({ hasText: /BR-/ }).first().locator('td').first().textContent();
  await scan(page, lotId!.trim());
  await expect(page.getByTestId('qc-computed')).toBeVisible();
  await page.getByTestId('qc-override').click();
  await page.keyboard.press('F10');
  await expect(page.getByTestId('message-error').last()).toContainText('An override needs a reason.');
  await page.getByTestId('language-sw').click();
  await page.getByTestId('qc-confirm').click();
  await expect(page.getByTestId('message-error').last()).toContainText('Kubadilisha uamuzi kunahitaji sababu.');
  // Nothing changed: the lot still waits in QC.
  await expect(page.getByTestId('qc-lot')).toHaveText(lotId!.trim());
  await page.getByTestId('language-en').click();

  // The catalogue is the supervisor's: a new defect with its key; a key already taken is refused.
  await page.goto('/#/qc/settings');
  await page.getByTestId('code-code').fill('wire-kink');
  await page.getByTestId('code-key').fill('p');
  await page.getByTestId('code-material').fill('brass');
  await page.getByTestId('code-en').fill('Kinked wire');
  await page.getByTestId('code-sw').fill('Waya uliopinda');
  await page.getByTestId('code-save').click();
  await expect(page.getByTestId('message-error').last()).toContainText('Key p is already used by porosity.');
  await page.getByTestId('code-key').fill('z');
  await page.getByTestId('code-save').click();
  await expect(page.getByTestId('qc-catalogue')).toContainText('Kinked wire');
  await page.screenshot({ path: test.info().outputPath('settings.png'), fullPage: true });
  await page.goto(`/#/qc/${lotId!.trim()}`);
  await expect(page.getByTestId('qc-codes')).toContainText('Kinked wire');
});
