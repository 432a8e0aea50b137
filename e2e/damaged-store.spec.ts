import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import sqlite3 from 'sqlite3';
import { askStore } from '../core/testing/askStore';
import { damageTablePage } from '../core/testing/damagedStore';
import { hq } from '../core/testing/hq';
import { HqProcess, tempFolder } from './processes';

// Station servers of their own, on their own ports, over real store files a station PC can find:
// the demo store with its users' page overwritten after a backup was taken into its backup folder,
// and a 0-byte file. The page a person opens says what was found and what to do, in words.

const slot = Number(process.env.KARAKANA_E2E_SLOT ?? 0);
const [damagedPort, emptyPort] = [4470, 4471].map((p) => p + slot * 10);

/** The backup folder an admin chose on the Backups screen, written as that screen's save leaves it. */
function chooseBackupFolder(file: string, folder: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, (err) => err && reject(err));
    db.run('UPDATE station SET backup_folder = ?', [folder], (err) => db.close(() => (err ? reject(err) : resolve())));
  });
}

async function run(...args: string[]): Promise<string> {
  const done = await hq(...args);
  expect(done.code, `hq ${args.join(' ')}\n${done.stdout}${done.stderr}`).toBe(0);
  return done.stdout;
}

test('a store with a damaged page shows its own screen naming the last backup to restore, in English and Swahili', async ({ page }) => {
  test.setTimeout(180_000);
  const folder = tempFolder();
  const file = path.join(folder, 'station.db');
  const backups = path.join(folder, 'usb-drive');
  mkdirSync(backups);
  await run('seed', '--demo', '--db', file);
  const [{ code }] = (await askStore<{ code: string }>(file, 'SELECT code FROM station')) as [{ code: string }];
  const backup = path.join(backups, `karakana-${code}-2026-12-05T18-00-00.db`);
  await run('backup', '--db', file, '--out', backup);
  await chooseBackupFolder(file, backups);
  await damageTablePage(file, 'users');
  const station = new HqProcess(['serve', '--db', file, '--port', String(damagedPort)]);
  await station.start();
  try {
    await page.goto(`http://127.0.0.1:${damagedPort}/`);
    await expect(page.getByRole('heading', { name: "This station's store is damaged" })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText(`The store ${file} is damaged`);
    await expect(page.getByText(`hq restore --db ${file} --from ${backup}`)).toBeVisible();
    await expect(page.getByText(`hq salvage --db ${file}`)).toBeVisible();
    await expect(page.getByText('internal')).toHaveCount(0);
    await page.keyboard.press('Alt+L');
    await expect(page.getByRole('heading', { name: 'Hifadhi ya kituo hiki imeharibika' })).toBeVisible();
    await expect(page.getByText(`hq restore --db ${file} --from ${backup}`)).toBeVisible();
  } finally {
    await station.stop();
  }
});

test('a 0-byte store file is told as empty on the first screen, and stays 0 bytes', async ({ page }) => {
  const file = path.join(tempFolder(), 'station.db');
  writeFileSync(file, '');
  const station = new HqProcess(['serve', '--db', file, '--port', String(emptyPort)]);
  await station.start();
  try {
    await page.goto(`http://127.0.0.1:${emptyPort}/`);
    await expect(page.getByRole('heading', { name: "This station's store file is empty" })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveText(`The file ${file} is empty (0 bytes): it holds no station.`);
    await expect(page.getByRole('heading', { name: 'Set up this station' })).toHaveCount(0);
  } finally {
    await station.stop();
  }
  expect(statSync(file).size).toBe(0);
});
