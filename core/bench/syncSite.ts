import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { seedDemoUpstream } from '../../upstream/demo';
import { startUpstreamServer, type UpstreamServer } from '../../upstream/server';
import { Upstream } from '../../upstream/service';
import { Bus } from '../app/bus';
import { createContext, type Ctx } from '../app/context';
import type { Db } from '../db/schema';
import { openStore, type Store } from '../db/store';
import type { UpstreamLink } from '../sync/client';
import type { PushResult, WireEvent } from '../sync/protocol';
import { enrollStation } from '../sync/sync';
import { plainVault } from '../sync/vault';

// A site on loopback for the sync cases: a reference upstream storing in a temporary SQLite file,
// served over real HTTP, and fresh stations enrolled with it, each in its own temporary store.
// Everything lives in one temporary folder, removed by close().

/** One call into the upstream, timed from where it is made (performance.now() ms). */
export interface Span {
  start: number;
  end: number;
  events: number;
}

/**
 * What the upstream spent, without changing it: its push and pull methods are wrapped on this one
 * instance (the server calls them through it), and every HTTP request is timed from its arrival to
 * the moment the answer was handed to the socket.
 */
export class UpstreamProbe {
  readonly pushes: Span[] = [];
  readonly pulls: Span[] = [];
  readonly requests: (Span & { path: string })[] = [];
  /** Every pushed batch with the upstream's answers, to replay their encoding on their own. */
  readonly pushed: { events: WireEvent[]; results: PushResult[] }[] = [];

  constructor(upstream: Upstream, server: UpstreamServer) {
    const push = upstream.push.bind(upstream);
    const pull = upstream.pull.bind(upstream);
    upstream.push = async (station, events) => {
      const start = performance.now();
      const results = await push(station, events);
      this.pushes.push({ start, end: performance.now(), events: events.length });
      this.pushed.push({ events, results });
      return results;
    };
    upstream.pull = async (after, limit) => {
      const start = performance.now();
      const page = await pull(after, limit);
      this.pulls.push({ start, end: performance.now(), events: 'events' in page ? page.events.length : 0 });
      return page;
    };
    server.server.prependListener('request', (req, res) => {
      const start = performance.now();
      const requestPath = new URL(req.url ?? '/', 'http://upstream').pathname;
      res.once('finish', () => this.requests.push({ start, end: performance.now(), events: 0, path: requestPath }));
    });
  }

  reset(): void {
    this.pushes.length = 0;
    this.pulls.length = 0;
    this.requests.length = 0;
    this.pushed.length = 0;
  }
}

/**
 * When the push phase of a syncOnce ended: syncOnce pushes every batch, then pulls; the push phase
 * ends when the station asks for its first page after its last push (what it does then is pulling
 * its own events back).
 */
export function pushPhaseEnd(probe: UpstreamProbe): number {
  const lastPush = Math.max(...probe.requests.filter((r) => r.path === '/sync/v1/push').map((r) => r.end));
  return Math.min(...probe.requests.filter((r) => r.path === '/sync/v1/pull' && r.start > lastPush).map((r) => r.start));
}

/** Total ms of spans, optionally only those starting in [from, to). */
export function spent(spans: readonly Span[], from = -Infinity, to = Infinity): number {
  return spans.filter((s) => s.start >= from && s.start < to).reduce((sum, s) => sum + (s.end - s.start), 0);
}

export interface BenchStation {
  store: Store;
  code: string;
  close(): Promise<void>;
}

export interface BenchSite {
  folder: string;
  upstream: Upstream;
  server: UpstreamServer;
  url: string;
  probe: UpstreamProbe;
  /** A new store in the site's folder, enrolled with the upstream as `hq sync` would enroll it. */
  station(name: string, code?: string | null): Promise<BenchStation>;
  close(): Promise<void>;
}

/**
 * Opens an upstream in a new temporary folder: a demo upstream holding the demo headquarters'
 * users and reference data (seedDemoUpstream), or, with `fill`, whatever fill puts in its store
 * before it is served.
 */
/** The site key of the bench's upstream (a real upstream needs one; a demo one takes any station). */
const benchSiteKey = 'bench-site-key';

export async function openBenchSite(options: { demo: boolean; fill?: (upstream: Upstream) => Promise<void> }): Promise<BenchSite> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'karakana-bench-sync-'));
  const stations: BenchStation[] = [];
  let upstream: Upstream | null = null;
  let server: UpstreamServer | null = null;
  const close = async () => {
    for (const s of stations.splice(0)) await s.close().catch(() => undefined);
    await server?.close();
    await upstream?.close();
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    upstream = await Upstream.open(path.join(folder, 'upstream.db'), { demo: options.demo, enrollKey: benchSiteKey });
    if (options.demo) await seedDemoUpstream(upstream);
    await options.fill?.(upstream);
    server = await startUpstreamServer(upstream, { port: 0, host: '127.0.0.1' });
  } catch (error) {
    await close();
    throw error;
  }
  const probe = new UpstreamProbe(upstream, server);
  const url = server.url;
  return {
    folder,
    upstream,
    server,
    url,
    probe,
    async station(name, code = null) {
      const store = await openStore(path.join(folder, `${name}.db`));
      const enrolled = await enrollStation(store.db, url, { code, name, enrollKey: benchSiteKey }).catch(async (error: unknown) => {
        await store.close();
        throw error;
      });
      const station = { store, code: enrolled.code, close: () => store.close() };
      stations.push(station);
      return station;
    },
    close,
  };
}

/** The link syncOnce builds from the station's enrollment, for calling the client directly. */
export async function linkOf(station: BenchStation): Promise<UpstreamLink> {
  const state = await station.store.db.selectFrom('sync_state').selectAll().executeTakeFirstOrThrow();
  return { url: state.upstream_url, token: plainVault.open(state.token), timeoutMs: 60_000 };
}

/** A context acting as one of the station's users, outside any session, as the demo seed and simulate do. */
export async function actingAs(station: BenchStation, username: string, statusChanged: () => void = () => undefined): Promise<Ctx> {
  const user = await station.store.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return createContext({ db: station.store.db, bus: new Bus(), now: () => new Date(), statusChanged }, null, user.id);
}

/**
 * How long `SELECT max(upstream_seq) FROM events` takes on a store, as the upstream's nextSeq()
 * and head() and syncOnce's check before each pulled page run it, and the same with
 * `WHERE upstream_seq IS NOT NULL`, which lets SQLite answer from the partial index
 * events_upstream_order instead of reading every event. Medians of a few runs, in ms.
 */
export async function maxUpstreamSeqMs(db: Db, runs = 5): Promise<{ asWritten: number; indexed: number }> {
  const median = async (query: () => Promise<unknown>) => {
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      await query();
      samples.push(performance.now() - start);
    }
    return samples.sort((x, y) => x - y)[Math.floor(runs / 2)]!;
  };
  return {
    asWritten: await median(() => sql`SELECT max(upstream_seq) AS head FROM events`.execute(db)),
    indexed: await median(() => sql`SELECT max(upstream_seq) AS head FROM events WHERE upstream_seq IS NOT NULL`.execute(db)),
  };
}
