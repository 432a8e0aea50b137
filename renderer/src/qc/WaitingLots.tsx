import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../core/api/contract';
import { call } from '../client/client';
import { useFeedback } from '../feedback/Feedback';
import { formatDateTime } from '../lots/format';
import { go } from '../router';
import { useListKeys } from '../shell/useListKeys';

/** The lots waiting in QC, newest first: ↑ ↓ (PgUp PgDn Home End) and Enter open one, as a scan of its label does, without a click first. */
export function WaitingLots() {
  const { t, i18n } = useTranslation();
  const feedback = useFeedback();
  const [lots, setLots] = useState<Output<'qc.waiting'>>([]);
  useEffect(() => void call('qc.waiting', {}).then(setLots).catch(feedback.error), [feedback]);
  const open = (i: number) => lots[i] && go({ screen: 'qc', arg: lots[i].lotId });
  const { selected, select, rowRef } = useListKeys({ rows: lots.length, onOpen: open });
  return (
    <>
      <h2>{t('qc.waiting')}</h2>
      <table className="list" data-testid="qc-waiting">
        <thead>
          <tr>
            <th>{t('lots.id')}</th>
            <th>{t('lots.design')}</th>
            <th>{t('lots.artisan')}</th>
            <th className="num">{t('states.in_qc')}</th>
            <th>{t('lots.receivedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {lots.map((l, i) => (
            <tr key={l.lotId} ref={rowRef(i)} className={i === selected ? 'active' : ''} onClick={() => (select(i), open(i))} data-testid="qc-waiting-lot">
              <td className="mono">{l.lotId}</td>
              <td>
                {l.designSku} · {l.designName}
              </td>
              <td>{l.artisanName}</td>
              <td className="num">{l.inQc}</td>
              <td>{formatDateTime(l.receivedAt, i18n.language)}</td>
            </tr>
          ))}
          {lots.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                {t('qc.nothingWaiting')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </>
  );
}
