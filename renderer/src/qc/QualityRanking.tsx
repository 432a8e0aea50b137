import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../core/api/contract';
import { call } from '../client/client';
import { useErrorText, useFeedback } from '../feedback/Feedback';
import { formatDateTime } from '../lots/format';
import { go } from '../router';
import { useListKeys } from '../shell/useListKeys';
import { useCsvExport } from './download';

type Ranking = Output<'qc.ranking'>;
type Support = Ranking['support'][number];

/** The supervisor's view: artisans ranked by acceptance, and who needs support, on which defect. */
export function QualityRanking() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const [ranking, setRanking] = useState<Ranking | null>(null);
  const [error, setError] = useState<string | null>(null);
  const exportCsv = useCsvExport(null);
  const load = useCallback(() => {
    call('qc.ranking', {})
      .then(setRanking)
      .catch((e) => setError(errorText(e)));
  }, [errorText]);
  useEffect(load, [load]);
  const artisans = ranking?.artisans ?? [];
  const { selected, rowRef } = useListKeys({ rows: artisans.length, onOpen: (i) => artisans[i] && go({ screen: 'quality', arg: artisans[i].id }) });
  if (error) return <p role="alert" className="form-error">{error}</p>;
  if (!ranking) return <p>{t('shell.loading')}</p>;
  const name = (c: { nameEn: string; nameSw: string } | null) => (c ? (i18n.language === 'sw' ? c.nameSw : c.nameEn) : '—');
  return (
    <section aria-labelledby="ranking-title">
      <header className="screen-header">
        <h1 id="ranking-title">{t('quality.rankingTitle')}</h1>
        <button type="button" onClick={exportCsv} data-testid="quality-export">
          {t('quality.exportAll')}
        </button>
      </header>
      <h2>{t('quality.needsSupport')}</h2>
      <table className="list" data-testid="quality-support">
        <thead>
          <tr>
            <th>{t('lots.artisan')}</th>
            <th>{t('lots.design')}</th>
            <th>{t('quality.switching')}</th>
            <th>{t('quality.topDefect')}</th>
            <th>{t('quality.since')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {ranking.support.map((s) => (
            <tr key={`${s.artisanId}-${s.designSku}`}>
              <td>
                <a href={`#/quality/${encodeURIComponent(s.artisanId)}`}>{s.name}</a>
              </td>
              <td>
                {s.designSku} · {s.designName}
              </td>
              <td className="status-bad">{t(`qc.mode.${s.mode}`)}</td>
              <td>{name(s.topDefect)}</td>
              <td>{formatDateTime(s.since, i18n.language)}</td>
              <td>{s.mode === 'discontinued' && <Restart support={s} onDone={load} />}</td>
            </tr>
          ))}
          {ranking.support.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                {t('quality.nobodyNeedsSupport')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <h2>{t('quality.ranking', { days: ranking.days })}</h2>
      <table className="list" data-testid="quality-ranking">
        <thead>
          <tr>
            <th>{t('lots.artisan')}</th>
            <th className="num">{t('quality.lotsInspected')}</th>
            <th className="num">{t('quality.acceptance')}</th>
            <th className="num">{t('quality.dphu')}</th>
            <th>{t('quality.topDefect')}</th>
            <th>{t('quality.switching')}</th>
          </tr>
        </thead>
        <tbody>
          {ranking.artisans.map((a, i) => (
            <tr key={a.id} ref={rowRef(i)} className={i === selected ? 'active' : ''} data-testid="quality-ranking-row">
              <td>
                <a href={`#/quality/${encodeURIComponent(a.id)}`}>{a.name}</a> <span className="muted small">{a.region}</span>
              </td>
              <td className="num">{a.lots}</td>
              <td className="num">{a.acceptanceRate}%</td>
              <td className="num">{a.dphu}</td>
              <td>{name(a.topDefect)}</td>
              <td className={a.needsSupport ? 'status-bad' : ''}>{a.needsSupport ? t(`qc.mode.${a.needsSupport}`) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Restart({ support, onDone }: { support: Support; onDone(): void }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [reason, setReason] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void call('qc.restart', { artisanId: support.artisanId, designSku: support.designSku, reason })
          .then(() => (feedback.info(t('quality.restarted', { name: support.name })), onDone()))
          .catch(feedback.error);
      }}
    >
      <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('quality.supportGiven')} aria-label={t('quality.supportGiven')} size={16} />
      <button type="submit">{t('quality.restart')}</button>
    </form>
  );
}
