import type { LotState } from '../db/schema';

// Where pieces may go from each state (domain.md, "The life of a lot"). Anything else is refused.
const allowed: Record<LotState, readonly LotState[]> = {
  in_qc: ['refining', 'quarantine', 'rework', 'returned', 'scrapped'],
  // Left by a supervisor's decision (core/quarantine): on to QC, back to the artisan, or scrap.
  quarantine: ['in_qc', 'returned', 'scrapped'],
  rework: ['in_qc', 'returned', 'scrapped'],
  refining: ['plating', 'finished', 'rework', 'scrapped'],
  plating: ['finished', 'rework', 'scrapped'],
  finished: ['packed', 'rework', 'scrapped'],
  packed: ['shipped', 'finished'],
  shipped: [],
  returned: [],
  scrapped: [],
};

export function canMove(from: LotState, to: LotState): boolean {
  return allowed[from].includes(to);
}

export function nextStates(from: LotState): readonly LotState[] {
  return allowed[from];
}

/** States a newly received lot may start in: QC, or quarantine for unexpected items. */
export const receivingStates = ['in_qc', 'quarantine'] as const satisfies readonly LotState[];
