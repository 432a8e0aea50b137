import type { TFunction } from 'i18next';

/**
 * A packing event in the person's words ("Put away in bin BIN-C02"), or null
 * for another feature's event. A pack or un-pack that moves the pieces itself reads as that move
 * (LotPage); one made before packs moved pieces reads as what it did.
 */
export function describePackingEvent(t: TFunction, type: string, payload: Record<string, unknown>): { what: string; quantity: number | null } | null {
  const p = payload as Record<string, string | number | null>;
  switch (type) {
    case 'packing.putAway':
      return { what: t('packing.history.putAway', { bin: p.bin }), quantity: null };
    case 'packing.allocationPinned':
      return Number(p.quantity) > 0
        ? { what: t('packing.history.pinned', { order: p.orderId, line: p.lineNo, reason: p.reason }), quantity: Number(p.quantity) }
        : { what: t('packing.history.released', { order: p.orderId, line: p.lineNo, reason: p.reason }), quantity: null };
    case 'packing.packed':
      return { what: t('packing.history.packed', { order: p.orderId }), quantity: Number(p.quantity) };
    case 'packing.unpacked':
      return { what: t('packing.history.unpacked', { reason: p.reason }), quantity: Number(p.quantity) };
    case 'packing.leftOut':
      return { what: t('packing.history.leftOut', { order: p.orderId, state: t('states.finished') }), quantity: Number(p.quantity) };
    case 'packing.boxOpened':
      return { what: t('packing.history.boxOpened', { order: p.orderId }), quantity: null };
    case 'packing.shipped':
      return { what: t('packing.history.shipped', { order: p.orderId, tracking: p.trackingNumber }), quantity: null };
    case 'packing.weightOverridden':
      return { what: t('packing.history.weightOverridden', { order: p.orderId, weight: p.weightG, expected: p.expectedG, tolerance: p.toleranceG, reason: p.reason }), quantity: null };
    case 'packing.gs1PrefixSet':
      return { what: t('packing.history.gs1PrefixSet', { prefix: p.prefix }), quantity: null };
    default:
      return null;
  }
}
