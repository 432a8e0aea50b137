import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createApp, type App } from '../app/app';
import { createContext } from '../app/context';
import { receiveLot } from '../lots/service';
import { demoStoreFile, tempDir } from '../testing/tempStore';
import { startServer, type StationServer } from './server';
import { contentSecurityPolicy } from './static';

// The station server on a loopback port, over a demo store. Demo people: grace (admin, 9999).

let app: App | undefined;
let server: StationServer | undefined;
afterEach(async () => {
  await server?.close();
  await app?.close();
  server = app = undefined;
});

/** A renderer folder as `npm run build` leaves it, with a file beside it that must never be served. */
function builtRenderer(): string {
  const root = path.join(tempDir(), 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Karakana</title><div id="root"></div>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log("karakana")');
  writeFileSync(path.join(root, '..', 'secret.txt'), 'not for the LAN');
  return root;
}

async function station(rendererRoot = tempDir()): Promise<string> {
  app = await createApp(await demoStoreFile(), { devicePollMs: 0 });
  server = await startServer(app, { port: 0, host: '127.0.0.1', rendererRoot });
  return server.url;
}

function post(url: string, body: string, token?: string) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
}

async function login(base: string): Promise<string> {
  const response = await post(`${base}/api/session.login`, JSON.stringify({ input: { username: 'grace', pin: '9999' } }));
  const result = (await response.json()) as { ok: boolean; data: { token: string } };
  expect(result.ok).toBe(true);
  return result.data.token;
}

/** GET with the path sent exactly as written (fetch would tidy `..` and bad escapes away). */
function rawGet(base: string, rawPath: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}/`, { path: rawPath }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}

describe('calls over HTTP', () => {
  it('log in, then carry the session as a Bearer token', async () => {
    const base = await station();
    const token = await login(base);
    const me = await post(`${base}/api/session.me`, '{}', token);
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('no-store');
    expect(await me.json()).toMatchObject({ ok: true, data: { username: 'grace', roles: ['admin', 'supervisor'] } });

    const anonymous = await post(`${base}/api/session.me`, '{}');
    expect(await anonymous.json()).toMatchObject({ ok: false, error: { code: 'auth.required' } });
    const wrongScheme = await fetch(`${base}/api/session.me`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${token}` },
      body: '{}',
    });
    expect(await wrongScheme.json()).toMatchObject({ ok: false, error: { code: 'auth.required' } });
  });

  it('answer a body that is not JSON with 400 api.badRequest', async () => {
    const base = await station();
    const response = await post(`${base}/api/session.login`, '{"input": {"username": "grace", ');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'api.badRequest' } });
  });

  it('refuse a body over 1 MiB with an answer saying so, and take one just under', async () => {
    const base = await station();
    const login = JSON.stringify({ input: { username: 'grace', pin: '9999' } });
    const tooBig = await post(`${base}/api/session.login`, login + ' '.repeat(1 << 20));
    expect(tooBig.status).toBe(400);
    expect(await tooBig.json()).toMatchObject({ ok: false, error: { code: 'api.badRequest', message: expect.stringContaining('1 MiB') } });

    const justUnder = await post(`${base}/api/session.login`, login + ' '.repeat((1 << 20) - login.length));
    expect(await justUnder.json()).toMatchObject({ ok: true, data: { user: { username: 'grace' } } });
  });

  it('take POST only, and pass the contract’s own refusals through', async () => {
    const base = await station();
    expect((await fetch(`${base}/api/session.me`)).status).toBe(405);
    const unknown = await post(`${base}/api/lots.delete`, '{}');
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'api.unknownProcedure' } });
  });
});

describe('the renderer', () => {
  it('is missing until built: any page answers 503 saying how to build it', async () => {
    const base = await station(tempDir());
    const response = await fetch(`${base}/lots/L-26-R1-000001`);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build');
  });

  it('once built, answers every screen’s address with index.html under the content security policy', async () => {
    const base = await station(builtRenderer());
    for (const address of ['/', '/lots/L-26-R1-000001', '/settings/users']) {
      const response = await fetch(`${base}${address}`);
      expect(response.status, address).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await response.text()).toContain('<div id="root">');
    }
    const script = await fetch(`${base}/assets/app.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log("karakana")');
  });

  it('never serves a file outside its folder, and survives a malformed address', async () => {
    const base = await station(builtRenderer());
    for (const sneaky of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt']) {
      const response = await rawGet(base, sneaky);
      expect(response.body, sneaky).not.toContain('not for the LAN');
    }
    expect((await rawGet(base, '/lots/%E0%A4%A')).status).toBe(400);
    expect((await fetch(`${base}/`)).status).toBe(200); // still up
  });
});

describe('topics over WebSocket', () => {
  async function connect(base: string) {
    const socket = new WebSocket(`${base.replace('http', 'ws')}/ws`);
    const messages: { topic: string; payload: { lotId?: string } }[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data)) as (typeof messages)[number]));
    await once(socket, 'open');
    return { socket, messages };
  }

  it('tell a logged-in client that a lot changed when one is received through the core', async () => {
    const base = await station();
    const token = await login(base);
    const { socket, messages } = await connect(base);
    socket.send(JSON.stringify({ token }));

    const clerk = await app!.store.db.selectFrom('users').select('id').where('username', '=', 'wanjiru').executeTakeFirstOrThrow();
    const ctx = createContext({ db: app!.store.db, bus: app!.bus, now: () => new Date(), statusChanged: () => undefined }, null, clerk.id);
    const receive = () =>
      receiveLot(ctx, { designSku: 'BR-EAR-002', artisanId: 'A-00003', finish: 'gold-0.5', deliveryCode: null, quantity: 30, weightG: 186.4, state: 'in_qc' });

    // The server subscribes once it has checked the token; receive until the client hears of a lot.
    const received: string[] = [];
    for (let tries = 0; tries < 40 && !messages.some((m) => m.topic === 'lot.changed'); tries++) {
      received.push(await receive());
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const heard = messages.filter((m) => m.topic === 'lot.changed');
    expect(heard.length).toBeGreaterThan(0);
    expect(received).toContain(heard[0]!.payload.lotId);

    // From then on, every lot received is heard of.
    const next = await receive();
    await expect.poll(() => messages.some((m) => m.topic === 'lot.changed' && m.payload.lotId === next)).toBe(true);
    socket.close();
  });

  it('close with 4001 a client whose token is wrong', async () => {
    const base = await station();
    const { socket } = await connect(base);
    socket.send(JSON.stringify({ token: 'f'.repeat(64) }));
    const [code] = (await once(socket, 'close')) as [number, Buffer];
    expect(code).toBe(4001);
  });
});
