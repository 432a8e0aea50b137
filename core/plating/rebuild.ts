import { sql } from 'kysely';
import type { AppError } from '../api/errors';
import type { Trx } from '../db/schema';
import { applyStored, attempt } from '../sync/apply';
import { advancePlan, batchLocked, batchMoved, batchStarted, planPublished } from './events';

// The plan recomputed from its events after a sync, as a lot is (core/sync/apply.ts rebuildLot):
// the changes the upstream has ordered, in its order, then this station's own not yet
// acknowledged. Batches an operator started are facts and stay as they are.

/** The events that change the plan and carry the version they were made on. */
export const planEventTypes: readonly string[] = [planPublished.type, batchMoved.type, batchLocked.type];

/**
 * Recomputes the plan (its version and the batches not started) from the plan's events. Returns
 * this station's changes that no longer fit (another station changed the plan first); they are left
 * out. A station started from a snapshot whose history has not all arrived keeps its plan.
 */
export async function rebuildPlan(trx: Trx, ownStation: string): Promise<{ id: string; error: AppError }[]> {
  const state = await trx.selectFrom('sync_state').select(['snapshot_seq', 'history_cursor']).executeTakeFirst();
  if (state?.snapshot_seq != null && (state.history_cursor ?? 0) < state.snapshot_seq) return [];
  const started = new Set((await trx.selectFrom('plating_batches').select('id').where('state', '!=', 'planned').execute()).map((b) => b.id));
  await trx.deleteFrom('plating_batches').where('state', '=', 'planned').execute();
  await trx.deleteFrom('plating_plan').execute();
  const events = await trx
    .selectFrom('events')
    .select(['id', 'station', 'seq', 'type', 'lot_id', 'payload', 'user_id', 'at'])
    // Literal, as the partial index events_plan (migration 8) is written, so that it is used.
    .where(sql.raw<boolean>(`type IN (${[...planEventTypes, batchStarted.type].map((t) => `'${t}'`).join(', ')})`))
    .where('status', '=', 'applied')
    .orderBy(sql`upstream_seq IS NULL`)
    .orderBy('upstream_seq')
    .orderBy(sql`rowid`)
    .execute();
  const startedSoFar = new Set<string>();
  const misfits: { id: string; error: AppError }[] = [];
  for (const event of events) {
    const p = JSON.parse(event.payload) as { basedOn: number; batchId?: string };
    if (event.type === batchStarted.type) {
      startedSoFar.add(p.batchId!);
      continue;
    }
    const error = await attempt(trx, async () => {
      // A change to a batch before it was started: the started batch already holds it, the plan still moved on.
      if (p.batchId && started.has(p.batchId) && !startedSoFar.has(p.batchId)) await advancePlan(trx, p.basedOn, event.at, event.user_id);
      else await applyStored(trx, event, ownStation);
    });
    if (error) misfits.push({ id: event.id, error });
  }
  return misfits;
}
