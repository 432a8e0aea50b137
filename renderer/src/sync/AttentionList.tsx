import { useTranslation } from 'react-i18next';
import type { SyncDetail } from '../../../core/api/contract';
import { lotStates } from '../../../core/db/schema';
import { call, CallError } from '../client/client';
import { useFeedback } from '../feedback/Feedback';
import { describeEvent } from '../lots/describeEvent';
import { formatDateTime } from '../lots/format';
import { useNames } from '../names/useNames';
import { usePendingRequest } from '../shell/singleFlight';

type Item = SyncDetail['attention'][number];

interface Props {
  items: Item[];
  canResolve: boolean;
  onResolved(): void;
  errorText(error: unknown): string;
}

/** Both sides of each refused or conflicting event, and a supervisor's explicit decision. */
export function AttentionList({ items, canResolve, onResolved, errorText }: Props) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const feedback = useFeedback();
  const when = (iso: string) => formatDateTime(iso, i18n.language);
  const [resolve, resolving] = usePendingRequest((eventId: string, resolution: 'acknowledge' | 'redo') => call('sync.resolve', { eventId, resolution }), {
    answered: onResolved,
    refused: feedback.error,
  });
  const states = (lot: Record<string, unknown> | null) =>
    lot
      ? lotStates
          .filter((s) => Number(lot[s]) > 0)
          .map((s) => `${t(`states.${s}`)} ${String(lot[s])}`)
          .join(' · ')
      : t('sync.noLot');

  if (items.length === 0) return <p className="muted">{t('sync.noAttention')}</p>;
  return (
    <table className="list" data-testid="attention">
      <thead>
        <tr>
          <th>{t('history.when')}</th>
          <th>{t('sync.here')}</th>
          <th>{t('sync.upstream')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {items.map((item) => {
          const described = describeEvent(t, item.event.type, item.event.payload, names.finish);
          const what = described.quantity === null ? described.what : `${described.what}: ${described.quantity}`;
          return (
            <tr key={item.eventId}>
              <td>{when(item.event.at)}</td>
              <td>
                <strong>{t(`sync.kind.${item.kind}`)}</strong>
                <br />
                {item.lotId && <span className="mono">{item.lotId} </span>}
                {what} ({item.event.userName}, {item.event.station})
                <br />
                <span className="status-bad">{errorText(new CallError({ code: item.reason, message: '', params: item.params }))}</span>
              </td>
              <td>{states(item.current)}</td>
              <td className="actions">
                {item.resolution ? (
                  t('sync.resolved', { by: item.resolution.by, at: when(item.resolution.at), how: t(`sync.how.${item.resolution.how}`) })
                ) : canResolve ? (
                  <>
                    <button type="button" disabled={resolving} onClick={() => void resolve(item.eventId, 'acknowledge')}>
                      {t('sync.acknowledge')}
                    </button>
                    {item.event.type === 'lot.moved' && (
                      <button type="button" disabled={resolving} onClick={() => void resolve(item.eventId, 'redo')}>
                        {t('sync.redo')}
                      </button>
                    )}
                  </>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
