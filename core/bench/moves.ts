import { sql } from 'kysely';
import { lotStates, type LotState } from '../db/schema';
import type { LotMove } from '../lots/service';
import { nextStates } from '../lots/transitions';
import type { BenchEnv } from './benchCase';

type Counts = Record<LotState, number>;

const canLeave = (state: LotState) => nextStates(state).length > 0;

/**
 * Legal one-piece moves on random lots. It keeps its own copy of their counts so a long run of
 * moves stays valid, and moves only into states pieces can leave again, so it never runs dry.
 */
export class MoveSource {
  private constructor(
    private readonly env: BenchEnv,
    private readonly lots: { id: string; counts: Counts }[],
  ) {}

  static async load(env: BenchEnv, poolSize: number): Promise<MoveSource> {
    const ids = await env.randomLots(poolSize);
    const lots: { id: string; counts: Counts }[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const { rows } = await sql<Counts & { id: string }>`SELECT id, ${sql.join(lotStates.map((s) => sql.ref(s)))} FROM lots WHERE id IN (${sql.join(chunk)})`.execute(env.app.store.db);
      for (const { id, ...counts } of rows) if (lotStates.some((s) => counts[s] > 0 && canLeave(s))) lots.push({ id, counts });
    }
    if (lots.length === 0) throw new Error('No lot among those sampled has pieces that can still move');
    return new MoveSource(env, lots);
  }

  next(): LotMove {
    const lot = this.env.random.pick(this.lots);
    const from = this.env.random.pick(lotStates.filter((s) => lot.counts[s] > 0 && canLeave(s)));
    const to = this.env.random.pick(nextStates(from).filter(canLeave));
    lot.counts[from]--;
    lot.counts[to]++;
    return { lotId: lot.id, from, to, quantity: 1, reason: null };
  }
}
