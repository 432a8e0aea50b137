import { sql } from 'kysely';
import type { Db, Trx } from '../db/schema';
import { applyStored, attempt } from '../sync/apply';
import { historyMissing, inScope, replay, type Misfit, type ScopeKind } from '../sync/scope';
import { advancePlan, batchFinished, batchLocked, batchMoved, batchStarted, lotChecked, metalOverridden, planPublished, readingLogged } from './events';

// The plan, and each batch an operator ran, recomputed from their events after a sync as a lot is
// (core/sync/scope.ts): the changes the upstream has ordered, in its order, then this station's
// own not yet acknowledged.

/** The events that change the plan and carry the version they were made on. */
const planEventTypes: readonly string[] = [planPublished.type, batchMoved.type, batchLocked.type];

/** The plan's events and the batches' starts, in the order a recompute takes them. */
export const planEvents = (trx: Db | Trx) =>
  trx
    .selectFrom('events')
    .select(['id', 'station', 'seq', 'type', 'lot_id', 'payload', 'user_id', 'at'])
    // Literal, as the partial index events_plan (migration 8) is written, so that it is used (its fixture checks).
    .where(sql.raw<boolean>(`type IN (${[...planEventTypes, batchStarted.type].map((t) => `'${t}'`).join(', ')})`))
    .where('status', '=', 'applied')
    .orderBy(sql`upstream_seq IS NULL`)
    .orderBy('upstream_seq')
    .orderBy(sql`rowid`);

/**
 * Recomputes the plan (its version and the batches not started) from the plan's events. Returns
 * this station's changes that no longer fit (another station changed the plan first); they are left
 * out. Batches an operator started are facts of their own (batchScope) and stay as they are; one
 * whose start arrives in the replay starts there. A station started from a snapshot whose history
 * has not all arrived keeps its plan until it has.
 */
async function rebuildPlan(trx: Trx, ownStation: string): Promise<Misfit[]> {
  if (await historyMissing(trx)) return [];
  const started = new Set((await trx.selectFrom('plating_batches').select('id').where('state', '!=', 'planned').execute()).map((b) => b.id));
  await trx.deleteFrom('plating_batches').where('state', '=', 'planned').execute();
  await trx.deleteFrom('plating_plan').execute();
  const events = await planEvents(trx).execute();
  const startedSoFar = new Set<string>();
  const misfits: Misfit[] = [];
  for (const event of events) {
    const p = JSON.parse(event.payload) as { basedOn: number; batchId?: string };
    if (event.type === batchStarted.type) {
      startedSoFar.add(p.batchId!);
      // Started here in the upstream's order, where this station had not started it yet: it runs from
      // here on, so a later plan does not plan it away (its runs are the batch scope's; one that is
      // not in the plan at this point is left out and listed there).
      if (!started.has(p.batchId!)) await attempt(trx, async () => void (await applyStored(trx, event, ownStation)));
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

export const planScope: ScopeKind = {
  types: planEventTypes,
  field: null,
  rebuild: (trx, _key, ownStation) => rebuildPlan(trx, ownStation),
  current: (trx) => trx.selectFrom('plating_plan').selectAll().executeTakeFirst(),
};

/**
 * A batch as its operators ran it: started, its bath read, finished, its lots checked. Two stations
 * that started (or checked) the same batch while apart end with the run the upstream took first;
 * the other is left out and listed, its readings with it. A batch whose start is left out is the
 * plan's again.
 */
export const batchScope: ScopeKind = {
  types: [batchStarted.type, readingLogged.type, metalOverridden.type, batchFinished.type, lotChecked.type],
  field: 'batchId',
  async rebuild(trx, batchId, ownStation) {
    if (await historyMissing(trx)) return [];
    await trx
      .updateTable('plating_batches')
      .set({ state: 'planned', started_at: null, started_by: null, finished_at: null, finished_by: null, gold_used_g: null, metal_override_reason: null, metal_override_by: null })
      .where('id', '=', batchId)
      .execute();
    await trx.updateTable('plating_batch_items').set({ checked: 0 }).where('batch_id', '=', batchId).execute();
    await trx.deleteFrom('plating_checks').where('batch_id', '=', batchId).execute();
    await trx.deleteFrom('plating_readings').where('batch_id', '=', batchId).execute();
    return replay(trx, inScope(batchScope, batchId), ownStation);
  },
  current: (trx, batchId) => trx.selectFrom('plating_batches').selectAll().where('id', '=', batchId).executeTakeFirst(),
  // Not here at all: the plan was recomputed before this batch's start arrived and planned it away; recomputed again, it knows the start.
  async before(trx, batchId) {
    const batch = await trx.selectFrom('plating_batches').select('id').where('id', '=', batchId).executeTakeFirst();
    return batch ? null : { kind: 'plan', key: '' };
  },
  async after(trx, batchId) {
    const batch = await trx.selectFrom('plating_batches').select('state').where('id', '=', batchId).executeTakeFirst();
    return batch?.state === 'planned' ? { kind: 'plan', key: '' } : null;
  },
};
