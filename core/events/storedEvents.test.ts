import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Db } from '../db/schema';
import { openStore } from '../db/store';
import type { WireEvent } from '../sync/protocol';
import { createStation } from '../station/service';
import { applyPulledPage } from '../sync/store';
import { tempStoreFile } from '../testing/tempStore';
import { eventCatalog } from './catalog';
import { currentVersion, storedVersion } from './payload';

// Every store holds events of every version its types ever had, so each log in fixtures/ (real
// stores' logs: storedEvents.ts makes the current one, the others were made by earlier versions
// of Karakana and cannot be made again) must still be pulled whole into a fresh store, and build
// what its own events say, counted here from the log itself.

const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const logs = readdirSync(folder)
  .filter((name) => name.endsWith('.json'))
  .map((name) => ({ name, events: JSON.parse(readFileSync(path.join(folder, name), 'utf8')) as WireEvent[] }));

const ofType = (events: WireEvent[], ...types: string[]) => events.filter((e) => types.includes(e.type));
const sum = (events: WireEvent[], field: string) => events.reduce((total, e) => total + Number(e.payload[field]), 0);

/** What a log says a store holds after it: counted from the events' types and payloads. */
function told(events: WireEvent[]) {
  const received = ofType(events, 'lot.received');
  return {
    lots: received.length,
    pieces: sum(received, 'quantity'),
    users: new Set(ofType(events, 'user.added').map((e) => e.payload.id)).size,
    artisans: new Set(ofType(events, 'artisan.registered').map((e) => e.payload.id)).size,
    designs: new Set(ofType(events, 'design.published').map((e) => e.payload.sku)).size,
    qcEntries: ofType(events, 'qc.defectLogged', 'qc.measured', 'qc.pieceGood').length,
    qcEntriesRemoved: ofType(events, 'qc.entryRemoved').length,
    qcDecisions: ofType(events, 'qc.decided').length,
    qcSorted: ofType(events, 'qc.sorted').length,
    boxesShipped: ofType(events, 'packing.shipped').length,
    // The station's own set-up, applied because the fresh store is that station restored.
    printerSetups: new Set(ofType(events, 'printer.set').map((e) => e.payload.job)).size,
    devices: new Set(ofType(events, 'device.saved').map((e) => e.payload.id)).size - ofType(events, 'device.removed').length,
  };
}

async function count(db: Db, table: string, where = '1 = 1'): Promise<number> {
  const row = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE ${sql.raw(where)}`.execute(db);
  return Number(row.rows[0]!.n);
}

/** What the store holds. */
async function built(db: Db): Promise<ReturnType<typeof told>> {
  const pieces = await sql<{ n: number | null }>`SELECT sum(received_qty) AS n FROM lots`.execute(db);
  return {
    lots: await count(db, 'lots'),
    pieces: Number(pieces.rows[0]!.n ?? 0),
    users: await count(db, 'users'),
    artisans: await count(db, 'artisans'),
    designs: await count(db, 'designs'),
    qcEntries: await count(db, 'qc_entries'),
    qcEntriesRemoved: await count(db, 'qc_entries', 'removed = 1'),
    qcDecisions: await count(db, 'qc_decisions'),
    qcSorted: await count(db, 'qc_decisions', 'sort_event_id IS NOT NULL'),
    boxesShipped: await count(db, 'boxes', "status = 'shipped'"),
    printerSetups: await count(db, 'printer_setups'),
    devices: await count(db, 'devices'),
  };
}

describe('stored events of every version', () => {
  it('are kept for every version of every event type, and every earlier version keeps its schema', () => {
    const stored = new Set(logs.flatMap(({ events }) => events.map((e) => `${e.type} v${storedVersion(e.payload)}`)));
    const missing: string[] = [];
    for (const [type, definition] of eventCatalog)
      for (let version = 1; version <= currentVersion(definition); version++) {
        if (!stored.has(`${type} v${version}`)) missing.push(`no stored ${type} of version ${version}`);
        if (version < currentVersion(definition) && !definition.earlier?.[version]) missing.push(`${type} lost the schema of its version ${version}`);
      }
    expect(missing).toEqual([]);
  });

  it.each(logs)('$name is pulled whole into a fresh store and builds what its events say', async ({ events }) => {
    const store = await openStore(tempStoreFile());
    try {
      // The station that made the log, started again from nothing: its own set-up applies too.
      await store.db.transaction().execute((trx) => createStation(trx, { code: events[0]!.station, name: 'Restored', demo: false, at: events[0]!.at }));
      const pulled = events.map((event, i) => ({ ...event, upstreamSeq: i + 1 }));
      const outcome = { applied: 0, held: 0, conflicts: 0 };
      for (let from = 0; from < pulled.length; from += 500) {
        const page = pulled.slice(from, from + 500);
        const done = await applyPulledPage(store.db, page, page.at(-1)!.upstreamSeq, '2026-12-02T00:00:00.000Z');
        for (const key of ['applied', 'held', 'conflicts'] as const) outcome[key] += done?.[key] ?? 0;
      }
      expect(outcome).toEqual({ applied: events.length, held: 0, conflicts: 0 });
      expect(await built(store.db)).toEqual(told(events));
    } finally {
      await store.close();
    }
  });
});
