import http from 'node:http';
import { afterEach } from 'vitest';
import { createApp, type App } from '../app/app';
import { demoStoreFile, tempDir } from '../testing/tempStore';
import { startServer, type ServerOptions, type StationServer } from './server';

// A station server on a port of its own over a demo store, closed after each test.
// Demo people: grace (admin, 9999), wanjiru (clerk, 1111).

export interface Station {
  app: App;
  server: StationServer;
  port: number;
  base: string;
}

const open: Station[] = [];
afterEach(async () => {
  for (const station of open.splice(0)) {
    await station.server.close();
    await station.app.close();
  }
});

export async function openStation(options: Partial<ServerOptions> = {}): Promise<Station> {
  const app = await createApp(await demoStoreFile(), { devicePollMs: 0 });
  const server = await startServer(app, { port: 0, host: '127.0.0.1', rendererRoot: tempDir(), ...options });
  const port = Number(new URL(server.url).port);
  const station = { app, server, port, base: `http://127.0.0.1:${port}` };
  open.push(station);
  return station;
}

export interface Answer {
  status: number;
  body: string;
  json: () => unknown;
}

/** An HTTP request with exactly the headers given, Host included (fetch would set its own). */
export function request(port: number, path: string, options: { method?: string; headers?: http.OutgoingHttpHeaders; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body, json: () => JSON.parse(body) as unknown }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

type LoginAnswer = { ok: boolean; data?: { token: string }; error?: { code: string } };

/** session.login as a JSON call from no page at all (as curl sends it), addressed to the station itself. */
export async function logIn(station: Station, username: string, pin: string): Promise<LoginAnswer> {
  const answer = await request(station.port, '/api/session.login', {
    method: 'POST',
    headers: { host: `127.0.0.1:${station.port}`, 'content-type': 'application/json' },
    body: JSON.stringify({ input: { username, pin } }),
  });
  return answer.json() as LoginAnswer;
}
