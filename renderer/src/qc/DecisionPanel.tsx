import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../client/client';
import { useFeedback } from '../feedback/Feedback';
import { useRefusal } from '../feedback/FieldProblem';
import { useUser } from '../session/Session';
import { useCan } from '../session/useCan';
import { useShortcut } from '../shell/shortcuts';
import { useSingleFlight } from '../shell/singleFlight';
import type { DecideResult, View } from './QcScreen';

type Disposition = 'return' | 'sort' | 'rework';

// An override refused for want of a reason is told under the reason; other refusals are messages.
const fields = ['reason'] as const;
const fieldOf = { 'qc.overrideReasonRequired': 'reason' };

/**
 * The inspector confirms the app's verdict (F10); a rejected lot is returned, sorted at HQ or
 * reworked. A supervisor may decide the other way, with a reason that stays in the history.
 */
export function DecisionPanel({ view, onDecided, saved }: { view: View; onDecided(result: DecideResult): void; saved(): Promise<void> }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const computed = view.judgement.computed;
  const [overriding, setOverriding] = useState(false);
  // The core lets a supervisor, and no other role, decide against the plan (qc.overrideNeedsSupervisor).
  const overrides = useUser().roles.includes('supervisor');
  const approvesReduced = useCan('qc.approveReduced');
  const [reason, setReason] = useState('');
  const [disposition, setDisposition] = useState<Disposition>('return');
  const verdict = overriding ? (computed === 'accept' ? 'reject' : 'accept') : computed;
  const discontinued = view.plan.mode === 'discontinued';
  const refusal = useRefusal(fields, fieldOf);

  const decide = useSingleFlight(async () => {
    // Entries still being saved come first; a verdict they change is then refused by the core, not decided on fewer defects.
    await saved();
    refusal.clear();
    try {
      const result = await call('qc.decide', {
        lotId: view.lot.id,
        inspectionId: view.inspectionId,
        verdict,
        disposition: verdict === 'reject' ? disposition : null,
        reason: overriding ? reason : null,
      });
      feedback.info(t(`qc.decided.${result.disposition}`, { lot: view.lot.id, count: result.quantity }));
      onDecided({ ...result, lotId: view.lot.id });
    } catch (e) {
      if (!refusal.refuse(e)) feedback.error(e);
    }
  });
  useShortcut({ key: 'F10' }, () => void decide());

  return (
    <div className="qc-decision" data-testid="qc-decision">
      <h2>{t('qc.decision')}</h2>
      <p className={view.toJudge.length ? 'status-bad' : 'result-ok'} data-testid="qc-judged">
        {view.toJudge.length ? t('qc.left', { count: view.toJudge.length }) : t('qc.allJudged', { count: view.plan.sampleSize })}
      </p>
      {discontinued && (
        <p role="alert" className="status-bad" data-testid="qc-discontinued">
          {t('qc.discontinuedNote')}
        </p>
      )}
      {verdict === 'reject' && (
        <fieldset>
          <legend>{t('qc.dispositionHead')}</legend>
          {(['return', 'sort', 'rework'] as const).map((d) => (
            <label key={d} className="inline">
              <input type="radio" name="disposition" value={d} checked={disposition === d} onChange={() => setDisposition(d)} data-testid={`disposition-${d}`} />
              {t(`qc.disposition.${d}`)}
            </label>
          ))}
        </fieldset>
      )}
      {overriding && (
        <label>
          {t('qc.overrideReason')}
          <input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="qc-override-reason" autoFocus {...refusal.marks('reason')} />
          {refusal.problem('reason')}
        </label>
      )}
      <button type="button" className="primary" onClick={() => void decide()} data-testid="qc-confirm">
        {t(verdict === 'accept' ? 'qc.confirmAccept' : 'qc.confirmReject')} <kbd>F10</kbd>
      </button>
      {overrides && (
        <button type="button" onClick={() => setOverriding((o) => !o)} data-testid="qc-override">
          {overriding ? t('qc.cancelOverride') : t('qc.override', { verdict: t(`qc.verdict.${computed === 'accept' ? 'reject' : 'accept'}`) })}
        </button>
      )}
      {approvesReduced && view.reducedEligible && <ApproveReduced view={view} />}
    </div>
  );
}

function ApproveReduced({ view }: { view: View }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  return (
    <button
      type="button"
      onClick={() =>
        void call('qc.approveReduced', { artisanId: view.lot.artisanId, designSku: view.lot.designSku })
          .then(() => feedback.info(t('qc.reducedApproved')))
          .catch(feedback.error)
      }
      data-testid="qc-approve-reduced"
    >
      {t('qc.approveReduced')}
    </button>
  );
}
