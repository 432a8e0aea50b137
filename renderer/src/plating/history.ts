import type { TFunction } from 'i18next';

/** A refinement or plating event in a lot's history, in the person's words, or null for another feature's event. */
export function describePlatingEvent(t: TFunction, type: string, payload: Record<string, unknown>): { what: string; quantity: number | null } | null {
  const p = payload as Record<string, string | number | null>;
  if (type !== 'metal.weighed') return null;
  return { what: t(`plating.history.weighed.${p.direction === 'in' ? 'in' : 'out'}`, { step: t(`states.${String(p.step)}`), grams: p.grams }), quantity: Number(p.pieces) };
}
