import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import pg from 'pg';
import { hq } from '../core/testing/hq';
import { HqProcess, tempFolder } from './processes';
import { scan, skipScannerCheck } from './station';

// README "Setting up a site", followed step by step with real processes: the cloud upstream (on
// PostgreSQL when KARAKANA_TEST_PG is set, as in CI), the example files published with `hq publish`,
// an HQ hub, a receiving desk set up on its first screen with the site's first admin, a QC bench and
// a packing table joined with `hq sync`, a user added at R1 logging in at Q1, a delivery received
// from a published notice while the cloud is cut, and the receipt at the cloud once it is back.

const slot = Number(process.env.KARAKANA_E2E_SLOT ?? 0);
const [cloudPort, hubPort, r1Port, q1Port, p1Port] = [4400, 4401, 4402, 4403, 4404].map((p) => p + slot * 10);
const [cloudUrl, hubUrl] = [cloudPort, hubPort].map((p) => `http://127.0.0.1:${p}`);
const siteKey = 'nairobi-site-key-2027';
const platformKey = 'nairobi-platform-key-2027';
const pinLabel = 'PIN (4 to 8 digits; 7 or more for an admin or supervisor)';

/** The cloud's store: a database of its own on the CI's PostgreSQL, or a SQLite file without one. */
async function cloudStore(folder: string): Promise<{ args: string[]; drop: () => Promise<void> }> {
  const admin = process.env.KARAKANA_TEST_PG;
  if (!admin) return { args: ['--db', path.join(folder, 'cloud.db')], drop: async () => {} };
  const name = `karakana_site_${randomBytes(4).toString('hex')}`;
  const sql = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(statement).finally(() => client.end());
  };
  await sql(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { args: ['--pg', url.href], drop: () => sql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** `hq ...` as the technician types it; fails the test with its output when it does not exit 0. */
async function run(...args: string[]): Promise<string> {
  const done = await hq(...args);
  expect(done.code, `hq ${args.join(' ')}\n${done.stdout}${done.stderr}`).toBe(0);
  return done.stdout;
}

/** The lots an upstream holds, from `hq digest --upstream`, as anyone comparing stores asks. */
async function lotsAt(url: string): Promise<number> {
  const digest = await run('digest', '--upstream', url);
  return Number(/lots=(\d+)/.exec(digest)![1]);
}

/** Tab (or Shift+Tab), as a person does, until the element `selector` finds has the focus. */
async function tabTo(page: Page, selector: string, key = 'Tab'): Promise<void> {
  for (let presses = 0; presses < 40; presses++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reaches ${selector}`);
}

async function logIn(page: Page, url: string, username: string, pin: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('User name').fill(username, { timeout: 10_000 });
  await page.getByLabel('PIN').fill(pin, { timeout: 10_000 });
  await page.keyboard.press('Enter');
  await skipScannerCheck(page);
}

/** Step 4: the receiving desk's first screen, the site's first admin, then Sync → the hub. */
async function setUpReceivingDesk(page: Page): Promise<void> {
  await page.goto(`http://127.0.0.1:${r1Port}/`);
  await page.getByLabel('Station code').fill('R1');
  await page.getByLabel('Station name').fill('Receiving desk');
  await page.getByLabel('Name', { exact: true }).fill('Grace Wambui');
  await page.getByLabel('User name').fill('grace');
  await page.getByLabel(pinLabel).fill('7319046');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await logIn(page, `http://127.0.0.1:${r1Port}/`, 'grace', '7319046');
  await page.keyboard.press('Alt+3');
  await page.getByLabel('Upstream address').fill(hubUrl);
  await page.getByLabel('Site key').fill(siteKey);
  await page.keyboard.press('Enter');
  await expect(page.getByText(`Enrolled with ${hubUrl}`)).toBeVisible();
  await expect(page.getByTestId('sync-state')).toContainText(/Everything made here has reached the (upstream|cloud)/, { timeout: 30_000 });
}

/** Step 6: an admin adds Otieno, a QC inspector, at R1. */
async function addInspector(page: Page): Promise<void> {
  await page.keyboard.press('Alt+6');
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
  // A person's fingers, slower than a scanner's burst (which goes to the screen, not the field).
  const type = (text: string) => page.keyboard.type(text, { delay: 120 });
  await tabTo(page, 'input[name="name"]');
  await type('Otieno Ochieng');
  await page.keyboard.press('Tab');
  await type('otieno');
  await page.keyboard.press('Tab');
  await type('5821');
  await tabTo(page, 'input[name="role-inspector"]');
  await page.keyboard.press('Space');
  await tabTo(page, 'input[name="pin"]', 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('users-table')).toContainText('Otieno Ochieng');
}

/** Step 7: DN-27-000101 (40 cuffs of 42.5 g) scanned at R1, its bag's 1700 g typed: no scale is set up. */
async function receiveNotice(page: Page): Promise<void> {
  await page.keyboard.press('Alt+1');
  // A scan the screen did not take (a busy PC) is scanned again, as the clerk would.
  await expect(async () => {
    await scan(page, 'DN-27-000101');
    await expect(page.getByTestId('delivery-code')).toHaveText('DN-27-000101', { timeout: 2000 });
  }).toPass();
  await tabTo(page, '[data-testid="delivery-lines"]');
  await page.keyboard.press('Enter');
  await tabTo(page, 'input[name="handGrams"]');
  await page.keyboard.type('1700', { delay: 150 }); // typed by a person, not a scanner's burst
  await expect(page.getByTestId('proposal')).toContainText('40 pieces');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('message-info').last()).toContainText('40 pieces to QC');
  await expect(page.getByTestId('delivery-line').first()).toContainText(/L-\d\d-R1-000001/);
}

test('a site from an empty platform, as README "Setting up a site" tells it', async ({ page }) => {
  test.setTimeout(300_000);
  const folder = tempFolder();
  const store = await cloudStore(folder);
  const cloud = new HqProcess(['upstream', ...store.args, '--port', String(cloudPort), '--enroll-key', siteKey, '--platform-key', platformKey]);
  const started: HqProcess[] = [cloud];
  try {
    // 1. The cloud upstream, with its site key and platform key.
    await cloud.start();

    // 2. The company's reference data, published from the example files.
    for (const kind of ['artisans', 'designs', 'artisan-orders', 'delivery-notices', 'customer-orders'])
      await run('publish', '--upstream', cloudUrl, '--platform-key', platformKey, '--kind', kind, `resources/examples/site/${kind}.csv`);

    // 3. The HQ hub: its key made on the cloud, presented once at its first start.
    const made = await run('upstream', 'add-hub', ...store.args, '--name', 'HQ hub');
    const hubKey = made.split('\n')[1]!;
    const hub = new HqProcess(['upstream', '--db', path.join(folder, 'hub.db'), '--port', String(hubPort), '--enroll-key', siteKey, '--upstream', cloudUrl, '--upstream-key', hubKey]);
    started.push(hub);
    await hub.start();

    // 4. R1 set up on its first screen with the site's first admin, enrolled with the hub.
    const stations = [r1Port, q1Port, p1Port].map((port, i) => new HqProcess(['serve', '--db', path.join(folder, `${['r1', 'q1', 'p1'][i]}.db`), '--port', String(port)]));
    started.push(...stations);
    for (const station of stations) await station.start();
    await setUpReceivingDesk(page);

    // 5. Q1 and P1 join with their codes and names beside their running station servers.
    expect(await run('sync', '--db', path.join(folder, 'q1.db'), '--upstream', hubUrl, '--enroll-key', siteKey, '--station', 'Q1', '--name', 'QC bench', '--once')).toContain('Enrolled as station Q1 (QC bench)');
    expect(await run('sync', '--db', path.join(folder, 'p1.db'), '--upstream', hubUrl, '--enroll-key', siteKey, '--station', 'P1', '--name', 'Packing table', '--once')).toContain('Enrolled as station P1 (Packing table)');
    const listed = await run('upstream', 'stations', '--db', path.join(folder, 'hub.db'));
    for (const station of [/^R1\s+Receiving desk\s+station\s/m, /^Q1\s+QC bench\s+station\s/m, /^P1\s+Packing table\s+station\s/m]) expect(listed).toMatch(station);

    // 6. A user added at R1 logs in at Q1 once the hub has carried them there.
    await addInspector(page);
    await page.goto(`http://127.0.0.1:${q1Port}/`);
    await expect(page.getByText('Station Q1 · QC bench')).toBeVisible();
    await expect(async () => {
      await logIn(page, `http://127.0.0.1:${q1Port}/`, 'otieno', '5821');
    }).toPass({ timeout: 60_000, intervals: [5_000] });
    await expect(page.getByTestId('status-user')).toContainText('Otieno Ochieng');

    // 7. The cloud is cut; R1 receives a published notice all the same, and the hub holds the lot.
    await cloud.stop('SIGKILL');
    // Grace is still logged in at R1, as a person at another desk would be.
    await page.goto(`http://127.0.0.1:${r1Port}/`);
    await expect(page.getByTestId('status-user')).toContainText('Grace Wambui');
    await receiveNotice(page);
    await expect.poll(() => lotsAt(hubUrl), { timeout: 30_000 }).toBe(1);

    // 8. The cloud is back: the hub relays the receipt on its own.
    await cloud.start();
    await expect.poll(() => lotsAt(cloudUrl), { timeout: 60_000 }).toBe(1);
  } finally {
    for (const p of started.reverse()) await p.stop('SIGKILL');
    await store.drop();
  }
});
