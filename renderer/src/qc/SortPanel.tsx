import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { limits, orNone } from '../../../core/numbers/limits';
import { numberOrNull } from '../../../core/numbers/parseNumber';
import { call } from '../client/client';
import { useFeedback } from '../feedback/Feedback';
import { NumberField } from '../numbers/NumberField';
import type { View } from './QcScreen';

/** A rejected lot sorted piece by piece at HQ: the good go on to refining, the bad are returned or scrapped. */
export function SortPanel({ view, onDone }: { view: View; onDone(): void }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [good, setGood] = useState('');
  const [bad, setBad] = useState('');
  const [badTo, setBadTo] = useState<'returned' | 'scrapped'>('returned');
  // Each count is at most the pieces in QC, and empty is none; the form submits only when both read right.
  const counted = orNone({ ...limits.countedPieces, max: view.lot.inQc });
  const submit = async () => {
    const sorted = { good: numberOrNull(good, counted) ?? 0, bad: numberOrNull(bad, counted) ?? 0 };
    try {
      await call('qc.sort', { lotId: view.lot.id, ...sorted, badTo });
      feedback.info(t('qc.sorted', { lot: view.lot.id, ...sorted }));
      onDone();
    } catch (e) {
      feedback.error(e);
    }
  };
  return (
    <form className="qc-sort" data-testid="qc-sort" onSubmit={(e) => (e.preventDefault(), void submit())}>
      <h2>{t('qc.sortTitle', { count: view.lot.inQc })}</h2>
      <NumberField label={t('qc.good')} rule={counted} value={good} onChange={setGood} testId="sort-good" autoFocus />
      <NumberField label={t('qc.bad')} rule={counted} value={bad} onChange={setBad} testId="sort-bad" />
      <label>
        {t('qc.badTo')}
        <select value={badTo} onChange={(e) => setBadTo(e.target.value as 'returned' | 'scrapped')} data-testid="sort-bad-to">
          <option value="returned">{t('states.returned')}</option>
          <option value="scrapped">{t('states.scrapped')}</option>
        </select>
      </label>
      <button type="submit" className="primary" data-testid="sort-save">
        {t('qc.saveSort')}
      </button>
    </form>
  );
}
