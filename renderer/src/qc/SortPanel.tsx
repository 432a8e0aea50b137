import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../client/client';
import { useFeedback } from '../feedback/Feedback';
import type { View } from './QcScreen';

/** A rejected lot sorted piece by piece at HQ: the good go on to refining, the bad are returned or scrapped. */
export function SortPanel({ view, onDone }: { view: View; onDone(): void }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [good, setGood] = useState('');
  const [bad, setBad] = useState('');
  const [badTo, setBadTo] = useState<'returned' | 'scrapped'>('returned');
  const submit = async () => {
    try {
      await call('qc.sort', { lotId: view.lot.id, good: Number(good) || 0, bad: Number(bad) || 0, badTo });
      feedback.info(t('qc.sorted', { lot: view.lot.id, good: Number(good) || 0, bad: Number(bad) || 0 }));
      onDone();
    } catch (e) {
      feedback.error(e);
    }
  };
  return (
    <form className="qc-sort" data-testid="qc-sort" onSubmit={(e) => (e.preventDefault(), void submit())}>
      <h2>{t('qc.sortTitle', { count: view.lot.inQc })}</h2>
      <label>
        {t('qc.good')}
        <input inputMode="numeric" value={good} onChange={(e) => setGood(e.target.value)} data-testid="sort-good" autoFocus />
      </label>
      <label>
        {t('qc.bad')}
        <input inputMode="numeric" value={bad} onChange={(e) => setBad(e.target.value)} data-testid="sort-bad" />
      </label>
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
