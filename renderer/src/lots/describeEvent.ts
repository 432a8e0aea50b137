import type { TFunction } from 'i18next';
import { describePackingEvent } from '../packing/history';
import { describePlatingEvent } from '../plating/history';
import { describeQcEvent } from '../qc/history';

/** The move of pieces a packing or plating fact makes itself, if it does. */
function piecesMoved(type: string, p: Record<string, string | number | boolean | null>) {
  const move = (from: string, to: string, quantity: unknown, note: unknown) => ({ from, to, quantity: Number(quantity), note: String(note) });
  if (type === 'packing.packed' && p.moves) return move('finished', 'packed', p.quantity, p.orderId);
  if (type === 'packing.unpacked' && p.moves) return move('packed', 'finished', p.quantity, p.reason);
  if (type === 'packing.lotShipped') return move('packed', 'shipped', p.quantity, p.orderId);
  if (type === 'plating.lotStarted') return move('refining', 'plating', p.pieces, p.batchId);
  if (type === 'plating.checkMoved') return move('plating', String(p.to), p.quantity, p.batchId);
  return null;
}

/**
 * An event in the person's words ("Moved 40 from In QC to Refining (reason)"), for a lot's history
 * and the Sync screen's list of what needs attention; the event's type only for one no screen
 * knows yet. `finish` names a finish code in the person's language (useNames).
 */
export function describeEvent(t: TFunction, type: string, payload: Record<string, unknown>, finish: (code: string) => string): { what: string; quantity: number | null } {
  const p = payload as Record<string, string | number | boolean | null>;
  if (type === 'lot.received') return { what: t('history.received', { state: t(`states.${p.state}`), weight: p.weightG ?? '—' }), quantity: Number(p.quantity) };
  if (type === 'lot.moved')
    return {
      what: t('history.moved', { from: t(`states.${p.from}`), to: t(`states.${p.to}`) }) + (p.reason ? ` (${p.reason})` : ''),
      quantity: Number(p.quantity),
    };
  if (type === 'quarantine.decided')
    return { what: t(`quarantine.history.${p.to}`, { design: p.designSku, finish: finish(String(p.finish)), reason: p.reason }), quantity: Number(p.quantity) };
  // A fact that moves the lot's pieces itself (a pack, a batch's start or check, a box's shipment) reads as the move it is.
  const move = piecesMoved(type, p);
  if (move) return { what: t('history.moved', { from: t(`states.${move.from}`), to: t(`states.${move.to}`) }) + ` (${move.note})`, quantity: move.quantity };
  if (type === 'print.queued' || type === 'print.reprinted')
    return { what: t(`printing.history.${type}`, { template: t(`printing.templates.${String(p.template ?? '')}`, { defaultValue: String(p.template ?? '') }) }), quantity: null };
  return describeQcEvent(t, type, payload) ?? describePackingEvent(t, type, payload) ?? describePlatingEvent(t, type, payload) ?? { what: type, quantity: null };
}
