import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Delivery, Output } from '../../../core/api/contract';
import { call, CallError } from '../client/client';
import { useFeedback } from '../feedback/Feedback';
import { playScanOk } from '../feedback/sounds';
import { formatDateTime } from '../lots/format';
import { useNames } from '../names/useNames';
import { go, scanRoute } from '../router';
import { useScanHandler } from '../scanner/ScannerProvider';
import { useShortcut } from '../shell/shortcuts';
import { summaryText } from './summaryText';
import { WeighPanel, type WeighTarget } from './WeighPanel';

type Artisans = Output<'receiving.artisans'>;

/** The receiving desk: scan a delivery notice (or find the artisan), weigh and count each line, finish. */
export function ReceivingScreen({ code }: { code: string | null }) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const feedback = useFeedback();
  const [delivery, setDelivery] = useState<Delivery | null>(null);
  const [target, setTarget] = useState<WeighTarget | null>(null);
  const [query, setQuery] = useState('');
  const [artisans, setArtisans] = useState<Artisans>([]);
  const [active, setActive] = useState(0);
  const lines = useRef<HTMLTableElement>(null);

  // A finished delivery scanned again says so; reopened after this desk's own F10 it does not.
  const open = useCallback(
    async (c: string, sayIfFinished = true) => {
      try {
        const d = await call('receiving.open', { code: c });
        setDelivery(d);
        setTarget(null);
        setActive(Math.max(0, d.lines.findIndex((l) => !l.receivedLotId)));
        if (sayIfFinished && d.status === 'received')
          feedback.error(new CallError({ code: 'receiving.deliveryFinished', message: '', params: { code: d.code, by: d.receivedBy ?? '' } }));
      } catch (e) {
        feedback.error(e);
      }
    },
    [feedback],
  );
  // The lines have the keyboard whenever no line is at the scale: after a scan, a receive, Esc.
  useLayoutEffect(() => {
    if (delivery && !target) lines.current?.focus();
  }, [delivery, target]);
  useEffect(() => {
    if (code) void open(code);
  }, [code, open]);
  useEffect(() => {
    if (query.trim().length < 2) return setArtisans([]);
    const timer = setTimeout(() => void call('receiving.artisans', { query }).then(setArtisans).catch(feedback.error), 200);
    return () => clearTimeout(timer);
  }, [query, feedback]);

  // A notice scanned here opens it; any other code does what it does everywhere.
  useScanHandler(async (scanned) => {
    try {
      const found = await call('scan.resolve', { code: scanned });
      playScanOk();
      go(scanRoute(found));
    } catch (e) {
      feedback.error(e);
    }
  });

  const walkIn = async (artisanId: string) => {
    try {
      const { code: opened } = await call('receiving.walkIn', { artisanId });
      go({ screen: 'receiving', code: opened });
    } catch (e) {
      feedback.error(e);
    }
  };
  const finish = async () => {
    if (!delivery) return;
    try {
      const summary = await call('receiving.finish', { code: delivery.code });
      feedback.info(summaryText(t, delivery.code, summary));
      await open(delivery.code, false);
    } catch (e) {
      feedback.error(e);
    }
  };
  useShortcut({ key: 'F10' }, () => void finish());

  const weighLine = (index: number) => {
    const line = delivery?.lines[index];
    if (!line || line.receivedLotId || delivery?.status === 'received') return;
    setTarget({ lineNo: line.lineNo, artisanOrderId: line.artisanOrderId, designSku: line.designSku, designName: line.designName, finish: line.finish, expected: line.expected, unitWeightG: line.unitWeightG, tolerancePct: line.tolerancePct });
  };
  const weighOrder = (order: Delivery['openOrders'][number]) =>
    setTarget({ lineNo: null, artisanOrderId: order.id, designSku: order.designSku, designName: order.designName, finish: order.finish, expected: null, unitWeightG: order.unitWeightG, tolerancePct: order.tolerancePct });

  if (!delivery)
    return (
      <section aria-labelledby="receiving-title">
        <h1 id="receiving-title">{t('receiving.title')}</h1>
        <p>{t('receiving.scanNotice')}</p>
        <label>
          {t('receiving.findArtisan')}
          <input value={query} onChange={(e) => setQuery(e.target.value)} data-testid="find-artisan" autoFocus />
        </label>
        <ul className="picker">
          {artisans.map((a) => (
            <li key={a.id}>
              <button type="button" onClick={() => void walkIn(a.id)} data-testid="artisan-choice">
                {a.name} · <span className="mono">{a.id}</span> · {a.region} · {t('receiving.phoneEnd', { digits: a.phoneEnd })} · {t('receiving.openOrders', { count: a.openOrders })}
              </button>
            </li>
          ))}
        </ul>
      </section>
    );

  const finished = delivery.status === 'received';
  return (
    <section aria-labelledby="receiving-title">
      <header className="screen-header">
        <h1 id="receiving-title" className="mono" data-testid="delivery-code">
          {delivery.code}
        </h1>
        <a href={`#/artisan/${delivery.artisan.id}`}>
          {delivery.artisan.name} · {delivery.artisan.region}
        </a>
        {!finished && (
          <button type="button" className="primary" onClick={() => void finish()} data-testid="finish">
            {t('receiving.finish')} <kbd>F10</kbd>
          </button>
        )}
      </header>
      {finished && <p data-testid="delivery-finished">{t('receiving.receivedBy', { by: delivery.receivedBy, at: formatDateTime(delivery.receivedAt!, i18n.language) })}</p>}
      <table
        ref={lines}
        className="list"
        tabIndex={0}
        data-testid="delivery-lines"
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, delivery.lines.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter') weighLine(active);
          else return;
          e.preventDefault();
        }}
      >
        <thead>
          <tr>
            <th>#</th>
            <th>{t('lots.design')}</th>
            <th>{t('lots.finish')}</th>
            <th className="num">{t('receiving.expectedHead')}</th>
            <th>{t('receiving.receivedHead')}</th>
          </tr>
        </thead>
        <tbody>
          {delivery.lines.map((line, i) => (
            <tr key={line.lineNo} className={i === active ? 'active' : ''} onClick={() => weighLine(i)} data-testid="delivery-line">
              <td>{line.lineNo}</td>
              <td>
                {line.designSku} · {line.designName}
              </td>
              <td>{names.finish(line.finish)}</td>
              <td className="num">{line.expected}</td>
              <td>{line.receivedLotId ? `${line.receivedLotId} · ${line.receivedQty}` : '—'}</td>
            </tr>
          ))}
          {delivery.extraLots.map((lot) => (
            <tr key={lot.lotId}>
              <td>+</td>
              <td>{lot.designSku}</td>
              <td />
              <td />
              <td>
                {lot.lotId} · {lot.quantity} ({t('states.quarantine')})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!finished && !target && (
        <details className="unexpected">
          <summary>{t('receiving.unexpectedItem')}</summary>
          {delivery.openOrders.map((order) => (
            <button key={order.id} type="button" onClick={() => weighOrder(order)}>
              {order.designSku} · {order.designName} · {names.finish(order.finish)}
            </button>
          ))}
        </details>
      )}
      {target && (
        <WeighPanel
          key={`${target.lineNo}-${target.artisanOrderId}`}
          deliveryCode={delivery.code}
          target={target}
          onDone={() => void open(delivery.code)}
          onClose={() => setTarget(null)}
        />
      )}
      {!target && !finished && <p className="muted small">{t(delivery.lines.some((l) => !l.receivedLotId) ? 'receiving.hint.lines' : 'receiving.hint.allReceived')}</p>}
    </section>
  );
}
