import type { View } from './QcScreen';

/** What a key does at the QC bench; null when the key is not the bench's (it goes on to the page). */
export type BenchKey =
  | { does: 'leaveField' }
  | { does: 'leaveLot' }
  | { does: 'move'; to: number }
  | { does: 'good'; then: number }
  | { does: 'takeBack' }
  | { does: 'defect'; code: string }
  | { does: 'nothing' };

interface Bench {
  piece: number;
  sampleSize: number;
  sorting: boolean;
  catalogue: View['catalogue'];
}

type Key = Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey' | 'repeat'>;

/** The bench's key map, from the key, whether a field has the keyboard, and the bench as it is. */
export function benchKey(e: Key, inField: boolean, bench: Bench): BenchKey | null {
  if (e.altKey || e.ctrlKey || e.metaKey) return null;
  // Esc leaves a field, forgetting a figure not logged; a second Esc leaves the lot.
  if (inField) return e.key === 'Escape' ? { does: 'leaveField' } : null;
  if (e.key === 'Escape') return { does: 'leaveLot' };
  if (bench.sorting) return null;
  const to = (piece: number) => Math.min(Math.max(1, piece), bench.sampleSize);
  if (e.key === 'ArrowRight' || e.key === 'PageDown') return { does: 'move', to: to(bench.piece + 1) };
  if (e.key === 'ArrowLeft' || e.key === 'PageUp') return { does: 'move', to: to(bench.piece - 1) };
  if (e.key === 'Home') return { does: 'move', to: 1 };
  // A held key repeats: one entry per press, never one per repeat.
  if (e.repeat) return { does: 'nothing' };
  if (e.key === 'End') return { does: 'move', to: bench.sampleSize };
  // Space: this piece looked at and good, on to the next. The bench owns Space: a button clicked
  // earlier keeps the focus but is not pressed, so judging stays one key.
  if (e.key === ' ') return { does: 'good', then: to(bench.piece + 1) };
  if (e.key === 'Delete') return { does: 'takeBack' };
  const card = bench.catalogue.find((c) => c.key === e.key.toLowerCase());
  return card ? { does: 'defect', code: card.code } : null;
}
