import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../core/api/contract';
import { call } from '../client/client';
import { useErrorText } from '../feedback/Feedback';
import { formatDateTime } from '../lots/format';
import { useCan } from '../session/useCan';
import { useCsvExport } from './download';
import { QualityRanking } from './QualityRanking';
import { TrendChart } from './TrendChart';
import './qc.css';

type Quality = Output<'qc.quality'>;

/** An artisan's quality (or, without one, the supervisor's ranking of every artisan). */
export function QualityScreen({ artisanId }: { artisanId: string | null }) {
  return artisanId ? <ArtisanQuality artisanId={artisanId} /> : <QualityRanking />;
}

function ArtisanQuality({ artisanId }: { artisanId: string }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const [page, setPage] = useState<Quality | null>(null);
  const [error, setError] = useState<string | null>(null);
  const exportCsv = useCsvExport(artisanId);
  const exports = useCan('qc.exportCsv');
  useEffect(() => {
    call('qc.quality', { artisanId })
      .then(setPage)
      .catch((e) => setError(errorText(e)));
  }, [artisanId, errorText]);
  if (error) return <p role="alert" className="form-error">{error}</p>;
  if (!page) return <p>{t('shell.loading')}</p>;
  const { totals } = page;
  const name = (c: { nameEn: string; nameSw: string }) => (i18n.language === 'sw' ? c.nameSw : c.nameEn);
  return (
    <section aria-labelledby="quality-title">
      <header className="screen-header">
        <h1 id="quality-title">
          {t('quality.title', { name: page.artisan.name })} <span className="muted mono">{page.artisan.id}</span>
        </h1>
        <a href={`#/artisan/${encodeURIComponent(page.artisan.id)}`}>{t('quality.artisanPage')}</a>
        {exports && (
          <button type="button" onClick={exportCsv} data-testid="quality-export">
            {t('quality.export')}
          </button>
        )}
      </header>
      <ul className="state-counts" data-testid="quality-totals">
        <li>
          <strong>{totals.lots}</strong> {t('quality.lotsInspected')}
        </li>
        <li>
          <strong>{totals.lots ? `${totals.acceptanceRate}%` : '—'}</strong> {t('quality.acceptance')}
        </li>
        <li>
          <strong>{totals.dphu}</strong> {t('quality.dphu')}
        </li>
        {(['critical', 'major', 'minor'] as const).map((c) => (
          <li key={c}>
            <strong>{page.byClass[c]}</strong> {t('quality.dphuOf', { class: t(`qc.class.${c}`) })}
          </li>
        ))}
      </ul>
      <TrendChart weeks={page.weeks} />
      <h2>{t('quality.byDesign')}</h2>
      <table className="list" data-testid="quality-designs">
        <thead>
          <tr>
            <th>{t('lots.design')}</th>
            <th className="num">{t('quality.lotsInspected')}</th>
            <th className="num">{t('quality.acceptance')}</th>
            <th className="num">{t('quality.dphu')}</th>
            <th>{t('quality.switching')}</th>
          </tr>
        </thead>
        <tbody>
          {page.designs.map((d) => (
            <tr key={d.sku}>
              <td>
                {d.sku} · {d.name}
              </td>
              <td className="num">{d.lots}</td>
              <td className="num">{d.acceptanceRate}%</td>
              <td className="num">{d.dphu}</td>
              <td className={d.mode === 'tightened' || d.mode === 'discontinued' ? 'status-bad' : ''}>{t(`qc.mode.${d.mode}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('quality.byCode')}</h2>
      <table className="list" data-testid="quality-codes">
        <thead>
          <tr>
            <th>{t('qc.defects')}</th>
            <th>{t('qc.classHead')}</th>
            <th className="num">{t('quality.count')}</th>
            <th className="num">{t('quality.dphu')}</th>
          </tr>
        </thead>
        <tbody>
          {page.byCode.map((c) => (
            <tr key={c.code}>
              <td>{c.code.endsWith('-out') ? t(`qc.measureDefect.${c.code.replace('-out', '')}`) : name(c)}</td>
              <td className={`qc-class-${c.class}`}>{t(`qc.class.${c.class}`)}</td>
              <td className="num">{c.defects}</td>
              <td className="num">{c.dphu}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('quality.recent')}</h2>
      <table className="list" data-testid="quality-recent">
        <thead>
          <tr>
            <th>{t('lots.id')}</th>
            <th>{t('history.when')}</th>
            <th>{t('lots.design')}</th>
            <th>{t('quality.inspection')}</th>
            <th>{t('qc.verdictHead')}</th>
            <th className="num">{t('qc.class.critical')}</th>
            <th className="num">{t('qc.class.major')}</th>
            <th className="num">{t('qc.class.minor')}</th>
            <th>{t('history.who')}</th>
          </tr>
        </thead>
        <tbody>
          {page.recent.map((r) => (
            <tr key={`${r.lotId}-${r.at}`}>
              <td className="mono">
                <a href={`#/lot/${encodeURIComponent(r.lotId)}`}>{r.lotId}</a>
              </td>
              <td>{formatDateTime(r.at, i18n.language)}</td>
              <td>{r.designSku}</td>
              <td>
                {t(`qc.mode.${r.mode}`)} · {t('qc.firstPieces', { count: r.sampleSize })}
              </td>
              <td className={r.verdict === 'accept' ? 'result-ok' : 'result-bad'}>
                {t(`qc.verdict.${r.verdict}`)} · {t(`qc.disposition.${r.disposition}`)}
                {r.overridden ? ` · ${t('quality.overridden', { reason: r.overrideReason ?? '' })}` : ''}
              </td>
              <td className="num">{r.critical}</td>
              <td className="num">{r.major}</td>
              <td className="num">{r.minor}</td>
              <td>{r.inspector}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
