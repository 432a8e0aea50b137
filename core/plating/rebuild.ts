import { sql } from 'kysely';
import type { Db, Trx } from '../db/schema';
import type { EventDefinition } from '../events/define';
import { readPayload } from '../events/payload';
import { applyStored, attempt } from '../sync/apply';
import type { Misfit, OwnedRows, ScopeKind } from '../sync/scope';
import { advancePlan, batchFinished, batchLocked, batchMoved, batchStarted, lotChecked, metalOverridden, planPublished, readingLogged } from './events';

// The plan, and each batch an operator ran, recomputed from their events after a sync as a lot is
// (core/sync/scope.ts): the changes the upstream has ordered, in its order, then this station's
// own not yet acknowledged. The plan owns the batches not started; a batch's run (started,
// read, finished, checked) is the batch's.

/** The events that change the plan and carry the version they were made on. */
const planChanges = [planPublished, batchMoved, batchLocked] as const;

/** The plan's events and the batches' starts, in the order a recompute takes them. */
export const planEvents = (trx: Db | Trx) =>
  trx
    .selectFrom('events')
    .select(['id', 'station', 'seq', 'type', 'lot_id', 'payload', 'user_id', 'at'])
    // Literal, as the partial index events_plan (migration 8) is written, so that it is used (its fixture checks).
    .where(sql.raw<boolean>(`type IN (${[...planChanges, batchStarted].map((d) => `'${d.type}'`).join(', ')})`))
    .where('status', '=', 'applied')
    .orderBy(sql`upstream_seq IS NULL`)
    .orderBy('upstream_seq')
    .orderBy(sql`rowid`);

const notStarted = "state = 'planned'";

/** The plan: its version, and the batches not started with their lots. */
export const planRows: readonly OwnedRows[] = [
  { table: 'plating_plan', key: null },
  { table: 'plating_batch_items', key: null, where: `batch_id IN (SELECT id FROM plating_batches WHERE ${notStarted})` },
  { table: 'plating_batches', key: null, where: notStarted },
];

/** A batch's run: its state and who ran it, its lots checked, its checks and bath readings. */
export const batchRows: readonly OwnedRows[] = [
  {
    table: 'plating_batches',
    key: 'id',
    columns: { state: 'planned', started_at: null, started_by: null, finished_at: null, finished_by: null, gold_used_g: null, metal_override_reason: null, metal_override_by: null },
  },
  { table: 'plating_batch_items', key: 'batch_id', columns: { checked: 0 } },
  { table: 'plating_checks', key: 'batch_id' },
  { table: 'plating_readings', key: 'batch_id' },
];

/** A batch's plan as a change before its start left it: where and when, and (a plan published) its lots. */
type PlannedAs = { lineId?: string; startAt?: string; endAt?: string; locked?: boolean; expectedMetalG?: number; items?: { lotId: string; pieces: number }[] };

/**
 * Writes on a started batch what a plan change made before its start says of it: the batch started
 * as the plan stood then. A station that changed it later, not knowing of the start, holds its own
 * change until the plan is recomputed (ScopeKind.watches); its lots' checked pieces are the run's.
 */
async function planAgain(trx: Trx, batchId: string, as: PlannedAs): Promise<void> {
  const { lineId, startAt, endAt, locked, expectedMetalG, items } = as;
  const set = { line_id: lineId, start_at: startAt, end_at: endAt, locked: locked === undefined ? undefined : locked ? 1 : 0, expected_metal_g: expectedMetalG };
  await trx.updateTable('plating_batches').set(set).where('id', '=', batchId).execute();
  if (!items) return;
  await trx.deleteFrom('plating_batch_items').where('batch_id', '=', batchId).where('lot_id', 'not in', items.map((i) => i.lotId)).execute();
  for (const item of items)
    await trx
      .insertInto('plating_batch_items')
      .values({ batch_id: batchId, lot_id: item.lotId, pieces: item.pieces })
      .onConflict((oc) => oc.columns(['batch_id', 'lot_id']).doUpdateSet({ pieces: item.pieces }))
      .execute();
}

/** What a plan change says of each started batch it reaches before the batch's start. */
function plannedBefore(type: string, p: Record<string, unknown>, beforeStart: (batchId: string) => boolean): [string, PlannedAs][] {
  if (type === planPublished.type) return (p.batches as (PlannedAs & { id: string })[]).filter((b) => beforeStart(b.id)).map(({ id, ...as }) => [id, as]);
  const batchId = p.batchId as string;
  if (!beforeStart(batchId)) return [];
  if (type === batchMoved.type) return [[batchId, { lineId: p.lineId as string, startAt: p.startAt as string, endAt: p.endAt as string }]];
  return [[batchId, { locked: p.locked as boolean }]];
}

/**
 * The plan's changes in the upstream's order, on what is left once the plan's rows are removed (the
 * batches that started). The changes to a batch before it started are written on it again at its
 * start (planAgain), and the plan moves on. A start that arrives in the replay, of a batch this station had not
 * started, starts it there, so a later plan does not plan it away (its run is the batch scope's;
 * one not in the plan at this point is left out and listed there). Returns this station's changes
 * that no longer fit (another station changed the plan first).
 */
async function replayPlan(trx: Trx, _key: string, ownStation: string): Promise<Misfit[]> {
  const started = new Set((await trx.selectFrom('plating_batches').select('id').execute()).map((b) => b.id));
  const startedSoFar = new Set<string>();
  const beforeStart = (batchId: string) => started.has(batchId) && !startedSoFar.has(batchId);
  // What the changes so far say of each started batch not started yet in the replay: written once, at its start.
  const planned = new Map<string, PlannedAs>();
  const misfits: Misfit[] = [];
  for (const event of await planEvents(trx).execute()) {
    const definition = [...planChanges, batchStarted].find((d) => d.type === event.type) as EventDefinition<unknown>;
    const p = (readPayload(definition, JSON.parse(event.payload))?.payload ?? {}) as Record<string, unknown> & { batchId?: string; basedOn?: number; basedOnAt?: string | null };
    if (event.type === batchStarted.type) {
      startedSoFar.add(p.batchId!);
      const as = planned.get(p.batchId!);
      if (as) await planAgain(trx, p.batchId!, as);
      if (!started.has(p.batchId!)) await attempt(trx, async () => void (await applyStored(trx, event, ownStation)));
      continue;
    }
    const error = await attempt(trx, async () => {
      if (p.batchId && beforeStart(p.batchId)) await advancePlan(trx, p.basedOn!, event.at, event.user_id, p.basedOnAt);
      else await applyStored(trx, event, ownStation);
    });
    if (error) misfits.push({ id: event.id, error });
    else for (const [batchId, as] of plannedBefore(event.type, p, beforeStart)) planned.set(batchId, { ...planned.get(batchId), ...as });
  }
  return misfits;
}

export const planScope: ScopeKind = {
  types: planChanges.map((d) => d.type),
  field: null,
  watches: [batchStarted.type],
  replay: replayPlan,
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
