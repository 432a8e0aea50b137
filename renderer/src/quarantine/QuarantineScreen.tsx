import { type KeyboardEvent, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../core/api/contract';
import { call } from '../client/client';
import { useFeedback } from '../feedback/Feedback';
import { formatDateTime } from '../lots/format';
import { go } from '../router';
import { useNames } from '../names/useNames';
import { useShortcut } from '../shell/shortcuts';
import { DecisionForm } from './DecisionForm';

type List = Output<'quarantine.list'>;

/** A supervisor's list of quarantined lots: each one sent on to QC, returned to its artisan or scrapped, with a reason. */
export function QuarantineScreen() {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const feedback = useFeedback();
  const [list, setList] = useState<List | null>(null);
  const [active, setActive] = useState(0);
  const [deciding, setDeciding] = useState(false);
  const table = useRef<HTMLTableElement>(null);

  const load = useCallback(() => {
    call('quarantine.list', {})
      .then((l) => {
        setList(l);
        setActive((a) => Math.min(a, Math.max(0, l.lots.length - 1)));
      })
      .catch(feedback.error);
  }, [feedback]);
  useEffect(load, [load]);
  useLayoutEffect(() => {
    if (list && !deciding) table.current?.focus();
  }, [list, deciding]);
  useShortcut({ key: 'Escape' }, () => (deciding ? setDeciding(false) : go({ screen: 'lots' })));

  if (!list) return <p>{t('shell.loading')}</p>;
  const lots = list.lots;
  const onKeyDown = (event: KeyboardEvent) => {
    const step: Record<string, number> = { ArrowDown: 1, ArrowUp: -1 };
    if (event.key in step) setActive((a) => Math.max(0, Math.min(lots.length - 1, a + step[event.key]!)));
    else if (event.key === 'Home') setActive(0);
    else if (event.key === 'End') setActive(Math.max(0, lots.length - 1));
    else if (event.key === 'Enter' && lots[active]) setDeciding(true);
    else return;
    event.preventDefault();
  };
  const chosen = deciding ? lots[active] : undefined;
  return (
    <section aria-labelledby="quarantine-title">
      <header className="screen-header">
        <h1 id="quarantine-title">{t('quarantine.title')}</h1>
        <span className="muted" data-testid="quarantine-count">
          {t('quarantine.count', { count: lots.length })}
        </span>
      </header>
      {lots.length === 0 ? (
        <p className="empty">{t('quarantine.none')}</p>
      ) : (
        <table ref={table} className="list" tabIndex={0} onKeyDown={onKeyDown} aria-label={t('quarantine.keys')} data-testid="quarantine-lots">
          <thead>
            <tr>
              <th>{t('lots.id')}</th>
              <th>{t('lots.design')}</th>
              <th>{t('lots.artisan')}</th>
              <th className="num">{t('quarantine.pieces')}</th>
              <th>{t('lots.receivedAt')}</th>
              <th>{t('quarantine.why')}</th>
            </tr>
          </thead>
          <tbody>
            {lots.map((lot, i) => (
              <tr key={lot.lotId} className={i === active ? 'active' : ''} onClick={() => setActive(i)} data-testid="quarantine-lot">
                <td className="mono">
                  <a href={`#/lot/${encodeURIComponent(lot.lotId)}`} tabIndex={-1}>
                    {lot.lotId}
                  </a>
                </td>
                <td>
                  {lot.designSku} · {lot.designName} · {names.finish(lot.finish)}
                </td>
                <td>
                  {lot.artisanName} ({lot.artisanId})
                </td>
                <td className="num">{lot.quantity}</td>
                <td>{formatDateTime(lot.receivedAt, i18n.language)}</td>
                <td>
                  {lot.why ? t(`lot.varianceKind.${lot.why}`) : '—'}
                  {lot.note ? ` (${lot.note})` : ''}
                  {lot.deliveryCode ? ` · ${lot.deliveryCode}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {chosen && (
        <DecisionForm
          key={chosen.lotId}
          lot={chosen}
          designs={list.designs}
          onDone={() => {
            setDeciding(false);
            load();
          }}
        />
      )}
      <p className="muted small">{t('quarantine.keys')}</p>
    </section>
  );
}
