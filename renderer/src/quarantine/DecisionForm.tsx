import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../core/api/contract';
import { call } from '../client/client';
import { useFeedback } from '../feedback/Feedback';
import { useRefusal } from '../feedback/FieldProblem';
import { useNames } from '../names/useNames';

type List = Output<'quarantine.list'>;
type Outcome = 'in_qc' | 'returned' | 'scrapped';
const outcomes: Outcome[] = ['in_qc', 'returned', 'scrapped'];
const minReason = 5;
// A refused decision is told beside the field it concerns; one about the lot itself is a message.
const fields = ['designSku', 'finish'] as const;
const fieldOf = { 'design.finishNotOffered': 'finish', 'quarantine.partRedesign': 'designSku' };

/** What becomes of one quarantined lot: the outcome, the design it goes on to QC as, and why. */
export function DecisionForm({ lot, designs, onDone }: { lot: List['lots'][number]; designs: List['designs']; onDone: () => void }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const names = useNames();
  const refusal = useRefusal(fields, fieldOf);
  const [outcome, setOutcome] = useState<Outcome>('in_qc');
  const [designSku, setDesignSku] = useState(lot.designSku);
  const [finish, setFinish] = useState(lot.finish);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const finishes = designs.find((d) => d.sku === designSku)?.finishes ?? [];
  const reasonShort = reason.trim().length < minReason;
  const chooseDesign = (sku: string) => {
    setDesignSku(sku);
    const offered = designs.find((d) => d.sku === sku)?.finishes ?? [];
    if (!offered.includes(finish)) setFinish(offered[0] ?? '');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (reasonShort) return;
    refusal.clear();
    try {
      const { returnNoteJobId } = await call('quarantine.decide', { lotId: lot.lotId, outcome, ...(outcome === 'in_qc' ? { designSku, finish } : {}), reason });
      feedback.info(t(`quarantine.done.${outcome}`, { lot: lot.lotId, count: lot.quantity, design: designSku }) + (returnNoteJobId ? ` ${t('quarantine.noteQueued')}` : ''));
      onDone();
    } catch (e) {
      if (!refusal.refuse(e)) feedback.error(e);
    }
  };

  return (
    <form className="card" onSubmit={(e) => void submit(e)} data-testid="quarantine-decision" aria-labelledby="decision-title">
      <h2 id="decision-title">{t('quarantine.decide', { lot: lot.lotId, count: lot.quantity })}</h2>
      <label>
        {t('quarantine.outcome')}
        <select value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)} autoFocus data-testid="quarantine-outcome">
          {outcomes.map((o) => (
            <option key={o} value={o}>
              {t(`quarantine.outcomes.${o}`)}
            </option>
          ))}
        </select>
      </label>
      {outcome === 'in_qc' && (
        <>
          <label>
            {t('lots.design')}
            <select value={designSku} onChange={(e) => chooseDesign(e.target.value)} data-testid="quarantine-design" {...refusal.marks('designSku')}>
              {designs.map((d) => (
                <option key={d.sku} value={d.sku}>
                  {d.sku} · {d.name}
                </option>
              ))}
            </select>
            {refusal.problem('designSku')}
          </label>
          <label>
            {t('lots.finish')}
            <select value={finish} onChange={(e) => setFinish(e.target.value)} data-testid="quarantine-finish" {...refusal.marks('finish')}>
              {finishes.map((f) => (
                <option key={f} value={f}>
                  {names.finish(f)}
                </option>
              ))}
            </select>
            {refusal.problem('finish')}
          </label>
        </>
      )}
      <label>
        {t('quarantine.reason')}
        <input value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={tried && reasonShort} data-testid="quarantine-reason" />
      </label>
      {(tried || reason.length > 0) && reasonShort && (
        <p className="form-error" role="alert" data-testid="quarantine-reason-error">
          {t('quarantine.reasonShort', { count: minReason })}
        </p>
      )}
      <button type="submit" className="primary" data-testid="quarantine-confirm">
        {t('quarantine.confirm')} <kbd>Enter</kbd>
      </button>
    </form>
  );
}
