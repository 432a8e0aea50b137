import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../core/api/contract';
import { call } from '../client/client';
import { useFeedback } from '../feedback/Feedback';
import { playScanOk } from '../feedback/sounds';
import { go } from '../router';
import { useScanHandler } from '../scanner/ScannerProvider';
import { useShortcut } from '../shell/shortcuts';
import { useListKeys } from '../shell/useListKeys';
import { useCan } from '../session/useCan';
import { BoxTypesForm } from './BoxTypesForm';
import { focusField, giveKeyboardBack } from './fieldKeys';
import { Gs1PrefixForm } from './Gs1PrefixForm';
import { OrderPanel } from './OrderPanel';
import { PutAwayPanel } from './PutAwayPanel';
import './packing.css';

type Queue = Output<'packing.queue'>;

/** The packing table: scan a customer order to pack it; or put finished lots away in bins. */
export function PackingScreen({ orderId }: { orderId: string | null }) {
  if (orderId) return <OrderPanel key={orderId} orderId={orderId} />;
  return <StartPanel />;
}

function StartPanel() {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [queue, setQueue] = useState<Queue>([]);
  const [code, setCode] = useState('');
  const [putAway, setPutAway] = useState(false);
  const setsBoxTypes = useCan('packing.setBoxType');
  const setsGs1Prefix = useCan('packing.setGs1Prefix');
  useEffect(() => {
    call('packing.queue', {}).then(setQueue).catch(feedback.error);
  }, [feedback]);
  const open = useCallback(
    async (c: string) => {
      try {
        const found = await call('packing.open', { code: c });
        playScanOk();
        go({ screen: 'packing', arg: found.order.id });
      } catch (e) {
        feedback.error(e);
      }
    },
    [feedback],
  );
  useScanHandler((scanned) => (putAway ? undefined : open(scanned)));
  useShortcut({ key: 'p', alt: true }, () => setPutAway((p) => !p));
  useShortcut({ key: 'f', ctrl: true }, () => focusField('order-code'));
  const orders = useListKeys({ rows: queue.length, onOpen: (index) => queue[index] && go({ screen: 'packing', arg: queue[index].id }) });

  if (putAway) return <PutAwayPanel onDone={() => setPutAway(false)} />;
  return (
    <section aria-labelledby="packing-title" onKeyDown={giveKeyboardBack}>
      <header className="screen-header">
        <h1 id="packing-title">{t('packing.title')}</h1>
        <button type="button" onClick={() => setPutAway(true)} data-testid="put-away">
          {t('packing.putAway')} <kbd>Alt+P</kbd>
        </button>
      </header>
      <p>{t('packing.scanOrder')}</p>
      <p className="hint muted small" data-testid="packing-keys">
        <kbd>↑ ↓ Enter</kbd> {t('packing.keys.orders')} · <kbd>Ctrl+F</kbd> {t('packing.keys.orderField')} · <kbd>Alt+P</kbd> {t('packing.keys.putAway')}
      </p>
      <form
        className="actions"
        onSubmit={(e) => {
          e.preventDefault();
          if (code.trim()) void open(code);
        }}
      >
        <label className="inline">
          {t('packing.orderCode')} <input value={code} onChange={(e) => setCode(e.target.value)} name="order" id="order-code" data-testid="order-code" />
        </label>
        <button type="submit">{t('packing.open')}</button>
      </form>
      {setsBoxTypes && <BoxTypesForm />}
      {setsGs1Prefix && <Gs1PrefixForm />}
      <h2>{t('packing.queueHead')}</h2>
      <ul className="picker" data-testid="packing-queue">
        {queue.map((o, index) => (
          <li key={o.id} ref={orders.rowRef(index)} className={index === orders.selected ? 'active' : ''} aria-selected={index === orders.selected}>
            <button type="button" onClick={() => go({ screen: 'packing', arg: o.id })}>
              <span className="mono">{o.id}</span> · {o.customer} ({o.country}) · {t('packing.due', { date: o.dueOn })} · {t('packing.pieces', { count: o.pieces })} ·{' '}
              {t(`packing.status.${o.status}`, { defaultValue: o.status })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
