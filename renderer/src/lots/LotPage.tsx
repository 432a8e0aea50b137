import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LotEvent, Output } from '../../../core/api/contract';
import { call, subscribe } from '../client/client';
import { useErrorText } from '../feedback/Feedback';
import { go } from '../router';
import { useNames } from '../names/useNames';
import { useShortcut } from '../shell/shortcuts';
import { formatDateTime, heldStates } from './format';
import { LotLabels } from '../printing/LotLabels';
import { describeEvent } from './describeEvent';
import { decisionReason } from './why';

type Detail = Output<'lots.get'>;
/** What the receiving desk recorded with the lot (core/lots/events.ts, lot.received). */
type Receipt = { deliveryCode?: string | null; weighing?: { method: string } | null; variance?: { kind: string; reason: string; note: string | null } | null };

/** What happened, in the person's words: "Moved 40 from In QC to Refining (reason)". */
function useDescribe() {
  const { t } = useTranslation();
  const names = useNames();
  return (event: LotEvent) => describeEvent(t, event.type, event.payload, names.finish);
}

export function LotPage({ lotId }: { lotId: string }) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const errorText = useErrorText();
  const describe = useDescribe();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useShortcut({ key: 'Escape' }, () => go({ screen: 'lots' }));

  const load = useCallback(() => {
    call('lots.get', { lotId })
      .then((d) => {
        setDetail(d);
        setError(null);
      })
      .catch((e) => setError(errorText(e)));
  }, [lotId, errorText]);
  useEffect(load, [load]);
  useEffect(() => subscribe('lot.changed', (p) => p.lotId === lotId && load()), [lotId, load]);

  if (error)
    return (
      <p role="alert" className="form-error">
        {error}
      </p>
    );
  if (!detail) return <p>{t('shell.loading')}</p>;
  const { lot, expected, history } = detail;
  const receipt = history.find((e) => e.type === 'lot.received')?.payload as Receipt | undefined;
  const decisions = history.flatMap((event) => {
    const reason = decisionReason(event);
    return reason ? [{ event, reason }] : [];
  });
  return (
    <section className="lot-page" aria-labelledby="lot-title">
      <header className="screen-header">
        <h1 id="lot-title" className="mono" data-testid="lot-title">
          {lot.id}
        </h1>
        <a href="#/lots">
          {t('lot.back')} <kbd>Esc</kbd>
        </a>
      </header>
      <dl className="facts">
        <dt>{t('lots.design')}</dt>
        <dd>
          {lot.designSku} · {lot.designName}
        </dd>
        <dt>{t('lots.artisan')}</dt>
        <dd>
          {lot.artisanName} ({lot.artisanId})
        </dd>
        <dt>{t('lots.finish')}</dt>
        <dd data-testid="lot-finish">{names.finish(lot.finish)}</dd>
        <dt>{t('lots.received')}</dt>
        <dd>
          {t('lot.receivedSummary', { count: lot.receivedQty, weight: lot.receivedWeightG ?? '—', at: formatDateTime(lot.receivedAt, i18n.language), station: lot.station })}
          {receipt?.weighing?.method === 'hand' && <span data-testid="weight-typed"> ({t('lot.weightTyped')})</span>}
        </dd>
        <dt>{t('lot.notice')}</dt>
        <dd data-testid="lot-notice">
          {receipt?.deliveryCode ? (
            <a href={`#/receiving/${encodeURIComponent(receipt.deliveryCode)}`} className="mono">
              {receipt.deliveryCode}
            </a>
          ) : (
            t('lot.noNotice')
          )}
          {expected && ` · ${t('receiving.line', { line: expected.line })}`}
        </dd>
        {expected && (
          <>
            <dt>{t('lot.expected')}</dt>
            <dd data-testid="lot-expected">{t('lot.expectedAgainst', { expected: expected.quantity, received: lot.receivedQty })}</dd>
          </>
        )}
        {receipt?.variance && (
          <>
            <dt>{t('lot.difference')}</dt>
            <dd data-testid="lot-variance">
              {t(`lot.varianceKind.${receipt.variance.kind}`)}: {t(`receiving.reasons.${receipt.variance.reason}`)}
              {receipt.variance.note ? ` (${receipt.variance.note})` : ''}
            </dd>
          </>
        )}
      </dl>
      {decisions.length > 0 && (
        <>
          <h2>{t('lot.decisions')}</h2>
          <ul data-testid="lot-decisions">
            {decisions.map(({ event, reason }) => {
              const { what } = describe(event);
              return (
                <li key={event.id}>
                  {t('lot.decision', { what: what.includes(reason) ? what : `${what}. ${t('lot.why', { reason })}`, who: event.userName, at: formatDateTime(event.at, i18n.language) })}
                </li>
              );
            })}
          </ul>
        </>
      )}
      <h2>{t('lot.whereNow')}</h2>
      <ul className="state-counts" data-testid="lot-states">
        {heldStates(lot.quantities).map((s) => (
          <li key={s.state}>
            <strong>{s.count}</strong> {t(`states.${s.state}`)}
          </li>
        ))}
      </ul>
      <h2>{t('lot.history')}</h2>
      <table className="history" data-testid="lot-history">
        <thead>
          <tr>
            <th>{t('history.when')}</th>
            <th>{t('history.who')}</th>
            <th>{t('history.station')}</th>
            <th>{t('history.what')}</th>
            <th className="num">{t('history.howMany')}</th>
          </tr>
        </thead>
        <tbody>
          {history.map((event) => {
            const { what, quantity } = describe(event);
            return (
              <tr key={event.id}>
                <td>{formatDateTime(event.at, i18n.language)}</td>
                <td>{event.userName}</td>
                <td>{event.station}</td>
                <td>{what}</td>
                <td className="num">{quantity ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <LotLabels lotId={lot.id} />
    </section>
  );
}
