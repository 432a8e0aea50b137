import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../kernel/errors';
import type { Station } from '../app/storeProblem';
import { admission, type Admission } from './admission';
import { topicSockets, type SocketLimits } from './sockets';
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

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** POST /api/<procedure>: refusals come before the body is read. */
async function serveCall(app: Station, admit: Admission, req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
  if (req.method !== 'POST') return answer(res, 405, { ok: false, error: { code: 'api.badRequest', message: 'POST only', params: {} } });
  const refusal = admit.origin(req) ?? admit.contentType(req);
  if (refusal) return answer(res, refusal.status, { ok: false, error: refusal.error });
  let input: unknown;
  try {
    const body = await readBody(req);
    input = body ? (JSON.parse(body) as { input?: unknown }).input : {};
  } catch {
    return answer(res, 400, { ok: false, error: { code: 'api.badRequest', message: 'The request body is not JSON of at most 1 MiB', params: {} } });
  }
  answer(res, 200, await app.call({ name, input, token: bearer(req) }));
}

export interface ServerOptions extends Partial<SocketLimits> {
  port: number;
  host: string;
  rendererRoot: string;
  /** Names besides its own address a browser may reach this server by (`--allowed-host`). */
  allowedHosts?: string[];
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new AppError('server.portInUse', `port ${port} is in use: another Karakana station server, or another program, is listening there; give --port N`, { port })
          : error,
      ),
    );
    server.listen(port, host, resolve);
  });
}

/**
 * The contract over HTTP (POST /api/<procedure>) and WebSocket (/ws, topics), plus the built
 * renderer, to the pages `admission` lets in. Listens on loopback unless a host is given.
 */
export async function startServer(app: Station, options: ServerOptions): Promise<StationServer> {
  const admit = admission({ host: options.host, allowedHosts: options.allowedHosts ?? [], port: () => (server.address() as AddressInfo).port });
  const server = createServer(async (req, res) => {
    const refusal = admit.host(req);
    if (refusal) return answer(res, refusal.status, { ok: false, error: refusal.error });
    const url = new URL(req.url ?? '/', 'http://station');
    if (url.pathname.startsWith('/api/')) return serveCall(app, admit, req, res, url.pathname.slice(5));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    serveStatic(options.rendererRoot, url.pathname, res);
  });
  const sockets = topicSockets(app, admit, { loginTimeoutMs: options.loginTimeoutMs ?? 10_000, maxSockets: options.maxSockets ?? 64 });
  server.on('upgrade', sockets.upgrade);

  await listen(server, options.port, options.host);
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
