import type { TFunction } from 'i18next';

/** A refinement or plating event in the person's words, or null for another feature's event. */
export function describePlatingEvent(t: TFunction, type: string, payload: Record<string, unknown>): { what: string; quantity: number | null } | null {
  const p = payload as Record<string, string | number | null>;
  switch (type) {
    case 'metal.weighed':
      return { what: t(`plating.history.weighed.${p.direction === 'in' ? 'in' : 'out'}`, { step: t(`states.${String(p.step)}`), grams: p.grams }), quantity: Number(p.pieces) };
    case 'plating.batchStarted':
    case 'plating.batchFinished':
    case 'plating.batchMoved':
      return { what: t(`plating.history.${type.slice('plating.'.length)}`, { batch: p.batchId }), quantity: null };
    case 'plating.batchLocked':
      return { what: t(payload.locked ? 'plating.history.batchLocked' : 'plating.history.batchUnlocked', { batch: p.batchId }), quantity: null };
    case 'plating.metalOverridden':
      return { what: t('plating.history.metalOverridden', { batch: p.batchId, grams: p.metalUsedG, expected: p.expectedG, reason: p.reason }), quantity: null };
    case 'plating.planPublished':
      return { what: t('plating.history.planPublished', { count: (payload.batches as unknown[]).length }), quantity: null };
    case 'plating.lotChecked':
      return { what: t('plating.history.lotChecked', { lot: p.lotId, batch: p.batchId, passed: p.passed, rework: p.rework }), quantity: Number(p.passed) + Number(p.rework) };
    case 'plating.readingLogged':
      return { what: t('plating.history.readingLogged', { batch: p.batchId }), quantity: null };
    default:
      return null;
  }
}
