import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Trx } from '../db/schema';
import { openStore, type Store } from '../db/store';
import { eventCatalog } from '../events/catalog';
import { readPayload } from '../events/payload';
import { createStation } from '../station/service';
import { tempStoreFile } from '../testing/tempStore';
import { applyStored } from './apply';
import type { WireEvent } from './protocol';

// Sync leaves receipts and moves (and append-only facts) unwritten across a fact that says it
// reads none of their rows (readsLots, readsAppends: core/events/define.ts), so a fact that said
// so wrongly would read a lot as it was before them. A fact with a fold (a receipt, a move, a QC
// decision) joins a run without writing the append-only facts before it: it must read none either. Here each such fact of a log holding every
// event type is applied with those tables hidden behind a view that fails on any use.

const log = JSON.parse(readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../events/fixtures/current.json'), 'utf8')) as WireEvent[];
const own = log[0]!.station;

const envelope = (e: WireEvent) => ({ id: e.id, station: e.station, seq: e.seq, type: e.type, lotId: e.lotId, userId: e.userId, at: e.at });
const stored = (e: WireEvent) => ({ id: e.id, station: e.station, seq: e.seq, type: e.type, lot_id: e.lotId, payload: JSON.stringify(e.payload), user_id: e.userId, at: e.at });

/** The tables append-only facts of the log write. */
const appendTables = [
  ...new Set(
    log.flatMap((e) => {
      const definition = eventCatalog.get(e.type)!;
      return definition.append ? [definition.append(readPayload(definition, e.payload)!.payload, envelope(e)).table] : [];
    }),
  ),
];

/**
 * Applies an event with these tables hidden (a temporary view of the same name, which fails when
 * read or written): what went wrong, or null. One that went wrong is undone and applied again as
 * it is, so the rest of the log still fits.
 */
async function withHidden(trx: Trx, tables: readonly string[], e: WireEvent): Promise<string | null> {
  await sql.raw('SAVEPOINT hidden').execute(trx);
  for (const table of tables) await sql.raw(`CREATE TEMP VIEW "${table}" AS SELECT * FROM main."${table}" WHERE json('hidden') IS NULL`).execute(trx);
  let problem: string | null = null;
  try {
    await applyStored(trx, stored(e), own);
  } catch (error) {
    problem = `${e.type}: ${(error as Error).message}`;
  }
  if (problem) await sql.raw('ROLLBACK TO hidden').execute(trx);
  else for (const table of tables) await sql.raw(`DROP VIEW temp."${table}"`).execute(trx);
  await sql.raw('RELEASE hidden').execute(trx);
  if (problem) await applyStored(trx, stored(e), own);
  return problem;
}

describe('a fact that says it reads no lot, or no appended row', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(tempStoreFile());
    await store.db.transaction().execute((trx) => createStation(trx, { code: own, name: 'Restored', demo: false, at: log[0]!.at }));
  });
  afterAll(() => store.close());

  it('applies with those tables hidden, every such fact of a log holding every event type', async () => {
    const wrong: string[] = [];
    const checked = new Set<string>();
    await store.db.transaction().execute(async (trx) => {
      for (const e of log) {
        const definition = eventCatalog.get(e.type)!;
        const hidden = [...(definition.readsLots === false ? ['lots'] : []), ...(definition.readsAppends === false || definition.fold ? appendTables : [])];
        if (!hidden.length) {
          await applyStored(trx, stored(e), own);
          continue;
        }
        checked.add(e.type);
        const problem = await withHidden(trx, hidden, e);
        if (problem) wrong.push(problem);
      }
    });
    expect(wrong).toEqual([]);
    expect(appendTables).toEqual(expect.arrayContaining(['qc_entries', 'qc_inspections']));
    expect([...checked].sort()).toEqual([
      'lot.moved',
      'lot.received',
      'packing.boxOpened',
      'plating.batchFinished',
      'plating.batchStarted',
      'plating.lotChecked',
      'plating.metalOverridden',
      'plating.readingLogged',
      'qc.decided',
      'refinement.stepDone',
    ]);
  });
});
