import { chunks } from '../db/batch';
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
  await keepAll(trx, [{ artisanId, designSku, state, at: at ?? steps.at(-1)?.at ?? initialStepAt, last: steps.at(-1) ?? null }]);
  return state;
}

type Step = { at: string; id: string };
/** When a pair with no step left (its only lot's decision recomputed away) was last folded: before every step. */
const initialStepAt = '1970-01-01T00:00:00.000Z';
const after = (step: Step, last: Step) => (step.at === last.at ? step.id > last.id : step.at > last.at);

/** A pair's state as folded, when, and the last step folded into it. */
interface Kept {
  artisanId: string;
  designSku: string;
  state: SwitchingState;
  at: string;
  last: Step | null;
}

/** Writes pairs' states, a few hundred a statement (each pair once). */
async function keepAll(trx: Db, pairs: readonly Kept[]): Promise<void> {
  for (const piece of chunks(pairs, 200)) {
    if (!piece.length) continue;
    const rows = piece.map((p) => ({ artisan_id: p.artisanId, design_sku: p.designSku, state: JSON.stringify(p.state), mode: modeOf(p.state), updated_at: p.at, folded_at: p.last?.at ?? null, folded_id: p.last?.id ?? null }));
    await trx
      .insertInto('qc_switching')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['artisan_id', 'design_sku']).doUpdateSet((eb) => ({
          state: eb.ref('excluded.state'),
          mode: eb.ref('excluded.mode'),
          updated_at: eb.ref('excluded.updated_at'),
          folded_at: eb.ref('excluded.folded_at'),
          folded_id: eb.ref('excluded.folded_id'),
        })),
      )
      .execute();
  }
}

/** A decision as its pair's switching state learns it: when, which, what the lot showed, and whether its row replaced another's. */
export interface DecisionStep extends Step {
  artisanId: string;
  designSku: string;
  lot: Parameters<typeof recordLot>[1];
  replaced: boolean;
}

const pairKey = (step: { artisanId: string; designSku: string }) => JSON.stringify([step.artisanId, step.designSku]);

/**
 * Decisions just recorded in qc_decisions, in the order they were applied: each pair's kept state
 * read once, its decisions made after every step folded so far folded onto it in memory, and each
 * pair's state written once, a few hundred pairs a statement. A pair with a decision made earlier
 * than its last step folded (decided elsewhere while apart), or one that replaced another's row,
 * is folded whole from its history instead, at its last decision's time. The same states as one
 * decision at a time, in order: a pair folded whole at the end folds every decision in
 * qc_decisions, this run's included. Its cost no longer grows with the pair's history, which the
 * upstream holds for years.
 */
export async function foldDecisions(trx: Db, decisions: readonly DecisionStep[]): Promise<void> {
  const byPair = new Map<string, DecisionStep[]>();
  for (const decision of decisions) {
    const steps = byPair.get(pairKey(decision)) ?? [];
    steps.push(decision);
    byPair.set(pairKey(decision), steps);
  }
  const kept = new Map<string, { state: string; folded_at: string | null; folded_id: string | null }>();
  for (const pairs of chunks([...byPair.values()].map((steps) => steps[0]!), 200)) {
    const rows = await trx
      .selectFrom('qc_switching')
      .select(['artisan_id', 'design_sku', 'state', 'folded_at', 'folded_id'])
      .where((eb) => eb(eb.refTuple('artisan_id', 'design_sku'), 'in', pairs.map((p) => eb.tuple(p.artisanId, p.designSku))))
      .execute();
    for (const row of rows) kept.set(pairKey({ artisanId: row.artisan_id, designSku: row.design_sku }), row);
  }
  const firstLots = byPair.size > kept.size ? await companyFirstLots(trx) : defaultFirstLots;
  const folded: Kept[] = [];
  for (const [key, steps] of byPair) {
    const last = steps.at(-1)!;
    const was = kept.get(key);
    let state = was ? (JSON.parse(was.state) as SwitchingState) : null;
    let latest: Step | null = was && was.folded_at !== null && was.folded_id !== null ? { at: was.folded_at, id: was.folded_id } : null;
    let whole = false;
    for (const step of steps) {
      if (step.replaced || (state !== null && (latest === null || !after(step, latest)))) whole = true;
      // No state kept: the pair's first step (every step keeps one).
      else state = recordLot(state ?? initialSwitching(firstLots), step.lot);
      latest = step;
    }
    if (whole) await refoldSwitching(trx, last.artisanId, last.designSku, last.at);
    else folded.push({ artisanId: last.artisanId, designSku: last.designSku, state: state!, at: last.at, last });
  }
  await keepAll(trx, folded);
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
