import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../core/api/contract';
import { limits } from '../../../core/numbers/limits';
import { checkedNumber } from '../../../core/numbers/parseNumber';
import { call } from '../client/client';
import { useErrorText, useFeedback } from '../feedback/Feedback';
import { playScanOk } from '../feedback/sounds';
import { FinishName } from '../names/FinishName';
import { NumberField } from '../numbers/NumberField';
import { go } from '../router';
import { useScanHandler } from '../scanner/ScannerProvider';
import { useCan } from '../session/useCan';
import { useShortcut } from '../shell/shortcuts';
import { useListKeys } from '../shell/useListKeys';
import { AllocationForm } from './AllocationForm';
import { BoxPanel } from './BoxPanel';
import { giveKeyboardBack } from './fieldKeys';
import { OrderKeys } from './OrderKeys';

export type PackingOrder = Output<'packing.open'>;

interface Asking {
  code: string;
  lotId: string;
  max: number;
}

/** Pieces of a lot taken into the box: at least one, at most what the lot holds for the line. */
const howManyRule = (asking: Asking) => ({ ...limits.lotPieces, max: asking.max });

/** One customer order at the table: its lines with progress and pick list, its boxes, scanning into the current box. */
export function OrderPanel({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [view, setView] = useState<PackingOrder | null>(null);
  const [boxId, setBoxId] = useState<string | null>(null);
  // Also in a ref: scans in a burst each need the box the previous one opened, before React renders again.
  const boxRef = useRef<string | null>(null);
  const choose = (id: string | null) => {
    boxRef.current = id;
    setBoxId(id);
  };
  const [boxType, setBoxType] = useState('medium');
  const [asking, setAsking] = useState<Asking | null>(null);
  const [howMany, setHowMany] = useState('');
  // The last scan's outcome, large beside the box: a wrong piece must not go unnoticed.
  const [lastScan, setLastScan] = useState<{ ok: boolean; text: string } | null>(null);
  const errorText = useErrorText();
  const supervisor = useCan('packing.allocate');
  // The line whose allocation a supervisor is changing (Enter on the line).
  const [allocating, setAllocating] = useState<number | null>(null);
  const lines = useListKeys({
    rows: view?.lines.length ?? 0,
    onOpen: (index) => supervisor && setAllocating(view?.lines[index]?.lineNo ?? null),
  });

  const load = useCallback(async () => {
    try {
      const v = await call('packing.open', { code: orderId });
      setView(v);
      // The box being packed: the one chosen, or this station's last open box (another table's box is theirs).
      const current = boxRef.current;
      choose(current && v.boxes.some((b) => b.id === current && b.status === 'open') ? current : (v.boxes.filter((b) => b.status === 'open' && b.station === v.station).at(-1)?.id ?? null));
    } catch (e) {
      feedback.error(e);
      go({ screen: 'packing', arg: null });
    }
  }, [orderId, feedback]);
  useEffect(() => {
    void load();
  }, [load]);

  const newBox = async () => {
    if (!view) return null;
    try {
      const { boxId: id } = await call('packing.openBox', { orderId: view.order.id, boxType });
      choose(id);
      await load();
      return id;
    } catch (e) {
      feedback.error(e);
      return null;
    }
  };

  const scan = async (code: string, quantity: number | null) => {
    const box = boxRef.current ?? (await newBox());
    if (!box) return;
    try {
      const result = await call('packing.scan', { boxId: box, code, quantity });
      if (result.status === 'askQuantity') {
        setAsking({ code, lotId: result.lotId, max: result.max });
        setHowMany('');
        return;
      }
      playScanOk();
      setAsking(null);
      setLastScan({ ok: true, text: t('packing.packed', { count: result.quantity, lot: result.lotId, line: result.lineNo }) });
    } catch (e) {
      feedback.error(e);
      setLastScan({ ok: false, text: errorText(e) });
    }
    await load();
  };

  // A scan is an item into the box, or another customer order (its id, or a box's SSCC: GS1 data).
  useScanHandler(async (scanned) => {
    if (/^CO-/i.test(scanned.trim())) return go({ screen: 'packing', arg: scanned.trim().toUpperCase() });
    if (/^(\][A-Za-z]\d|\()/.test(scanned.trim())) return openBoxOrder(scanned);
    await scan(scanned, null);
  });
  const openBoxOrder = async (code: string) => {
    try {
      go({ screen: 'packing', arg: (await call('packing.open', { code })).order.id });
    } catch (e) {
      feedback.error(e);
    }
  };
  const reprint = async (id: string) => {
    try {
      feedback.info(t('packing.reprinted', { count: (await call('packing.reprint', { boxId: id })).jobs.length }));
    } catch (e) {
      feedback.error(e);
    }
  };
  useShortcut({ key: 'n', alt: true }, () => void newBox());
  useShortcut({ key: 'Escape' }, () => {
    if (asking) setAsking(null);
    else if (allocating !== null) setAllocating(null);
    else go({ screen: 'packing', arg: null });
  });
  const closeOnEsc = (close: () => void) => (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    close();
  };

  if (!view) return null;
  const { order } = view;
  const current = view.boxes.find((b) => b.id === boxId) ?? null;
  return (
    <section aria-labelledby="order-title" onKeyDown={giveKeyboardBack}>
      <header className="screen-header">
        <h1 id="order-title" className="mono" data-testid="order-id">
          {order.id}
        </h1>
        <span>
          {order.customer} · {[order.shipTo.city, order.country].filter(Boolean).join(', ')} · {t('packing.due', { date: order.dueOn })} ·{' '}
          <strong data-testid="order-status">{t(`packing.status.${order.status}`, { defaultValue: order.status })}</strong>
        </span>
      </header>
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(340px, 2fr)', gap: '1rem', alignItems: 'start' }}>
      <div>
      <table className="list" data-testid="order-lines">
        <thead>
          <tr>
            <th>{t('packing.line')}</th>
            <th>{t('lots.design')}</th>
            <th>{t('packing.inBox')}</th>
            <th>{t('packing.pick')}</th>
          </tr>
        </thead>
        <tbody>
          {view.lines.map((line, index) => (
            <tr key={line.lineNo} ref={lines.rowRef(index)} className={index === lines.selected ? 'active' : ''} aria-selected={index === lines.selected} data-testid="order-line">
              <td>{line.lineNo}</td>
              <td>
                {line.designSku} · {line.designName}
                <div className="small">
                  <FinishName code={line.finish} />
                </div>
              </td>
              <td data-testid="line-progress">
                <progress max={line.ordered} value={line.packed + line.shipped} style={{ width: '6rem' }} />
                <div>
                  {t('packing.progress', { done: line.packed + line.shipped, total: line.ordered })}
                  {line.shipped > 0 && <span className="muted"> · {t('packing.shippedCount', { count: line.shipped })}</span>}
                </div>
              </td>
              <td data-testid="pick-list">
                {line.pick.length === 0 && line.need > 0 && <span className="status-bad">{t('packing.noStock')}</span>}
                {line.pick.map((p) => (
                  <div key={p.lotId} className="mono small">
                    {p.lotId} · {p.bin ?? t('packing.noBin')} · {p.quantity}
                    {p.pinned && <span className="muted"> ({t('packing.pinned')})</span>}
                  </div>
                ))}
                {supervisor && line.need + line.packed > 0 && (allocating === line.lineNo ? (
                  <AllocationForm orderId={order.id} lineNo={line.lineNo} onDone={() => (setAllocating(null), void load())} />
                ) : (
                  <button type="button" onClick={() => setAllocating(line.lineNo)}>
                    {t('packing.allocate')}
                  </button>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {asking && (
        <form
          className="card"
          data-testid="how-many"
          onKeyDown={closeOnEsc(() => setAsking(null))}
          onSubmit={(e) => {
            e.preventDefault();
            void scan(asking.code, checkedNumber(howMany, howManyRule(asking)));
          }}
        >
          <NumberField label={t('packing.howMany', { lot: asking.lotId, max: asking.max })} rule={howManyRule(asking)} value={howMany} onChange={setHowMany} name="howMany" testId="how-many-input" autoFocus />
          <div className="actions">
            <button type="submit" className="primary">
              {t('packing.add')}
            </button>
            <button type="button" onClick={() => setAsking(null)}>
              {t('packing.cancel')}
            </button>
          </div>
        </form>
      )}
      <h2>{t('packing.boxes')}</h2>
      <div className="actions" data-testid="boxes">
        {view.boxes.map((b) => (
          <button
            key={b.id}
            type="button"
            aria-pressed={b.id === boxId}
            disabled={b.status === 'shipped'}
            onClick={() => choose(b.id)}
            data-testid="box"
          >
            {t('packing.box', { no: b.no })} · {b.boxType} · {b.status === 'shipped' ? t('packing.boxShipped', { tracking: b.trackingNumber }) : b.pieces ? t('packing.pieces', { count: b.pieces }) : t('packing.emptyBox')}
            {b.id === boxId && ` · ${t('packing.current')}`}
          </button>
        ))}
        {order.status !== 'shipped' && (
          <>
            <label className="inline">
              {t('packing.boxType')}{' '}
              <select value={boxType} onChange={(e) => setBoxType(e.target.value)} name="boxType" data-testid="box-type">
                {view.boxTypes.map((bt) => (
                  <option key={bt.code} value={bt.code}>
                    {bt.name} ({bt.packagingG} g)
                  </option>
                ))}
              </select>
            </label>
            <button type="button" onClick={() => void newBox()} data-testid="new-box">
              {t('packing.newBox')} <kbd>Alt+N</kbd>
            </button>
          </>
        )}
      </div>
      <ul data-testid="shipped-boxes">
        {view.boxes
          .filter((b) => b.status === 'shipped')
          .map((b) => (
            <li key={b.id}>
              {t('packing.box', { no: b.no })}
              {b.sscc && <span className="mono"> · {t('packing.sscc', { sscc: b.sscc })}</span>}
              {b.override && <span data-testid="box-override"> · {t('packing.overridden', { by: b.override.by, reason: b.override.reason })}</span>}{' '}
              <button type="button" onClick={() => void reprint(b.id)} data-testid="reprint">
                {t('packing.reprint')}
              </button>
            </li>
          ))}
      </ul>
      {order.status !== 'shipped' && <p className="muted">{t('packing.scanItems')}</p>}
      {lastScan && (
        <p role="alert" className={`message ${lastScan.ok ? 'message-info' : 'message-error'}`} data-testid="last-scan">
          {lastScan.text}
        </p>
      )}
      <OrderKeys supervisor={supervisor} box={current?.status === 'open' ? { tracking: !view.carrierLabel } : null} />
      </div>
      {current && current.status === 'open' && <BoxPanel key={current.id} view={view} box={current} onChange={() => void load()} />}
      </div>
    </section>
  );
}
