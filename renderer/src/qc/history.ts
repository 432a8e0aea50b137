import type { TFunction } from 'i18next';

/** A figure as a reading is written: at most two decimals (0.306 g reads 0.31 g). */
const figure = (n: number) => String(Math.round(n * 100) / 100);

/** "Piece 3: weight 9.9 g, under the 10.2 ± 0.31 g tolerance"; a reading logged before its event kept the figure says only within or out. */
function reading(t: TFunction, payload: Record<string, unknown>): string {
  const p = payload as { piece: number; measure: 'weight' | 'length'; value: number; outOfTolerance: unknown; spec?: { target: number; tolerance: number } };
  const words = { piece: p.piece, measure: t(`qc.history.measure.${p.measure}`), value: figure(p.value), unit: p.measure === 'weight' ? 'g' : 'mm' };
  if (!p.spec) return t(p.outOfTolerance ? 'qc.history.reading.outOfTolerance' : 'qc.history.reading.withinTolerance', words);
  const side = !p.outOfTolerance ? 'within' : p.value > p.spec.target ? 'over' : 'under';
  return t(`qc.history.reading.${side}`, { ...words, target: figure(p.spec.target), tolerance: figure(p.spec.tolerance) });
}

/**
 * A QC event in a lot's history, in the person's words ("Decided: reject (Return to the artisan)",
 * "Piece 3: Casting porosity (Major)"), or null for another feature's event. For the lot page.
 */
export function describeQcEvent(t: TFunction, type: string, payload: Record<string, unknown>): { what: string; quantity: number | null } | null {
  const p = payload as Record<string, string | number | null>;
  switch (type) {
    case 'qc.inspectionStarted': {
      const plan = payload.plan as { mode: string; sampleSize: number };
      return { what: t('qc.history.started', { mode: t(`qc.mode.${plan.mode}`), count: plan.sampleSize }), quantity: null };
    }
    case 'qc.defectLogged': {
      // The catalogue's name in the reader's language (qc.history.namesIn says which); defects logged before their event carried names read by their code.
      const name = payload.name as { en: string; sw: string } | undefined;
      const words = name ? (t('qc.history.namesIn') === 'sw' ? name.sw : name.en) : p.code;
      return { what: t('qc.history.defect', { piece: p.piece, name: words, class: t(`qc.class.${p.class}`) }), quantity: null };
    }
    case 'qc.pieceGood':
      return { what: t('qc.history.good', { piece: p.piece }), quantity: null };
    case 'qc.measured':
      return { what: reading(t, payload), quantity: null };
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
