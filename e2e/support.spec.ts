import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { logIn, skipScannerCheck } from './station';

// An admin saves a support bundle by keys, into a folder on this PC standing in for a USB drive,
// and the zip is read back with the system's own unzip. Nothing of the demo station changes.

const unzip = (...args: string[]) => execFileSync('unzip', args, { encoding: 'utf8' });

test('an admin saves a support bundle by keys: told in words when the folder is not there, then one zip of logs, status, versions and devices', async ({ page }) => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'karakana-e2e-support-'));
  try {
    await logIn(page, 'grace', '9999');
    await skipScannerCheck(page);
    await page.keyboard.press('Alt+7');
    await expect(page.getByRole('heading', { name: 'This station' })).toBeVisible();
    await page.keyboard.press('Alt+B');
    await expect(page.getByRole('heading', { name: 'Support bundle' })).toBeVisible();

    // No folder yet: Alt+S goes to the field.
    await page.keyboard.press('Alt+S');
    const field = page.getByLabel('Save a support bundle into this folder');
    await expect(field).toBeFocused();
    const pulled = path.join(folder, 'pulled-out');
    await page.keyboard.type(pulled);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('support-error')).toHaveText(`The folder ${pulled} is not there: is the USB drive plugged in, or the share reachable? No bundle was saved.`);
    expect(readdirSync(folder)).toEqual([]);

    await page.keyboard.press('Control+A');
    await page.keyboard.type(folder);
    await page.keyboard.press('Alt+S');
    const saved = page.getByTestId('support-saved');
    await expect(saved).toContainText(`Wrote ${path.join(folder, 'karakana-support-R1-')}`);
    const [zip] = readdirSync(folder);
    expect(zip).toMatch(/^karakana-support-R1-.+\.zip$/);
    const file = path.join(folder, zip!);
    await expect(saved).toContainText(file);
    const entries = unzip('-Z1', file).split('\n').filter(Boolean);
    expect(entries).toEqual(expect.arrayContaining(['status.json', 'versions.json', 'devices.json', 'sync-errors.txt', 'logs/demo.log']));
    expect(JSON.parse(unzip('-p', file, 'status.json'))).toMatchObject({ station: { code: 'R1' } });
    // The log tells grace's sign-in, never her PIN.
    expect(unzip('-p', file, 'logs/demo.log')).toContain('api session.login done {"input":{"username":"grace","pin":"[hidden]"}}');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
