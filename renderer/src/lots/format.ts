import type { LotRow } from '../../../core/api/contract';
import { lotStates } from '../../../core/db/schema';

export function formatDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'sw' ? 'sw-KE' : 'en-KE', {
    timeZone: 'Africa/Nairobi',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

/** The states that hold pieces, in the order a lot moves through them. */
export function heldStates(quantities: LotRow['quantities']): { state: (typeof lotStates)[number]; count: number }[] {
  return lotStates.filter((s) => quantities[s] > 0).map((state) => ({ state, count: quantities[state] }));
}
