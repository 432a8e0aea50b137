import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import sqlite3 from 'sqlite3';
import { logIn, skipScannerCheck } from './station';

// The admin's backups of the demo station, by keys: a folder on this PC (standing in for a USB
// drive), checked backups in it, and the status bar's warning when the drive is gone. The
// schedule is turned off again at the end, so later specs find the station as it was.

/** What SQLite itself says of a file: its integrity check and its event count (not the code under test). */
async function inspect(file: string): Promise<{ integrity: string; events: number }> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened: sqlite3.Database = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (err) => (err ? reject(err) : resolve(opened)));
  });
  const get = <T>(query: string) => new Promise<T>((resolve, reject) => db.get(query, (err, row) => (err ? reject(err) : resolve(row as T))));
  try {
    const { integrity_check: integrity } = await get<{ integrity_check: string }>('PRAGMA integrity_check');
    const { n } = await get<{ n: number }>('SELECT count(*) AS n FROM events');
    return { integrity, events: n };
  } finally {
    await new Promise((resolve) => db.close(resolve));
  }
}

const backupsIn = (folder: string) => readdirSync(folder).filter((name) => /^karakana-R1-.+\.db$/.test(name));

/** Replaces what the focused field holds, as a person selects all and types. */
async function retype(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+A');
  if (text) await page.keyboard.type(text);
  else await page.keyboard.press('Delete');
}

async function openBackups(page: Page): Promise<void> {
  await page.keyboard.press('Alt+7');
  await expect(page.getByRole('heading', { name: 'This station' })).toBeVisible();
  await page.keyboard.press('Alt+B');
  await expect(page.getByRole('heading', { name: 'Backups' })).toBeVisible();
  await expect(page.getByLabel('Back up into this folder')).toBeFocused();
}

test('an admin schedules backups by keys: a checked backup in the folder at once, a warning on the status bar while the drive is gone', async ({ page }) => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'karakana-e2e-usb-'));
  try {
    await logIn(page, 'grace', '9999');
    await skipScannerCheck(page);
    await openBackups(page);

    await retype(page, folder);
    await page.keyboard.press('Tab');
    await retype(page, '30');
    await page.keyboard.press('Tab');
    await retype(page, '3');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('backup-last-success')).toContainText(`${path.join(folder, 'karakana-R1-')}`);
    const [written] = backupsIn(folder);
    expect(await inspect(path.join(folder, written!))).toMatchObject({ integrity: 'ok', events: expect.any(Number) });
    expect((await inspect(path.join(folder, written!))).events).toBeGreaterThan(0);

    // The drive is pulled out: the next backup fails, and whoever is at the station is told, in their language.
    rmSync(folder, { recursive: true });
    await page.keyboard.press('Alt+N');
    const warning = page.getByTestId('status-backup');
    await expect(warning).toHaveText(`⚠ Backup failing: The folder ${folder} is not there: is the USB drive plugged in, or the share reachable? Nothing was backed up.`);
    await expect(page.getByTestId('backup-last-failure')).toContainText(`The folder ${folder} is not there`);
    await page.keyboard.press('Alt+L');
    await expect(warning).toHaveText(`⚠ Nakala rudufu zinashindwa: Folda ${folder} haipo: je, USB imechomekwa, au folda ya pamoja inafikika? Hakuna nakala iliyochukuliwa.`);
    await page.keyboard.press('Alt+L');
    await expect(page.getByRole('heading', { name: 'Backups' })).toBeVisible();

    // Plugged in again: the next backup succeeds and the warning goes.
    mkdirSync(folder);
    await page.keyboard.press('Alt+N');
    await expect(warning).toHaveCount(0);
    expect(backupsIn(folder)).toHaveLength(1);

    // Turned off again (an empty folder), as later specs expect the demo station.
    await openBackups(page);
    await retype(page, '');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: /Back up now/ })).toHaveCount(0);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
