import { lotStates, type LotState } from '../../db/schema';
import type { Random } from '../../demo/random';
import { nextStates } from '../../lots/transitions';

export interface PieceMove {
  from: LotState;
  to: LotState;
  quantity: number;
}

export interface LotHistory {
  start: 'in_qc' | 'quarantine';
  moves: PieceMove[];
  /** Pieces per state after the last move: exactly what the lots row holds. */
  final: Record<LotState, number>;
}

const isFinal = (state: LotState) => nextStates(state).length === 0;

/**
 * A lot's past as exactly `moveCount` legal moves, replayed on its counts as the projections would.
 * Pieces mostly go forward along the line (a state's first allowed target) in whole or partial
 * batches, sometimes aside (rework, returned, scrapped). Until the last move at least one piece
 * stays in a state it can still leave, so the walk never runs out of moves early.
 */
export function walkLot(random: Random, quantity: number, moveCount: number): LotHistory {
  const start = random.chance(0.02) ? 'quarantine' : 'in_qc';
  const counts = Object.fromEntries(lotStates.map((s) => [s, 0])) as Record<LotState, number>;
  counts[start] = quantity;
  const moves: PieceMove[] = [];
  for (let i = 0; i < moveCount; i++) {
    const live = lotStates.filter((s) => counts[s] > 0 && !isFinal(s));
    // Mostly the earliest batch on the line moves next; sometimes any.
    const from = random.chance(0.75) ? live[0]! : random.pick(live);
    const targets = nextStates(from);
    let to = random.chance(0.8) ? targets[0]! : random.pick(targets);
    let moved = random.chance(0.5) ? counts[from] : random.int(1, counts[from]);
    if (isFinal(to) && i < moveCount - 1) {
      const liveTotal = live.reduce((sum, s) => sum + counts[s], 0);
      if (liveTotal === 1) to = targets.find((s) => !isFinal(s))!;
      else moved = Math.min(moved, liveTotal - 1);
    }
    counts[from] -= moved;
    counts[to] += moved;
    moves.push({ from, to, quantity: moved });
  }
  return { start, moves, final: counts };
}
