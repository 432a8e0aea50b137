import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Upstream } from '../../../upstream/service';
import { seedDemoUpstream } from '../../../upstream/demo';
import { startUpstreamServer, type UpstreamServer } from '../../../upstream/server';
import type { Db } from '../../db/schema';
import { simulateDay } from '../../simulate/simulate';
import { tempDir } from '../../testing/tempStore';
import { digestStore } from '../digest';
import { checkConvergence } from './check';
import { enrolledStation, failingSync, pending, sync, syncState, withStore } from './stations';

// Bad input from the upstream's side: whatever comes back is either the protocol or a clear
// AppError code in sync_state.last_error, and nothing at the station changes or is lost. The
// upstreams here run in this process (the reference one, and a fake that answers wrongly).

let dir: string;
let upstream: Upstream;
let server: UpstreamServer;
let fake: Server;
let fakeUrl: string;
let answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();

beforeAll(async () => {
  dir = tempDir();
  upstream = await Upstream.open(path.join(dir, 'upstream.db'), { demo: true });
  await seedDemoUpstream(upstream);
  server = await startUpstreamServer(upstream, { port: 0, host: '127.0.0.1' });
  fake = createServer((req, res) => {
    req.resume();
    answer(req, res);
  });
  fake.listen(0, '127.0.0.1');
  await once(fake, 'listening');
  fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
});
afterAll(async () => {
  fake?.closeAllConnections();
  await new Promise((resolve) => fake?.close(resolve));
  await server?.close();
  await upstream?.close();
});

/** What a person would call "the station's data": its facts, where it is in the upstream's order, what waits to go. */
async function snapshot(db: Db) {
  const acknowledged = await db.selectFrom('events').select((eb) => eb.fn.count<number>('upstream_seq').as('n')).executeTakeFirstOrThrow();
  const attention = await db.selectFrom('sync_attention').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { digest: await digestStore(db), cursor: (await syncState(db)).cursor, pending: await pending(db), acknowledged: Number(acknowledged.n), attention: Number(attention.n) };
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

async function station(name: string) {
  const file = path.join(dir, `${name}.db`);
  const code = await enrolledStation(file, server.url, name);
  await withStore(file, (db) => simulateDay(db, 15, 7));
  // What waits to go: each operation made one event or more (a QC decision also moves the lot).
  const made = await withStore(file, pending);
  expect(made).toBeGreaterThanOrEqual(15);
  return { file, code, made, upstreamId: (await withStore(file, syncState)).upstream_id };
}

/** Points the station at another address, runs one round there, and points it back. */
async function roundAt(file: string, url: string): Promise<string> {
  await withStore(file, (db) => db.updateTable('sync_state').set({ upstream_url: url }).execute());
  try {
    return await failingSync(file, { timeoutMs: 5000 });
  } finally {
    await withStore(file, (db) => db.updateTable('sync_state').set({ upstream_url: server.url }).execute());
  }
}

describe('an upstream answering what is not the protocol', () => {
  const other = '00000000-0000-4000-8000-000000000000';
  const now = () => new Date().toISOString();
  it.each<[string, string, (req: IncomingMessage, res: ServerResponse, upstreamId: string) => void]>([
    [
      'an HTML login page (a captive portal)',
      'sync.notJson',
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<!doctype html><title>Sign in to Hotel Wi-Fi</title><form>…</form>');
      },
    ],
    [
      "a proxy's 502 page",
      'sync.notJson',
      (_req, res) => {
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      },
    ],
    [
      'JSON cut short',
      'sync.badResponse',
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"upstreamId":"');
      },
    ],
    ['JSON of another shape', 'sync.badResponse', (_req, res, id) => json(res, 200, { upstreamId: id, results: 'all fine' })],
    [
      'a pulled event that breaks the protocol',
      'sync.badResponse',
      (req, res, id) =>
        req.url?.startsWith('/sync/v1/pull')
          ? json(res, 200, { upstreamId: id, serverTime: now(), events: [{ id: '', station: 'FAR-TOO-LONG', seq: -3, type: 'lot.moved', lotId: null, payload: {}, userId: 'u', at: now(), upstreamSeq: 0 }], next: 1, head: 1, hasMore: false })
          : json(res, 200, { upstreamId: id, serverTime: now(), results: [] }),
    ],
    [
      'an answer declared larger than 64 MB',
      'sync.badResponse',
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(100 << 20) });
        res.write('{"upstreamId":');
      },
    ],
    [
      'an answer streamed past 64 MB',
      'sync.badResponse',
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(1 << 20, 0x20);
        let sent = 0;
        const more = () => {
          while (sent < 65) {
            sent++;
            if (!res.write(chunk)) return void res.once('drain', more);
          }
          res.end('{}');
        };
        more();
      },
    ],
    ['an error code outside the protocol', 'sync.upstreamError', (_req, res) => json(res, 418, { error: { code: 'teapot', message: 'short and stout' } })],
    [
      "another upstream's answers",
      'sync.otherUpstream',
      (req, res) =>
        req.url?.startsWith('/sync/v1/pull')
          ? json(res, 200, { upstreamId: other, serverTime: now(), events: [], next: 0, head: 0, hasMore: false })
          : json(res, 200, { upstreamId: other, serverTime: now(), results: [] }),
    ],
  ])('%s: %s, and nothing here changes', async (name, code, respond) => {
    const s = await station(name.replace(/\W+/g, '-').slice(0, 40));
    answer = (req, res) => respond(req, res, s.upstreamId);
    const before = await withStore(s.file, snapshot);

    expect(await roundAt(s.file, fakeUrl)).toBe(code);

    expect(await withStore(s.file, snapshot)).toEqual(before);
    expect((await withStore(s.file, syncState)).error?.code).toBe(code);
    // Back with its own upstream, everything goes as if nothing had happened.
    expect(await sync(s.file)).toMatchObject({ pushed: s.made, rejected: 0 });
    expect((await checkConvergence(upstream.store.file, [s.file])).problems).toEqual([]);
  });
});

describe('an upstream that does not accept this station', () => {
  it('a wrong token: sync.unauthorized, nothing changes, and the right one works again', async () => {
    const s = await station('wrong-token');
    const token = (await withStore(s.file, syncState)).token;
    await withStore(s.file, (db) => db.updateTable('sync_state').set({ token: 'f'.repeat(64) }).execute());
    const before = await withStore(s.file, snapshot);
    expect(await failingSync(s.file)).toBe('sync.unauthorized');
    expect(await withStore(s.file, snapshot)).toEqual(before);
    expect((await withStore(s.file, syncState)).error?.code).toBe('sync.unauthorized');
    await withStore(s.file, (db) => db.updateTable('sync_state').set({ token }).execute());
    expect(await sync(s.file)).toMatchObject({ pushed: s.made });
  });

  it('a revoked token: sync.unauthorized on every round, and the work waiting here stays, unsent', async () => {
    const s = await station('revoked');
    await upstream.revoke(s.code);
    const before = await withStore(s.file, snapshot);
    expect(before.pending).toBe(s.made);
    for (let round = 0; round < 2; round++) expect(await failingSync(s.file)).toBe('sync.unauthorized');
    expect(await withStore(s.file, snapshot)).toEqual(before);
    expect(await withStore(upstream.store.file, (db) => db.selectFrom('events').select('id').where('station', '=', s.code).execute())).toEqual([]);
  });

  it('a cursor from another upstream (this store pointed at an upstream it did not enroll with): sync.otherUpstream, before anything is sent', async () => {
    const s = await station('moved');
    await sync(s.file);
    await withStore(s.file, (db) => simulateDay(db, 5, 8));
    const made = await withStore(s.file, pending);
    expect(made).toBeGreaterThanOrEqual(5);
    // Another site's upstream that would even accept this station's token (say, the same key set up on both).
    const elsewhere = await Upstream.open(path.join(dir, 'elsewhere.db'), { demo: true });
    await seedDemoUpstream(elsewhere);
    const otherServer = await startUpstreamServer(elsewhere, { port: 0, host: '127.0.0.1' });
    try {
      const token = (await withStore(s.file, syncState)).token;
      await elsewhere.store.db
        .insertInto('upstream_stations')
        .values({ code: s.code, name: 'moved', token_hash: createHash('sha256').update(token).digest('hex'), enrolled_at: new Date().toISOString(), revoked_at: null, last_seen_at: null })
        .execute();
      const before = await withStore(s.file, snapshot);
      expect(await roundAt(s.file, otherServer.url)).toBe('sync.otherUpstream');
      expect(await withStore(s.file, snapshot)).toEqual(before);
      expect(await elsewhere.store.db.selectFrom('events').select('id').where('station', '=', s.code).execute()).toEqual([]);
    } finally {
      await otherServer.close();
      await elsewhere.close();
    }
    expect(await sync(s.file)).toMatchObject({ pushed: made });
  });
});
