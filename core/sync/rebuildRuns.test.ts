import { copyFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import type { Db } from '../db/schema';
import { moveLot } from '../lots/service';
import { personAt } from '../plating/testing';
import { deskSession } from '../testing/deskSession';
import { demoSite } from '../testing/demoSite';
import { tempStoreFile } from '../testing/tempStore';
import { rowsNow, takeWrites, watchWrites } from '../testing/writes';
import { pull } from './client';
import { enrolledStation, sync, syncState, withStore } from './faults/stations';
import { applyPulledPage } from './store';
import { plainVault } from './vault';

// The slow path of a pull (a page arriving before events this station already applied to the same
// lots) rebuilds a lot once per run of its events in the page (another lot's moves may come between),
// and leaves the store exactly as applying the same page one event at a time does.

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

async function moves(file: string, lots: string[]) {
  await withStore(file, async (db) => {
    const ctx = await personAt(db, 'halima');
    for (const lotId of lots) await moveLot(ctx, { lotId, from: 'in_qc', to: 'refining', quantity: 1, reason: null });
  });
}

/** Every table of the store, each row as JSON, sorted: what two stores must agree on. */
async function everything(db: Db): Promise<Record<string, string[]>> {
  const { rows } = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`.execute(db);
  const tables: Record<string, string[]> = {};
  for (const { name } of rows) tables[name] = (await rowsNow(db, name, sql`1`)).sort();
  return tables;
}

it('rebuilds a lot once for each run of its events in a pulled page, leaving every table as applying the page one event at a time does', { timeout: 60_000 }, async () => {
  const { url } = await demoSite(open);
  const [desk, bench, oneByOne] = [tempStoreFile('desk.db'), tempStoreFile('bench.db'), tempStoreFile('oneByOne.db')];
  await enrolledStation(desk, url, 'Receiving desk');
  await enrolledStation(bench, url, 'QC bench');
  const { ids } = await deskSession(desk, 3);
  const [a, b, c] = ids as [string, string, string];
  await sync(bench);

  // Apart: the bench moves pieces of A and B and keeps them; the desk moves A three times (and C, which
  // the bench has not touched, between them), then B and A by turns.
  await moves(bench, [a, b, a]);
  await moves(desk, [a, a, c, a, b, a, b]);
  await sync(desk);
  const state = await withStore(bench, syncState);
  const { data } = await pull({ url, token: plainVault.open(state.token), timeoutMs: 20_000 }, state.cursor, 100);
  if ('resyncRequired' in data) throw new Error('the upstream asked for a resync');
  expect(data.events.map((e) => e.lotId)).toEqual([a, a, c, a, b, a, b]);
  const at = '2026-12-06T12:00:00.000Z';

  copyFileSync(bench, oneByOne);
  await withStore(oneByOne, async (db) => {
    for (const [i, event] of data.events.entries()) await applyPulledPage(db, [event], i === data.events.length - 1 ? data.next : event.upstreamSeq, at);
  });
  const rebuilt = await withStore(bench, async (db) => {
    await watchWrites(db);
    expect(await applyPulledPage(db, data.events, data.next, at)).toEqual({ applied: 7, held: 0, conflicts: 0 });
    const removed = (await takeWrites(db)).filter((w) => w.table === 'lots' && w.op === 'delete').map((w) => w.row.id);
    return Object.fromEntries(Object.entries({ a, b, c }).map(([name, id]) => [name, removed.filter((r) => r === id).length]));
  });
  // A: once for its run of three, once for the one between B's; B: once for each of its two; C: never.
  expect(rebuilt).toEqual({ a: 2, b: 2, c: 0 });
  expect(await withStore(bench, everything)).toEqual(await withStore(oneByOne, everything));
  const quantities = await withStore(bench, (db) => db.selectFrom('lots').select(['id', 'in_qc', 'refining']).where('id', 'in', [a, b, c]).orderBy('id').execute());
  expect(quantities).toEqual([
    { id: a, in_qc: 4, refining: 6 },
    { id: b, in_qc: 7, refining: 3 },
    { id: c, in_qc: 9, refining: 1 },
  ]);
});
