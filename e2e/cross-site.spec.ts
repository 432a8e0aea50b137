import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, expect, test, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './chromium';
import { HqProcess, tempFolder } from './processes';
import { logIn, skipScannerCheck } from './station';

// A site opened in any tab of a browser on the station's PC tries to act through the station
// server on loopback: wrong PINs to lock a user out, the first admin of a fresh store, joining it to
// a foreign upstream, and (DNS rebinding) a name of its own that now points at 127.0.0.1.
// The attacker's page is driven by script, as its own code would run; the people by keyboard.

const slot = Number(process.env.KARAKANA_E2E_SLOT ?? 0);
const freshPort = 4177 + slot * 10;

/** The attacker's site: a page on another origin (another port of this PC) with a frame to send forms into. */
async function attackerSite(): Promise<{ url: string; asked: string[]; close: () => void }> {
  // What was asked of it: a station made to join or look it up would ask for /sync/v1/...
  const asked: string[] = [];
  const server = http.createServer((req, res) => {
    asked.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>Cheap flights</title><h1>Cheap flights</h1><iframe name="sink"></iframe>');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, asked, close: () => server.close() };
}

/**
 * What a page of another site can send without asking the server first (no CORS preflight):
 * fetch with text/plain or no type, and a text/plain form whose one field spells the JSON.
 */
async function callFromAttacker(page: Page, target: string, procedure: string, input: unknown, times: number): Promise<void> {
  await page.evaluate(
    async ({ url, body, times }) => {
      const sink = document.querySelector('iframe')!;
      for (let i = 0; i < times; i++) {
        await fetch(url, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body }).catch(() => undefined);
        await fetch(url, { method: 'POST', mode: 'no-cors', body }).catch(() => undefined);
        const form = Object.assign(document.createElement('form'), { method: 'POST', action: url, enctype: 'text/plain', target: 'sink' });
        // Sent as `{"input":{...},"x":"="}`: still JSON.
        form.append(Object.assign(document.createElement('input'), { type: 'hidden', name: `${body.slice(0, -1)},"x":"`, value: '"}' }));
        document.body.append(form);
        const loaded = new Promise((resolve) => sink.addEventListener('load', resolve, { once: true }));
        form.submit();
        await loaded;
        form.remove();
      }
    },
    { url: `${target}/api/${procedure}`, body: JSON.stringify({ input }), times },
  );
}

test('a page of another site cannot lock a user out with wrong PINs', async ({ page, baseURL }) => {
  const attacker = await attackerSite();
  try {
    await page.goto(attacker.url);
    await expect(page.getByRole('heading', { name: 'Cheap flights' })).toBeVisible();
    await callFromAttacker(page, baseURL!, 'session.login', { username: 'kiprop', pin: '0000' }, 6);
  } finally {
    attacker.close();
  }
  // Six wrong PINs would have locked Kiprop: he logs in with his own.
  await logIn(page, 'kiprop', '4444');
  await skipScannerCheck(page);
});

test('a page of another site cannot set up a fresh station, nor join it to a site', async ({ page }) => {
  const attacker = await attackerSite();
  const fresh = new HqProcess(['serve', '--db', path.join(tempFolder(), 'fresh.db'), '--port', String(freshPort)]);
  await fresh.start();
  try {
    const station = `http://127.0.0.1:${freshPort}`;
    await page.goto(attacker.url);
    await callFromAttacker(page, station, 'setup.createAdmin', { name: 'Mallory', username: 'mallory', pin: '1357902', stationCode: 'X1', stationName: 'Mallory' }, 1);
    await callFromAttacker(page, station, 'setup.joinSite', { url: attacker.url }, 1);
    await callFromAttacker(page, station, 'setup.suggestCode', { url: attacker.url, letter: 'R' }, 1);
    await callFromAttacker(page, station, 'setup.loadDemo', {}, 1);
    expect(attacker.asked.filter((asked) => asked.startsWith('/sync/'))).toEqual([]);
    // The fresh station is still waiting to be set up.
    await page.goto(station);
    await expect(page.getByRole('heading', { name: 'Set up this station' })).toBeVisible();
  } finally {
    await fresh.stop();
    attacker.close();
  }
});

test('a rebound name (DNS rebinding: evil.example now pointing at 127.0.0.1) gets 403 for pages and calls', async ({ baseURL }) => {
  const port = new URL(baseURL!).port;
  // This browser resolves evil.example to loopback, as after the attacker's DNS answer changed.
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...chromiumArgs, '--host-resolver-rules=MAP evil.example 127.0.0.1'] });
  try {
    const page = await browser.newPage();
    const response = await page.goto(`http://evil.example:${port}/`);
    expect(response!.status()).toBe(403);
    expect(await response!.json()).toMatchObject({ ok: false, error: { code: 'api.foreignHost' } });
    const call = await page.evaluate(async () => {
      const answer = await fetch('/api/session.login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ input: { username: 'kiprop', pin: '0000' } }),
      });
      return { status: answer.status, body: (await answer.json()) as unknown };
    });
    expect(call).toMatchObject({ status: 403, body: { error: { code: 'api.foreignHost' } } });
  } finally {
    await browser.close();
  }
});
