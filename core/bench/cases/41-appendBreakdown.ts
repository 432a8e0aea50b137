import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { openSqlite, sqlite3 } from '../../db/dialect';
import type { Trx } from '../../db/schema';
import type { EventEnvelope } from '../../events/define';
import { record } from '../../events/log';
import { lotMoved } from '../../lots/events';
import type { BenchCase, Figure } from '../benchCase';
import { MoveSource } from '../moves';

const events = 2_000;

class RollBack extends Error {}

async function microsPerEvent(fn: (i: number) => Promise<unknown> | unknown): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < events; i++) await fn(i);
  return ((performance.now() - start) * 1000) / events;
}

async function lastSeq(trx: Trx, station: string): Promise<number> {
  const row = await trx.selectFrom('events').select((eb) => eb.fn.max('seq').as('seq')).where('station', '=', station).executeTakeFirst();
  return row?.seq ?? 0;
}

/**
 * Where record() spends its time per event: each step it takes, issued on its own the same way,
 * inside one transaction that is rolled back so the store is left as it was.
 */
export const benchCase: BenchCase = {
  name: 'append: record() per-event cost, step by step (rolled back)',
  targets: {},
  async run(env) {
    const source = await MoveSource.load(env, 5_000);
    // Two runs of moves, each valid after the one before: record() applies the first, apply alone the second.
    const moves = Array.from({ length: events }, () => source.next());
    const applyMoves = Array.from({ length: events }, () => source.next());
    const figures: Figure[] = [];
    const add = (name: string, value: number) => figures.push({ name, value, unit: 'µs/event' });
    await env.app.store.db
      .transaction()
      .execute(async (trx) => {
        const { code: station } = await trx.selectFrom('station').select('code').executeTakeFirstOrThrow();
        const actor = { userId: env.userId, station, now: () => new Date() };
        add('record() whole', await microsPerEvent((i) => record(trx, actor, lotMoved, moves[i]!)));
        add('validate (zod) + JSON.stringify', await microsPerEvent((i) => JSON.stringify(lotMoved.payload.parse(moves[i]!))));
        add('SELECT max(seq)', await microsPerEvent(() => lastSeq(trx, station)));
        const envelope = (i: number, first: number): EventEnvelope => ({
          id: uuidv7(),
          station,
          seq: first + i,
          type: lotMoved.type,
          lotId: moves[i]!.lotId,
          userId: env.userId,
          at: new Date().toISOString(),
        });
        const row = (e: EventEnvelope, i: number) => ({
          id: e.id, station, seq: e.seq, type: e.type, lot_id: e.lotId, payload: JSON.stringify(moves[i]!), user_id: e.userId, at: e.at, upstream_seq: null,
        });
        let first = (await lastSeq(trx, station)) + 1;
        add('INSERT event, one row per statement', await microsPerEvent((i) => trx.insertInto('events').values(row(envelope(i, first), i)).execute()));
        first = (await lastSeq(trx, station)) + 1;
        const rows = moves.map((_, i) => row(envelope(i, first), i));
        add('INSERT events, 1,000 rows per statement', await microsPerEvent((i) => (i % 1_000 === 0 ? trx.insertInto('events').values(rows.slice(i, i + 1_000)).execute() : undefined)));
        add('apply: UPDATE lots', await microsPerEvent((i) => lotMoved.apply(trx, applyMoves[i]!, envelope(i, 0))));
        add('SELECT 1 through Kysely (statement round trip)', await microsPerEvent(() => sql`SELECT 1`.execute(trx)));
        throw new RollBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RollBack)) throw error;
      });
    // The floor under all of it: node-sqlite3's own round trip, on a second connection without Kysely.
    const raw = await openSqlite(env.file, sqlite3.OPEN_READONLY);
    const statement = raw.prepare('SELECT 1');
    add('SELECT 1 on raw node-sqlite3, prepared', await microsPerEvent(() => new Promise((resolve, reject) => statement.get((err: Error | null) => (err ? reject(err) : resolve(null))))));
    await new Promise<void>((resolve) => statement.finalize(() => raw.close(() => resolve())));
    return figures;
  },
};
