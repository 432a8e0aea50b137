import { sql } from 'kysely';
import { AppError } from '../kernel/errors';
import type { EventTable, Trx } from '../db/schema';
import type { EventEnvelope } from '../events/define';
import { eventCatalog } from '../events/catalog';
import { appendRun, type Appending } from '../events/append';
import { type Folding, foldingOf, foldRun } from '../events/fold';
import { readPayload } from '../events/payload';

type EventRow = Pick<EventTable, 'id' | 'station' | 'seq' | 'type' | 'lot_id' | 'payload' | 'user_id' | 'at'>;

function envelope(row: EventRow): EventEnvelope {
  return { id: row.id, station: row.station, seq: row.seq, type: row.type, lotId: row.lot_id, userId: row.user_id, at: row.at };
}

/**
 * Applies a stored event through its type's projection, the same code that applied it where it
 * was made. A type this version does not know, or a payload it cannot read, is held, not fatal.
 */
export async function applyStored(trx: Trx, row: EventRow, ownStation: string): Promise<'applied' | 'held'> {
  const definition = eventCatalog.get(row.type);
  if (!definition) return 'held';
  if (definition.ownStationOnly && row.station !== ownStation) return 'applied';
  const read = readPayload(definition, JSON.parse(row.payload));
  if (!read) return 'held';
  await definition.apply(trx, read.payload, envelope(row));
  return 'applied';
}

/**
 * Applies stored events in order, as applyStored would one by one, and returns the ids of those
 * held. Events that change only their lot's row (a type with a fold, and its rows alongside) are
 * applied together, with one read and one write for all their lots: a page of receipts, moves and
 * QC decisions costs a few statements instead of one or more per event. Another event ends the run (it is written first) when it is
 * about a lot of the run, or about no lot and may touch any (readsLots); one about another lot is
 * applied meanwhile, since an event's apply touches no lot's row but its own (EventDefinition).
 * Append-only facts (a type with an append: QC entries, weighings) are gathered the same way and
 * written a few hundred rows a statement before any event that is neither and may read them
 * (readsAppends). Throws what an apply throws (the caller's savepoint undoes the lot). `payloads`
 * holds rows' payloads already read as their types read them today (the upstream's authority
 * check read them), by event id.
 */
export async function applyInOrder(trx: Trx, rows: readonly EventRow[], ownStation: string, payloads: ReadonlyMap<string, unknown> = new Map()): Promise<string[]> {
  const held: string[] = [];
  let run: Folding[] = [];
  const runLots = new Set<string>();
  let appends: Appending[] = [];
  for (const row of rows) {
    const definition = eventCatalog.get(row.type);
    const read = definition && (payloads.has(row.id) ? { payload: payloads.get(row.id) } : readPayload(definition, JSON.parse(row.payload)));
    if (!definition || !read) {
      held.push(row.id);
      continue;
    }
    if (definition.ownStationOnly && row.station !== ownStation) continue;
    const lotId = definition.lotId(read.payload);
    if (definition.fold && (definition.folds?.(read.payload) ?? true)) {
      run.push(foldingOf(definition, lotId!, read.payload, envelope(row)));
      runLots.add(lotId!);
      continue;
    }
    if (definition.append) {
      appends.push(definition.append(read.payload, envelope(row)));
      continue;
    }
    if (run.length && (lotId === null ? definition.readsLots !== false : runLots.has(lotId))) {
      await foldRun(trx, run);
      run = [];
      runLots.clear();
    }
    if (appends.length && definition.readsAppends !== false) {
      await appendRun(trx, appends);
      appends = [];
    }
    await definition.apply(trx, read.payload, envelope(row));
  }
  if (run.length) await foldRun(trx, run);
  if (appends.length) await appendRun(trx, appends);
  return held;
}

/** Runs work inside a savepoint: an AppError undoes just that work and is returned, not thrown. */
export async function attempt(trx: Trx, work: () => Promise<void>): Promise<AppError | null> {
  await sql.raw('SAVEPOINT attempt').execute(trx);
  try {
    await work();
    await sql.raw('RELEASE attempt').execute(trx);
    return null;
  } catch (error) {
    await sql.raw('ROLLBACK TO attempt').execute(trx);
    await sql.raw('RELEASE attempt').execute(trx);
    if (error instanceof AppError) return error;
    const code = (error as { code?: string }).code;
    // A unique, check, foreign-key or not-null violation: SQLITE_CONSTRAINT, or PostgreSQL's SQLSTATE class 23 (23505, 23514, 23503, 23502).
    if (code === 'SQLITE_CONSTRAINT' || /^23[0-9A-Z]{3}$/.test(code ?? '')) return new AppError('sync.constraint', (error as Error).message);
    throw error;
  }
}
