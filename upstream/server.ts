import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { gunzipSync, gzipSync } from 'node:zlib';
import { AppError } from '../core/kernel/errors';
import { digestStore } from '../core/sync/digest';
import { enrollRequest, maxPullPage, maxSnapshotPart, protocolHeader, protocolVersion, pushRequest, snapshotRequest } from '../core/sync/protocol';
import { z } from 'zod';
import { publishDemoWork } from './demo';
import { linkState } from './link';
import { platformRequest } from './publish/route';
import type { Upstream } from './service';
import { serveUpdateFile, updatesPath } from './updates';

const demoPublish = z.object({ notices: z.number().int().min(0).max(100), orders: z.number().int().min(0).max(100) }).strict();

const maxBody = 32 << 20;

/** How long a stopping upstream lets requests in flight finish before it cuts their connections. */
export const stopGraceMs = 5_000;

export interface UpstreamServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

const statusFor: Record<string, number> = {
  'sync.unauthorized': 401,
  'sync.wrongSiteKey': 401,
  'sync.demoStore': 403,
  'sync.codeTaken': 409,
  'sync.protocol': 426,
  'sync.badRequest': 400,
  'sync.snapshotGone': 404,
};

function send(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  const json = Buffer.from(JSON.stringify(body));
  const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '') && json.length > 1024;
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
  });
  res.end(gzip ? gzipSync(json) : json);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBody) throw new AppError('sync.badRequest', 'The request is too large');
    chunks.push(chunk);
  }
  let raw = Buffer.concat(chunks);
  try {
    if (req.headers['content-encoding'] === 'gzip') raw = gunzipSync(raw, { maxOutputLength: maxBody * 4 });
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new AppError('sync.badRequest', 'The request body is not (gzipped) JSON');
  }
}

function bearer(req: IncomingMessage): string | null {
  const header = req.headers.authorization ?? '';
  return header.startsWith('Bearer ') ? header.slice(7) : null;
}

/** The upstream's own certificate and private key (PEM): it then serves https. */
export interface UpstreamTls {
  cert: string | Buffer;
  key: string | Buffer;
}

/** The sync protocol over HTTP (or https, given tls): /sync/v1/enroll, /sync/v1/codes, /sync/v1/push, /sync/v1/pull. */
export async function startUpstreamServer(upstream: Upstream, options: { port: number; host: string; platformKey?: string | null; tls?: UpstreamTls | null; updates?: string | null }): Promise<UpstreamServer> {
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://upstream');
    const version = Number(req.headers[protocolHeader] ?? protocolVersion);
    if (version !== protocolVersion)
      throw new AppError('sync.protocol', `This upstream speaks sync protocol ${protocolVersion}, not ${version}`, { version });
    const serverTime = new Date().toISOString();
    if (url.pathname === '/sync/v1/enroll' && req.method === 'POST') {
      const input = enrollRequest.safeParse(await readJson(req));
      if (!input.success) throw new AppError('sync.badRequest', input.error.issues[0]?.message ?? 'bad enrollment');
      const key = typeof req.headers['karakana-enroll-key'] === 'string' ? req.headers['karakana-enroll-key'] : null;
      return send(req, res, 200, await upstream.enroll(input.data, key));
    }
    if (url.pathname === '/sync/v1/codes' && req.method === 'GET') {
      const key = typeof req.headers['karakana-enroll-key'] === 'string' ? req.headers['karakana-enroll-key'] : null;
      return send(req, res, 200, { upstreamId: upstream.id, codes: await upstream.takenCodes(key) });
    }
    if (url.pathname === '/demo/publish' && req.method === 'POST') {
      if (!upstream.demo) throw new AppError('sync.badRequest', 'Only a demo upstream publishes made-up work');
      const input = demoPublish.safeParse(await readJson(req));
      if (!input.success) throw new AppError('sync.badRequest', input.error.issues[0]?.message ?? 'bad publish request');
      return send(req, res, 200, await publishDemoWork(upstream, input.data, Date.now()));
    }
    if (url.pathname.startsWith('/platform/')) {
      const answer = await platformRequest(upstream, req, url, options.platformKey ?? null);
      return send(req, res, answer.status, answer.body);
    }
    if (url.pathname.startsWith(updatesPath)) return serveUpdateFile(options.updates ?? null, req, res, url.pathname);
    // The digest is a hash of facts, not the facts: anyone comparing stores may ask.
    if (url.pathname === '/sync/v1/digest' && req.method === 'GET') return send(req, res, 200, await digestStore(upstream.store.db));
    const station = await upstream.authenticate(bearer(req));
    if (!station) throw new AppError('sync.unauthorized', 'This station is not enrolled here, or its token was revoked');
    if (url.pathname === '/sync/v1/push' && req.method === 'POST') {
      const input = pushRequest.safeParse(await readJson(req));
      if (!input.success) throw new AppError('sync.badRequest', input.error.issues[0]?.message ?? 'bad push');
      const results = await upstream.push(station, input.data.events);
      return send(req, res, 200, { upstreamId: upstream.id, serverTime, results });
    }
    if (url.pathname === '/sync/v1/pull' && req.method === 'GET') {
      const after = Number(url.searchParams.get('after') ?? 0);
      const limit = Math.min(Number(url.searchParams.get('limit') ?? maxPullPage), maxPullPage);
      if (!Number.isInteger(after) || after < 0 || !Number.isInteger(limit) || limit < 1) throw new AppError('sync.badRequest', 'after and limit are whole numbers');
      const page = await upstream.pull(after, limit);
      const refusals = station.relay ? [] : await upstream.refusalsFor(station.code);
      const link = 'resyncRequired' in page ? {} : { link: await linkState(upstream.store.db, new Date()) };
      return send(req, res, 200, { upstreamId: upstream.id, serverTime, ...page, ...(refusals.length ? { refusals } : {}), ...link });
    }
    // A hub's link onward (a cloud says it has none), for its stations and a technician's tools.
    if (url.pathname === '/sync/v1/link' && req.method === 'GET') return send(req, res, 200, { upstreamId: upstream.id, serverTime, link: await linkState(upstream.store.db, new Date()) });
    if (url.pathname === '/sync/v1/snapshot' && req.method === 'POST') {
      const input = snapshotRequest.safeParse(await readJson(req));
      if (!input.success) throw new AppError('sync.badRequest', input.error.issues[0]?.message ?? 'bad snapshot request');
      const snapshot = await upstream.snapshots.latest(await upstream.head(), input.data.atLeast);
      return send(req, res, 200, { upstreamId: upstream.id, serverTime, snapshot: snapshot && { id: snapshot.id, seq: snapshot.seq, bytes: snapshot.bytes, sha256: snapshot.sha256 } });
    }
    const part = /^\/sync\/v1\/snapshot\/([0-9a-f-]{1,64})$/.exec(url.pathname);
    if (part && req.method === 'GET') {
      const snapshot = upstream.snapshots.get(part[1]!);
      if (!snapshot) throw new AppError('sync.snapshotGone', 'This snapshot is no longer here; ask for a new one');
      const offset = Number(url.searchParams.get('offset') ?? 0);
      if (!Number.isInteger(offset) || offset < 0 || offset >= snapshot.bytes) throw new AppError('sync.badRequest', `offset is a whole number below ${snapshot.bytes}`);
      const limit = Math.min(Number(url.searchParams.get('limit') ?? maxSnapshotPart), maxSnapshotPart);
      if (!Number.isInteger(limit) || limit < 1) throw new AppError('sync.badRequest', 'limit is a whole number');
      const data = await upstream.snapshots.read(snapshot, offset, limit);
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': data.length, 'cache-control': 'no-store' });
      return void res.end(data);
    }
    send(req, res, 404, { error: { code: 'sync.badRequest', message: `No ${req.method} ${url.pathname} here` } });
  };
  const listener: RequestListener = (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof AppError) return send(req, res, statusFor[error.code] ?? 422, { error: { code: error.code, message: error.message, params: error.params } });
      console.error('upstream: request failed:', error);
      send(req, res, 500, { error: { code: 'sync.upstreamError', message: 'The upstream failed; try again' } });
    });
  };
  const server: Server = options.tls ? createTlsServer({ cert: options.tls.cert, key: options.tls.key }, listener) : createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  // Every connection, as TCP: one still in its TLS handshake is no HTTP connection yet, and
  // closeAllConnections would leave it holding close() open for the handshake's two minutes.
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const address = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://${address.address}:${address.port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        const cut = setTimeout(() => {
          for (const socket of sockets) socket.destroy();
        }, stopGraceMs);
        server.close(() => {
          clearTimeout(cut);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
