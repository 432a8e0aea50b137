import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { HqProcess, tempFolder } from './processes';
import { skipScannerCheck } from './station';

// A station under an HQ hub: its Sync screen says whether its work reached the cloud or waits at
// the hub, while the cloud is away and once it is back.

const slot = Number(process.env.KARAKANA_E2E_SLOT ?? 0);
const [cloudPort, hubPort, stationPort] = [4405, 4406, 4407].map((p) => p + slot * 10);
const siteKey = 'hq-site-key';

const hq = async (...args: string[]) => (await promisify(execFile)(process.execPath, ['core/cli/hq.js', ...args])).stdout;

test('the Sync screen says the hub has not reached the cloud, then that everything reached the cloud', async ({ page }) => {
  test.setTimeout(180_000);
  const folder = tempFolder();
  const cloudDb = path.join(folder, 'cloud.db');
  const cloud = new HqProcess(['upstream', '--db', cloudDb, '--port', String(cloudPort), '--demo']);
  await cloud.start();
  const hubKey = /\n(\S+)\nOn the hub/.exec(await hq('upstream', 'add-hub', '--db', cloudDb, '--name', 'HQ hub'))![1]!;
  const hubArgs = ['--db', path.join(folder, 'hub.db'), '--port', String(hubPort), '--enroll-key', siteKey];
  const hub = new HqProcess(['upstream', ...hubArgs, '--upstream', `http://127.0.0.1:${cloudPort}`, '--upstream-key', hubKey]);
  await hub.start();
  const stationDb = path.join(folder, 'station.db');
  await hq('sync', '--db', stationDb, '--upstream', `http://127.0.0.1:${hubPort}`, '--enroll-key', siteKey, '--once');
  const station = new HqProcess(['serve', '--db', stationDb, '--port', String(stationPort)]);
  await station.start();
  try {
    await page.goto(`http://127.0.0.1:${stationPort}/`);
    await page.getByLabel('User name').fill('halima');
    await page.getByLabel('PIN').fill('6666');
    await page.keyboard.press('Enter');
    await skipScannerCheck(page);
    await page.keyboard.press('Alt+3');
    await expect(page.getByRole('heading', { name: 'Sync' })).toBeVisible();
    await expect(page.getByTestId('sync-state')).toContainText('Everything made here has reached the cloud, through the hub.', { timeout: 30_000 });

    // The cloud goes away: the station still reaches the hub, and says its work waits there.
    await cloud.stop();
    await expect(page.getByTestId('sync-hub')).toContainText('The hub has not reached the cloud for less than a minute; 0 events wait there.', { timeout: 30_000 });
    await expect(page.getByTestId('sync-state')).toContainText('Everything made here has reached the hub; the hub is holding it until the cloud takes it.');
    await expect(page.getByTestId('sync-state')).not.toContainText('reached the cloud, through the hub');
    await page.screenshot({ path: test.info().outputPath('hub-unlinked.png') });

    // The cloud is back: the hub links again by itself, and the station says so.
    await cloud.start();
    await expect(page.getByTestId('sync-state')).toContainText('Everything made here has reached the cloud, through the hub.', { timeout: 60_000 });
    await expect(page.getByTestId('sync-hub')).toContainText('The hub reaches the cloud');
  } finally {
    await station.stop();
    await hub.stop();
    await cloud.stop();
  }
});
