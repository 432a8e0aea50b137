import { expect, test } from '@playwright/test';
import { logIn, scan, skipScannerCheck } from './station';

// The scan beeps are files of the station's resources/ (resources/sounds), fetched by the page from
// the station server, not only tones synthesised in the browser.

test('a code Karakana does not know is told on screen and with the scan-error sound from resources/sounds', async ({ page }) => {
  await logIn(page, 'otieno', '2222');
  await skipScannerCheck(page);
  const sound = page.waitForResponse((answer) => new URL(answer.url()).pathname === '/resources/sounds/scan-error.wav');
  await scan(page, 'ZZ-NOT-A-CODE-7');
  await expect(page.getByTestId('message-error')).toHaveText('"ZZ-NOT-A-CODE-7" is not a code Karakana knows.');
  const answer = await sound;
  expect([answer.status(), answer.headers()['content-type']]).toEqual([200, 'audio/wav']);
  expect((await answer.body()).subarray(8, 12).toString('latin1')).toBe('WAVE');
});
