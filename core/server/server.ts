import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { topics, type TopicName } from '../api/contract';
import type { App } from '../app/app';
import { serveStatic } from './static';

const maxBody = 1 << 20;

export interface StationServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit, read on and drop the rest: destroying the request would reset the
      // connection, and the client would never see the answer saying why.
      if (size > maxBody) reject(new Error('too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function bearer(req: IncomingMessage): string | null {
  const header = req.headers.authorization ?? '';
  return header.startsWith('Bearer ') ? header.slice(7) : null;
}

/**
 * The contract over HTTP (POST /api/<procedure>) and WebSocket (/ws, topics), plus the built
 * renderer. Listens on loopback unless a host is given.
 */
export async function startServer(app: App, options: { port: number; host: string; rendererRoot: string }): Promise<StationServer> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://station');
    if (url.pathname.startsWith('/api/')) {
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'POST') return json(405, { ok: false, error: { code: 'api.badRequest', message: 'POST only', params: {} } });
      let input: unknown;
      try {
        const body = await readBody(req);
        input = body ? (JSON.parse(body) as { input?: unknown }).input : {};
      } catch {
        return json(400, { ok: false, error: { code: 'api.badRequest', message: 'The request body is not JSON of at most 1 MiB', params: {} } });
      }
      const result = await app.call({ name: url.pathname.slice(5), input, token: bearer(req) });
      return json(200, result);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    serveStatic(options.rendererRoot, url.pathname, res);
  });

  const sockets = new WebSocketServer({ server, path: '/ws', maxPayload: 64 * 1024 });
  sockets.on('connection', (socket: WebSocket) => {
    const unsubscribe: (() => void)[] = [];
    socket.on('message', async (data) => {
      // The first message carries the session token; topics flow only to a logged-in client.
      let token: unknown;
      try {
        token = (JSON.parse(String(data)) as { token?: unknown }).token;
      } catch {
        socket.close(1003, 'bad message');
        return;
      }
      const me = await app.call({ name: 'session.me', input: {}, token: typeof token === 'string' ? token : null });
      if (!me.ok) {
        socket.close(4001, 'login required');
        return;
      }
      if (unsubscribe.length) return;
      for (const topic of Object.keys(topics) as TopicName[])
        unsubscribe.push(app.bus.subscribe(topic, (payload) => socket.send(JSON.stringify({ topic, payload }))));
    });
    socket.on('close', () => unsubscribe.forEach((off) => off()));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.clients.forEach((c) => c.terminate());
        sockets.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
