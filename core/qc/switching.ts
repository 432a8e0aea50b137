import { AppError } from '../kernel/errors';
import { limitNumber, type InspectionMode } from './sampling';

// The Z1.4 switching rules for one artisan and design, as a pure state machine. The state is plain
// JSON (the QC flow stores it per artisan + design) and only changes through these functions:
//
//   first-lots   a new artisan or design: its first N lots are inspected 100 %, then normal.
//   normal       -> tightened when 2 of 5 or fewer consecutive lots are rejected;
//                -> reduced only by approveReduced(), allowed when reducedEligible(): the preceding
//                   10 lots on normal were all accepted, their total nonconforming is within the
//                   limit number of Table VIII (more lots are counted where 10 are not enough, as
//                   the table's "*" says), and production is steady.
//   tightened    -> normal after 5 consecutive accepted lots;
//                -> discontinued when the lots rejected during this spell of tightened reach 5.
//   reduced      -> normal on a rejected lot, on an accepted lot whose count fell in the reduced
//                   plan's gap (Ac < d < Re), or when production is not steady.
//   discontinued no lot is accepted under the plan until the artisan has had support;
//                restartAfterSupport() resumes at tightened.

export type SwitchingMode = 'first-lots' | 'normal' | 'tightened' | 'reduced' | 'discontinued';

/** One decided lot, as the switching rules need it (the major class's plan and count). */
export interface LotResult {
  accepted: boolean;
  /** Nonconforming items (or nonconformities) found in the sample. */
  nonconforming: number;
  sampleSize: number;
  aql: number;
  /** Under reduced inspection: accepted with a count between the plan's Ac and Re. */
  inReducedGap: boolean;
  /** False when production was irregular or delayed; missing means steady. */
  productionSteady?: boolean;
}

export interface SwitchingState {
  mode: SwitchingMode;
  /** In first-lots: lots still to be inspected 100 %. */
  firstLotsLeft: number;
  /** In normal: accepted (true) or rejected, for the last lots on normal, newest last (at most 5). */
  lastNormal: boolean[];
  /** In normal: the unbroken run of accepted lots on normal, newest last (at most runLimit). */
  acceptedRun: { nonconforming: number; sampleSize: number }[];
  /** The AQL of the latest lot (the limit number is looked up for it). */
  aql: number | null;
  /** Whether production was steady at the latest lot. */
  productionSteady: boolean;
  /** In tightened: consecutive accepted lots, and lots rejected during this spell. */
  tightenedAccepted: number;
  tightenedRejected: number;
}

const runLimit = 100;

function fresh(mode: SwitchingMode, from: SwitchingState | null): SwitchingState {
  return {
    mode,
    firstLotsLeft: 0,
    lastNormal: [],
    acceptedRun: [],
    aql: from?.aql ?? null,
    productionSteady: from?.productionSteady ?? true,
    tightenedAccepted: 0,
    tightenedRejected: 0,
  };
}

/** A new artisan or design: the first `firstLots` lots at 100 % (none: straight to normal). */
export function initialSwitching(firstLots: number): SwitchingState {
  const lots = Math.max(0, Math.floor(firstLots));
  return lots > 0 ? { ...fresh('first-lots', null), firstLotsLeft: lots } : fresh('normal', null);
}

/** What the next lot gets: a plan of that severity, 100 % inspection, or none until support. */
export function inspectionFor(state: SwitchingState): InspectionMode | 'all' | 'discontinued' {
  return state.mode === 'first-lots' ? 'all' : state.mode;
}

/** The state after one more decided lot. A lot recorded while discontinued changes nothing. */
export function recordLot(state: SwitchingState, lot: LotResult): SwitchingState {
  const steady = lot.productionSteady !== false;
  const base = { ...state, aql: lot.aql, productionSteady: steady };
  switch (state.mode) {
    case 'first-lots':
      return base.firstLotsLeft > 1 ? { ...base, firstLotsLeft: base.firstLotsLeft - 1 } : fresh('normal', base);
    case 'normal': {
      const lastNormal = [...base.lastNormal, lot.accepted].slice(-5);
      if (lastNormal.filter((accepted) => !accepted).length >= 2) return fresh('tightened', base);
      const acceptedRun = lot.accepted ? [...base.acceptedRun, { nonconforming: lot.nonconforming, sampleSize: lot.sampleSize }].slice(-runLimit) : [];
      return { ...base, lastNormal, acceptedRun };
    }
    case 'tightened': {
      if (!lot.accepted) {
        const rejected = base.tightenedRejected + 1;
        return rejected >= 5 ? fresh('discontinued', base) : { ...base, tightenedAccepted: 0, tightenedRejected: rejected };
      }
      const accepted = base.tightenedAccepted + 1;
      return accepted >= 5 ? fresh('normal', base) : { ...base, tightenedAccepted: accepted };
    }
    case 'reduced':
      return !lot.accepted || lot.inReducedGap || !steady ? fresh('normal', base) : base;
    case 'discontinued':
      return state;
  }
}

/**
 * The reduced-inspection test on the accepted run: the latest 10 lots (or, where Table VIII says 10
 * lots' samples are not enough, as many more recent ones as make its limit number exist).
 */
function withinLimit(state: SwitchingState): boolean {
  if (state.aql === null || state.acceptedRun.length < 10) return false;
  let units = 0;
  let nonconforming = 0;
  for (let i = state.acceptedRun.length - 1; i >= 0; i--) {
    units += state.acceptedRun[i]!.sampleSize;
    nonconforming += state.acceptedRun[i]!.nonconforming;
    if (state.acceptedRun.length - i < 10) continue;
    const limit = limitNumber(units, state.aql);
    if (limit !== null) return nonconforming <= limit;
  }
  return false;
}

/** Normal inspection may switch to reduced once a supervisor approves (see the rules above). */
export function reducedEligible(state: SwitchingState): boolean {
  return state.mode === 'normal' && state.productionSteady && withinLimit(state);
}

/** A supervisor approves reduced inspection. Throws AppError qc.reducedNotEligible when the history does not allow it. */
export function approveReduced(state: SwitchingState): SwitchingState {
  if (!reducedEligible(state)) throw new AppError('qc.reducedNotEligible', 'Reduced inspection needs 10 accepted lots in a row on normal inspection, few enough nonconforming, and steady production', { mode: state.mode });
  return fresh('reduced', state);
}

/** After the artisan has had support: inspection resumes at tightened. Throws AppError qc.notDiscontinued otherwise. */
export function restartAfterSupport(state: SwitchingState): SwitchingState {
  if (state.mode !== 'discontinued') throw new AppError('qc.notDiscontinued', 'Inspection of this artisan and design is not discontinued', { mode: state.mode });
  return fresh('tightened', state);
}
