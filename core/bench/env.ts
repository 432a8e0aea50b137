import path from 'node:path';
import { sql } from 'kysely';
import type { CallResult } from '../api/dispatch';
import { createApp } from '../app/app';
import { demoUsers } from '../demo/data';
import { seededRandom } from '../demo/random';
import { startServer } from '../server/server';
import type { BenchEnv } from './benchCase';
import type { BenchStore } from './benchStore';

export interface OpenBenchEnv extends BenchEnv {
  /** The store's durability settings as the app opened it, to show the figures ran with them. */
  settings: { journalMode: string; synchronous: string };
  close(): Promise<void>;
}

const synchronousNames = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];

/** Opens the store as a station does (createApp: migrations, WAL, synchronous=FULL) and serves it on loopback. */
export async function openBenchEnv(store: BenchStore): Promise<OpenBenchEnv> {
  const app = await createApp(store.file, { devicePollMs: 0 });
  // Only GET requests read the renderer; the bench posts to /api alone.
  const server = await startServer(app, { port: 0, host: '127.0.0.1', rendererRoot: path.resolve('out/renderer') });
  const db = app.store.db;
  let token: string | null = null;
  const call = async <T>(procedure: string, input: unknown): Promise<T> => {
    const send = () =>
      fetch(`${server.url}/api/${procedure}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ input }),
      });
    // A kept-alive connection the server closed while a case held the event loop (both ends run in
    // this one process) resets before the request reaches it: sent again once, on a new connection.
    const response = await send().catch((error: unknown) => {
      if ((error as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw error;
      return send();
    });
    const result = (await response.json()) as CallResult;
    if (!result.ok) throw new Error(`${procedure} failed: ${result.error.code} ${result.error.message}`);
    return result.data as T;
  };
  const admin = demoUsers.find((u) => (u.roles as readonly string[]).includes('admin'))!;
  const session = await call<{ token: string; user: { id: string } }>('session.login', { username: admin.username, pin: admin.pin });
  token = session.token;

  const random = seededRandom(7);
  const { rows: pragmas } = await sql<{ journal_mode: string; synchronous: number }>`
    SELECT (SELECT journal_mode FROM pragma_journal_mode) AS journal_mode, (SELECT synchronous FROM pragma_synchronous) AS synchronous`.execute(db);
  return {
    app,
    call,
    userId: session.user.id,
    random,
    seed: store.seed,
    file: store.file,
    settings: { journalMode: pragmas[0]!.journal_mode, synchronous: synchronousNames[pragmas[0]!.synchronous] ?? String(pragmas[0]!.synchronous) },
    async randomLots(count) {
      // Rowids of a table that is only ever appended to run 1..max: a random rowid is a random lot, found by key.
      const { rows } = await sql<{ last: number }>`SELECT max(rowid) AS last FROM lots`.execute(db);
      const last = rows[0]!.last;
      if (count > last) throw new Error(`Asked for ${count} lots of ${last}`);
      const picked = new Set<number>();
      while (picked.size < count) picked.add(random.int(1, last));
      const rowids = [...picked];
      const idOf = new Map<number, string>();
      for (let i = 0; i < rowids.length; i += 500) {
        const chunk = rowids.slice(i, i + 500);
        const found = await sql<{ rowid: number; id: string }>`SELECT rowid AS rowid, id FROM lots WHERE rowid IN (${sql.join(chunk)})`.execute(db);
        for (const row of found.rows) idOf.set(row.rowid, row.id);
      }
      // In the order drawn, not the rowid order IN returns: consecutive lookups must not share pages.
      return rowids.map((rowid) => idOf.get(rowid)!);
    },
    async close() {
      await server.close();
      await app.close();
    },
  };
}
