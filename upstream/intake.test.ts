import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../core/db/schema';
import { openStore } from '../core/db/store';
import { simulateDay } from '../core/simulate/simulate';
import { outbox } from '../core/sync/store';
import { snapshotTables } from '../core/sync/snapshotTables';
import { enrollStation, syncOnce } from '../core/sync/sync';
import { tempStoreFile } from '../core/testing/tempStore';
import { seedDemoUpstream } from './demo';
import { startUpstreamServer } from './server';
import { Upstream } from './service';

// The upstream takes a station's day in batches, a few statements a batch, each payload read once
// by the authority check and applied as read. Its oracle is the station that made the events: it
// applied each one at the desk, one by one, so after a round the upstream must hold the same rows.

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

/** Every row of the tables a snapshot carries (the state every store shares), in a fixed order. */
async function sharedRows(db: Db): Promise<Record<string, unknown[]>> {
  const rows: Record<string, unknown[]> = {};
  for (const table of await snapshotTables(db)) {
    const { rows: found } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(db);
    rows[table] = found.map((row) => JSON.stringify(row)).sort();
  }
  return rows;
}

describe("the upstream's intake of a pushed day", () => {
  it('holds what the station holds after a round, though part of the day had reached it before and comes again', async () => {
    const upstream = await Upstream.open({ file: tempStoreFile('upstream.db') }, { demo: true });
    await seedDemoUpstream(upstream);
    const server = await startUpstreamServer(upstream, { port: 0, host: '127.0.0.1' });
    const store = await openStore(tempStoreFile());
    open.push(upstream, server, store);
    const { code } = await enrollStation(store.db, server.url, { code: null, name: 'Desk' });
    await syncOnce(store.db);
    await simulateDay(store.db, 250, 17);
    const day = await outbox(store.db, 100_000);

    // A batch whose answer was lost on its way back: the station sends it again with what follows.
    const early = day.slice(0, 130);
    expect((await upstream.push(code, early)).every((r) => r.status === 'applied')).toBe(true);
    const answered: string[] = [];
    const push = upstream.push.bind(upstream);
    upstream.push = async (station, events) => {
      const results = await push(station, events);
      answered.push(...results.map((r) => r.status));
      return results;
    };
    const round = await syncOnce(store.db, { pushBatch: 100 });

    expect(answered).toEqual(day.map((_, i) => (i < early.length ? 'duplicate' : 'applied')));
    expect(round.rejected).toBe(0);
    expect(await sharedRows(upstream.store.db)).toEqual(await sharedRows(store.db));
  });
});
