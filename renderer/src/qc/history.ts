import type { TFunction } from 'i18next';

/**
 * A QC event in a lot's history, in the person's words ("Decided: reject (Return to the artisan)",
 * "Defect on piece 3: Casting porosity"), or null for another feature's event. For the lot page.
 */
export function describeQcEvent(t: TFunction, type: string, payload: Record<string, unknown>): { what: string; quantity: number | null } | null {
  const p = payload as Record<string, string | number | null>;
  switch (type) {
    case 'qc.inspectionStarted': {
      const plan = payload.plan as { mode: string; sampleSize: number };
      return { what: t('qc.history.started', { mode: t(`qc.mode.${plan.mode}`), count: plan.sampleSize }), quantity: null };
    }
    case 'qc.defectLogged':
      return { what: t('qc.history.defect', { piece: p.piece, code: p.code, class: t(`qc.class.${p.class}`) }), quantity: null };
    case 'qc.measured':
      return { what: t('qc.history.measured', { piece: p.piece, measure: t(`qc.measureName.${p.measure}`), value: p.value }), quantity: null };
    case 'qc.photoTaken':
      return { what: t('qc.history.photo', { piece: p.piece }), quantity: null };
    case 'qc.entryRemoved':
      return { what: t('qc.history.removed'), quantity: null };
    case 'qc.decided':
      return {
        what: t('qc.history.decided', { verdict: t(`qc.verdict.${p.verdict}`), disposition: t(`qc.disposition.${p.disposition}`) }) + (p.overrideReason ? ` · ${t('quality.overridden', { reason: p.overrideReason })}` : ''),
        quantity: Number(p.quantity),
      };
    case 'qc.reducedApproved':
      return { what: t('qc.history.reducedApproved', { artisan: p.artisanId, design: p.designSku }), quantity: null };
    case 'qc.supportRestarted':
      return { what: t('qc.history.supportRestarted', { artisan: p.artisanId, design: p.designSku, reason: p.reason }), quantity: null };
    case 'qc.sorted':
      return { what: t('qc.history.sorted', { good: p.good, bad: p.bad }), quantity: Number(p.good) + Number(p.bad) };
    default:
      return null;
  }
}
