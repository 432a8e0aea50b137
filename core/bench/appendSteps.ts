import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Trx } from '../db/schema';
import type { EventEnvelope } from '../events/define';
import { foldRun } from '../events/fold';
import { record } from '../events/log';
import type { LotMove } from '../lots/service';
import { lotMoved } from '../lots/events';
import type { Figure } from './benchCase';
import type { MoveSource } from './moves';

const batchSize = 1_000;

async function microsPerEvent(events: number, fn: (i: number) => Promise<unknown> | unknown): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < events; i++) await fn(i);
  return ((performance.now() - start) * 1000) / events;
}

async function lastSeq(trx: Trx, station: string): Promise<number> {
  // The same query record() runs before each append.
  const row = await trx.selectFrom('events').select((eb) => eb.fn.max('seq').as('seq')).where('station', '=', station).executeTakeFirst();
  return row?.seq ?? 0;
}

/**
 * Times, per event, each step record() takes for a lot.moved, issued on its own the way record()
 * issues it, plus a sketch of a batch path. Runs inside `trx`; the caller rolls it back.
 */
export async function measureAppendSteps(trx: Trx, userId: string, source: MoveSource, events: number): Promise<Figure[]> {
  const { code: station } = await trx.selectFrom('station').select('code').executeTakeFirstOrThrow();
  const actor = { userId, station, now: () => new Date() };
  // Each step that applies moves gets its own run, valid after the runs before it.
  const run = () => Array.from({ length: events }, () => source.next());
  const envelope = (move: LotMove, seq: number): EventEnvelope => ({
    id: uuidv7(), station, seq, type: lotMoved.type, lotId: move.lotId, userId, at: new Date().toISOString(),
  });
  const row = (move: LotMove, seq: number) => {
    const e = envelope(move, seq);
    return { id: e.id, station, seq, type: e.type, lot_id: e.lotId, payload: JSON.stringify(lotMoved.payload.parse(move)), user_id: userId, at: e.at, upstream_seq: null };
  };
  const figures: Figure[] = [];
  const time = async (name: string, fn: (i: number) => Promise<unknown> | unknown) =>
    figures.push({ name, value: await microsPerEvent(events, fn), unit: 'µs/event' });

  const recorded = run();
  await time('record() whole', (i) => record(trx, actor, lotMoved, recorded[i]!));
  await time('validate (zod) + JSON.stringify', (i) => JSON.stringify(lotMoved.payload.parse(recorded[i]!)));
  await time('SELECT max(seq)', () => lastSeq(trx, station));
  let next = (await lastSeq(trx, station)) + 1;
  await time('INSERT event, one row per statement', (i) => trx.insertInto('events').values(row(recorded[i]!, next + i)).execute());
  next = (await lastSeq(trx, station)) + 1;
  const rows = recorded.map((move, i) => row(move, next + i));
  await time(`INSERT events, ${batchSize.toLocaleString('en')} rows per statement`, (i) =>
    i % batchSize === 0 ? trx.insertInto('events').values(rows.slice(i, i + batchSize)).execute() : undefined,
  );
  const applied = run();
  await time('apply: the lot read, folded and written back', (i) => lotMoved.apply(trx, applied[i]!, envelope(applied[i]!, 0)));
  // A batch path for record(): seq read once, one INSERT per batch, and the batch's moves folded as sync folds a page.
  const batched = run();
  await time(`batch sketch: max(seq) once, ${batchSize.toLocaleString('en')}-row INSERT, one fold per batch`, async (i) => {
    if (i % batchSize !== 0) return;
    const first = (await lastSeq(trx, station)) + 1;
    const moves = batched.slice(i, i + batchSize);
    await trx.insertInto('events').values(moves.map((move, k) => row(move, first + k))).execute();
    await foldRun(trx, moves.map((move) => ({ lotId: move.lotId, fold: (lot) => lotMoved.fold!(lot, move, envelope(move, 0)) })));
  });
  await time('SELECT 1 (statement round trip)', () => sql`SELECT 1`.execute(trx));
  return figures;
}
