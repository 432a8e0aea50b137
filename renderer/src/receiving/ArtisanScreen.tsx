import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArtisanPage } from '../../../core/api/contract';
import { call } from '../client/client';
import { useErrorText } from '../feedback/Feedback';
import { formatDateTime } from '../lots/format';

const kes = (n: number, language: string) => new Intl.NumberFormat(language === 'sw' ? 'sw-KE' : 'en-KE', { style: 'currency', currency: 'KES', maximumFractionDigits: 0 }).format(n);

/** An artisan: what they delivered, what QC has accepted, returned or still holds, and what they are owed. */
export function ArtisanScreen({ artisanId }: { artisanId: string }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const [page, setPage] = useState<ArtisanPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('artisans.page', { artisanId })
      .then(setPage)
      .catch((e) => setError(errorText(e)));
  }, [artisanId, errorText]);
  if (error) return <p role="alert" className="form-error">{error}</p>;
  if (!page) return <p>{t('shell.loading')}</p>;
  const { totals } = page;
  return (
    <section aria-labelledby="artisan-title">
      <h1 id="artisan-title">
        {page.artisan.name} <span className="muted mono">{page.artisan.id}</span>
      </h1>
      <p className="muted">
        {page.artisan.region} · {page.artisan.phone}
      </p>
      <a href={`#/quality/${encodeURIComponent(page.artisan.id)}`} data-testid="artisan-quality-link">{t('quality.linkFromArtisan')}</a>
      <ul className="state-counts" data-testid="artisan-totals">
        <li>
          <strong>{totals.received}</strong> {t('artisan.received')}
        </li>
        <li>
          <strong>{totals.pendingQc}</strong> {t('artisan.pendingQc')}
        </li>
        <li>
          <strong>{totals.quarantine}</strong> {t('artisan.quarantine')}
        </li>
        <li>
          <strong>{totals.accepted}</strong> {t('artisan.accepted')}
        </li>
        <li>
          <strong>{totals.returned}</strong> {t('artisan.returned')}
        </li>
        <li>
          <strong>{kes(totals.payableKes, i18n.language)}</strong> {t('artisan.payable')}
          {totals.unpricedAccepted > 0 && <span data-testid="artisan-unpriced"> ({t('artisan.unpriced', { count: totals.unpricedAccepted })})</span>}
        </li>
        <li data-testid="artisan-acceptance">
          <strong>{page.inspections.acceptancePct === null ? '—' : `${page.inspections.acceptancePct} %`}</strong> {t('artisan.acceptance', { count: page.inspections.lots })}
        </li>
      </ul>
      <h2>{t('artisan.deliveries')}</h2>
      <table className="list" data-testid="artisan-deliveries">
        <thead>
          <tr>
            <th>{t('artisan.delivery')}</th>
            <th>{t('history.when')}</th>
            <th className="num">{t('artisan.pieces')}</th>
            <th className="num">{t('artisan.accepted')}</th>
            <th className="num">{t('artisan.returned')}</th>
            <th className="num">{t('artisan.payable')}</th>
          </tr>
        </thead>
        <tbody>
          {page.deliveries.map((d) => (
            <tr key={d.code}>
              <td>
                <a href={`#/receiving/${d.code}`} className="mono">
                  {d.code}
                </a>
              </td>
              <td>{d.receivedAt ? formatDateTime(d.receivedAt, i18n.language) : t(`artisan.status.${d.status}`, { defaultValue: d.status })}</td>
              <td className="num">{d.pieces}</td>
              <td className="num">{d.accepted}</td>
              <td className="num">{d.returned}</td>
              <td className="num">
                {kes(d.payableKes, i18n.language)}
                {d.unpricedAccepted > 0 && <span className="muted"> ({t('artisan.unpriced', { count: d.unpricedAccepted })})</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
