import type { LotEvent } from '../../../core/api/contract';

/**
 * The reason a history entry gives for a decision someone took on the lot's pieces: a return,
 * a scrap or a rework, a quarantine decision, or an override of what the station computed
 * (a QC verdict, a box weight, gold used). Routine moves carry no reason worth showing apart.
 */
export function decisionReason(event: LotEvent): string | null {
  const p = event.payload as { to?: unknown; reason?: unknown; overrideReason?: unknown };
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);
  if (text(p.overrideReason)) return text(p.overrideReason);
  if (event.type === 'quarantine.decided' || /override/i.test(event.type)) return text(p.reason);
  if (event.type === 'lot.moved' && ['returned', 'scrapped', 'rework'].includes(String(p.to))) return text(p.reason);
  return null;
}
