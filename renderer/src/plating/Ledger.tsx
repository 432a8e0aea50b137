import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../core/api/contract';
import { call } from '../client/client';
import { useFeedback } from '../feedback/Feedback';

type LedgerView = Output<'plating.ledger'>;

/** The metal ledger: loss per step against its norm, by process, line and artisan, and every weighed lot and batch. */
export function Ledger() {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [days, setDays] = useState(30);
  const [ledger, setLedger] = useState<LedgerView | null>(null);
  useEffect(() => {
    call('plating.ledger', { since: new Date(Date.now() - days * 86_400_000).toISOString() }).then(setLedger, feedback.error);
  }, [days, feedback]);
  if (!ledger) return <p>{t('plating.loading')}</p>;
  return (
    <section aria-labelledby="ledger-title">
      <header className="screen-header">
        <h2 id="ledger-title">{t('plating.ledger.title')}</h2>
        <label className="inline">
          {t('plating.ledger.days')}
          <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {[7, 30, 90, 365].map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <span className="small">{t('plating.ledger.norms', ledger.norms)}</span>
      </header>
      <table data-testid="ledger-totals">
        <thead>
          <tr>
            <th>{t('plating.ledger.by')}</th>
            <th>{t('plating.ledger.what')}</th>
            <th className="num">{t('plating.ledger.in')}</th>
            <th className="num">{t('plating.ledger.out')}</th>
            <th className="num">{t('plating.ledger.loss')}</th>
          </tr>
        </thead>
        <tbody>
          {ledger.totals.map((row) => (
            <tr key={`${row.by}-${row.key}-${row.step}`} className={row.flagged ? 'flagged' : ''}>
              <td>{t(`plating.ledger.byKind.${row.by}`)}</td>
              <td>{row.by === 'step' ? t(`plating.ledger.steps.${row.step}`) : `${row.name} · ${t(`plating.ledger.steps.${row.step}`)}`}</td>
              <td className="num">{row.inG}</td>
              <td className="num">{row.outG}</td>
              <td className="num">{row.lossPct} %</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('plating.ledger.rows')}</h3>
      <table data-testid="ledger-rows">
        <thead>
          <tr>
            <th>{t('plating.ledger.step')}</th>
            <th>{t('plating.lot')}</th>
            <th>{t('plating.ledger.batch')}</th>
            <th>{t('plating.ledger.artisan')}</th>
            <th className="num">{t('plating.ledger.in')}</th>
            <th className="num">{t('plating.ledger.out')}</th>
            <th className="num">{t('plating.ledger.expected')}</th>
            <th className="num">{t('plating.ledger.loss')}</th>
          </tr>
        </thead>
        <tbody>
          {ledger.rows.map((row, i) => (
            <tr key={i} className={row.flagged ? 'flagged' : ''} data-testid={row.flagged ? 'ledger-flagged' : 'ledger-row'}>
              <td>{t(`plating.ledger.steps.${row.step}`)}</td>
              <td className="mono">{row.lotId ?? '—'}</td>
              <td className="mono">{row.batchId ?? '—'}</td>
              <td>{row.artisanName ?? '—'}</td>
              <td className="num">{row.inG}</td>
              <td className="num">{row.outG}</td>
              <td className="num">{row.expectedG}</td>
              <td className="num">
                {row.lossPct} % {row.flagged && (row.lossPct > row.normPct ? `> ${row.normPct} %` : t('plating.ledger.farOff'))}
                {row.override && <div className="small" data-testid="ledger-override">{t('plating.run.overridden', row.override)}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
