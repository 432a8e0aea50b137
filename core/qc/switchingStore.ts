import { sql } from 'kysely';
import type { Db } from '../db/schema';
import type { QcMode } from './plan';
import { approveReduced, initialSwitching, inspectionFor, recordLot, reducedEligible, restartAfterSupport, type SwitchingState } from './switching';

// The switching state of one artisan and design, kept in qc_switching: every decision and
// supervisor action of the pair folded in the order they were made (time, then id). A decision
// made after the last step folded is folded onto the state as kept; anything else (a decision from
// elsewhere that was made earlier, one replacing another, an action) folds the pair's whole
// history again, so a station that learns of a lot decided elsewhere earlier arrives at the same
// state as every other.

export async function companyFirstLots(trx: Db): Promise<number> {
  const row = await trx.selectFrom('qc_settings').select('first_lots').executeTakeFirst();
  return row?.first_lots ?? defaultFirstLots;
}

export const defaultFirstLots = 3;

export function modeOf(state: SwitchingState): QcMode {
  return inspectionFor(state) as QcMode;
}

/** Folds the pair's whole history again; `at` is when, by default the pair's last step (the same at every station). */
export async function refoldSwitching(trx: Db, artisanId: string, designSku: string, at?: string): Promise<SwitchingState> {
  const decisions = await trx
    .selectFrom('qc_decisions')
    .select(['at', 'event_id as id', 'switching'])
    .where('artisan_id', '=', artisanId)
    .where('design_sku', '=', designSku)
    .execute();
  const actions = await trx
    .selectFrom('qc_switching_actions')
    .select(['at', 'id', 'kind'])
    .where('artisan_id', '=', artisanId)
    .where('design_sku', '=', designSku)
    .execute();
  const steps = [
    ...decisions.map((d) => ({ at: d.at, id: d.id, lot: JSON.parse(d.switching) as Parameters<typeof recordLot>[1], kind: null })),
    ...actions.map((a) => ({ at: a.at, id: a.id, lot: null, kind: a.kind })),
  ].sort((a, b) => (a.at === b.at ? (a.id < b.id ? -1 : 1) : a.at < b.at ? -1 : 1));
  let state = initialSwitching(await companyFirstLots(trx));
  for (const step of steps) {
    if (step.lot) state = recordLot(state, step.lot);
    // An approval only counts where the history made the pair eligible at that moment.
    else if (step.kind === 'approveReduced') state = reducedEligible(state) ? approveReduced(state) : state;
    else if (inspectionFor(state) === 'discontinued') state = restartAfterSupport(state);
  }
  await keep(trx, artisanId, designSku, state, at ?? steps.at(-1)?.at ?? initialStepAt, steps.at(-1) ?? null);
  return state;
}

type Step = { at: string; id: string };
/** When a pair with no step left (its only lot's decision recomputed away) was last folded: before every step. */
const initialStepAt = '1970-01-01T00:00:00.000Z';
const after = (step: Step, last: Step) => (step.at === last.at ? step.id > last.id : step.at > last.at);

async function keep(trx: Db, artisanId: string, designSku: string, state: SwitchingState, at: string, last: Step | null): Promise<void> {
  const row = { state: JSON.stringify(state), mode: modeOf(state), updated_at: at, folded_at: last?.at ?? null, folded_id: last?.id ?? null };
  await trx
    .insertInto('qc_switching')
    .values({ artisan_id: artisanId, design_sku: designSku, ...row })
    .onConflict((oc) => oc.columns(['artisan_id', 'design_sku']).doUpdateSet(row))
    .execute();
}

/**
 * A new decision of the pair (its row just added to qc_decisions, not replacing another): folded
 * onto the kept state when it comes after every step folded so far, else the whole history again.
 * Its cost no longer grows with the pair's history, which the upstream holds for years.
 */
export async function foldDecision(trx: Db, artisanId: string, designSku: string, decision: Step & { lot: Parameters<typeof recordLot>[1] }): Promise<void> {
  // The kept state and the company's first lots in one read: a new pair (most decisions sync brings) needs both.
  const kept = await trx
    .selectFrom(sql<{ one: number }>`(SELECT 1 AS one)`.as('one'))
    .leftJoin('qc_switching', (join) => join.on('artisan_id', '=', artisanId).on('design_sku', '=', designSku))
    .select(['state', 'folded_at', 'folded_id', (eb) => eb.selectFrom('qc_settings').select('first_lots').as('first_lots')])
    .executeTakeFirstOrThrow();
  // No state kept: the pair's first step (every step keeps one).
  if (kept.state === null) {
    await keep(trx, artisanId, designSku, recordLot(initialSwitching(kept.first_lots ?? defaultFirstLots), decision.lot), decision.at, decision);
    return;
  }
  if (kept.folded_at === null || kept.folded_id === null || !after(decision, { at: kept.folded_at, id: kept.folded_id })) {
    await refoldSwitching(trx, artisanId, designSku, decision.at);
    return;
  }
  await keep(trx, artisanId, designSku, recordLot(JSON.parse(kept.state) as SwitchingState, decision.lot), decision.at, decision);
}

/**
 * Every pair folded again: when the company's first-lots count changes, each pair's state starts
 * from the new one, so every station holds the same state whatever it had folded before.
 */
export async function refoldAllSwitching(trx: Db, at: string): Promise<void> {
  const pairs = await trx.selectFrom('qc_switching').select(['artisan_id', 'design_sku']).execute();
  for (const pair of pairs) await refoldSwitching(trx, pair.artisan_id, pair.design_sku, at);
}

/** The pair's current state: as kept, or a new pair's (first lots at 100%). */
export async function switchingOf(trx: Db, artisanId: string, designSku: string): Promise<SwitchingState> {
  const row = await trx.selectFrom('qc_switching').select('state').where('artisan_id', '=', artisanId).where('design_sku', '=', designSku).executeTakeFirst();
  return row ? (JSON.parse(row.state) as SwitchingState) : initialSwitching(await companyFirstLots(trx));
}
