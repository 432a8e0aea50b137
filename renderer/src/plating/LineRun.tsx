import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../core/api/contract';
import { limits, orNone } from '../../../core/numbers/limits';
import { numberOrNull } from '../../../core/numbers/parseNumber';
import { call } from '../client/client';
import { useFeedback } from '../feedback/Feedback';
import { useNames } from '../names/useNames';
import { NumberField } from '../numbers/NumberField';
import { useSingleFlight } from '../shell/singleFlight';
import { go } from '../router';
import { BatchQueue } from './BatchQueue';
import { enterGoesOn, escLeaves } from './fieldKeys';
import { FinishBatch } from './FinishBatch';
import { BathForm, XrfForm } from './Readings';
import { clock, dayAndClock } from './time';

type PlatingBoard = Output<'plating.board'>;
type BatchDetailView = Output<'plating.batch'>;

/** The line: scan a batch's traveller, start it, log the bath and XRF, finish it with the gold used, check its lots. */
export function LineRun({ batchId, canRun }: { batchId: string | null; canRun: boolean }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [batch, setBatch] = useState<BatchDetailView | null>(null);
  const [queue, setQueue] = useState<PlatingBoard['batches']>([]);
  const [typed, setTyped] = useState('');

  const load = useCallback(async () => {
    try {
      if (batchId) setBatch(await call('plating.batch', { batchId }));
      else setBatch(null);
      const board = await call('plating.board', {});
      setQueue(board.batches.filter((b) => b.state !== 'done').slice(0, 12));
    } catch (e) {
      feedback.error(e);
    }
  }, [batchId, feedback]);
  useEffect(() => void load(), [load]);

  const run = useSingleFlight(async (action: () => Promise<unknown>, done: string): Promise<boolean> => {
    try {
      await action();
      feedback.info(done);
      await load();
      return true;
    } catch (e) {
      feedback.error(e);
      return false;
    }
  });
  const act = async (action: () => Promise<unknown>, done: string) => (await run(action, done)) ?? false;

  return (
    <section aria-labelledby="line-title">
      <h2 id="line-title">{t('plating.run.title')}</h2>
      <form
        className="actions"
        onSubmit={(e) => {
          e.preventDefault();
          // The code typed opens its batch, and the field lets go of the keyboard: the batch takes it.
          if (typed.trim()) go({ screen: 'plating', arg: typed.trim().toUpperCase() });
          setTyped('');
          e.currentTarget.querySelector('input')?.blur();
        }}
      >
        <label>
          {t('plating.run.scan')}
          <input value={typed} onChange={(e) => setTyped(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && e.currentTarget.blur()} data-testid="batch-code" />
        </label>
        <button type="submit">{t('plating.run.open')}</button>
      </form>
      <p className="muted small" data-testid="line-keys">
        {t(`plating.run.keys.${hintFor(batch, canRun)}`)}
      </p>
      {!batch && <BatchQueue queue={queue} />}
      {batch && <BatchRun batch={batch} canRun={canRun} act={act} />}
    </section>
  );
}

function BatchRun({ batch, canRun, act }: { batch: BatchDetailView; canRun: boolean; act(action: () => Promise<unknown>, done: string): Promise<boolean> }) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const home = useRef<HTMLDivElement>(null);
  useFocusOnArrival(home, batch);
  const pieces = batch.items.reduce((s, i) => s + i.pieces, 0);
  const id = batch.id;
  const start = () => void act(() => call('plating.startBatch', { batchId: id }), t('plating.run.started', { batch: id }));
  const onRunKey = (e: React.KeyboardEvent) => {
    escLeaves(e, home.current);
    if (e.key === 'Enter' && e.target === home.current && canRun && batch.state === 'planned') start();
  };

  return (
    <div ref={home} tabIndex={-1} className="batch-run" onKeyDown={onRunKey} data-testid="batch-run">
      <header className="screen-header">
        <h2 className="mono" data-testid="run-batch-id">
          {batch.id}
        </h2>
        <span data-testid="run-state">{t(`plating.state.${batch.state}`)}</span>
        <span>
          {batch.lineId} · {names.finish(batch.finish)} · {dayAndClock(batch.startAt, i18n.language)}–{clock(batch.endAt, i18n.language)} · {t('plating.run.pieces', { count: pieces })}
        </span>
      </header>
      {batch.recipe && (
        <p className="small" data-testid="recipe">
          {t('plating.run.recipe', {
            metal: t(`plating.metal.${batch.recipe.metal}`),
            thickness: batch.recipe.thicknessUm,
            density: batch.recipe.currentDensity,
            efficiency: Math.round(batch.recipe.efficiency * 100),
            minutes: batch.recipe.bathMinutes,
            grams: batch.expectedMetalG.toFixed(3),
          })}
        </p>
      )}
      <div className="actions">
        {canRun && batch.state === 'planned' && (
          <button type="button" className="primary" onClick={start} data-testid="start-batch">
            {t('plating.run.start')}
          </button>
        )}
        <button type="button" onClick={() => void act(() => call('plating.printTraveller', { batchId: id }), t('plating.traveller.queued', { batch: id }))} data-testid="run-print">
          {t('plating.traveller.print')}
        </button>
      </div>
      <div className="run-grid">
        {canRun && batch.state === 'running' && (
          <>
            <BathForm batchId={id} act={act} then={() => home.current?.querySelector<HTMLInputElement>('[data-testid=xrf-sample]')?.focus()} />
            <XrfForm batchId={id} pieces={pieces} act={act} />
            <FinishBatch batch={batch} act={act} />
          </>
        )}
      </div>
      <h3>{t('plating.run.readings')}</h3>
      <table data-testid="readings">
        <tbody>
          {batch.readings.map((r) => (
            <tr key={r.id}>
              <td>{clock(r.at, i18n.language)}</td>
              <td>
                {r.kind === 'bath'
                  ? t('plating.run.bathReading', { temperature: r.temperatureC, current: r.currentA, minutes: r.minutes })
                  : t('plating.run.xrfReading', { sample: r.sample, thickness: r.thicknessUm })}
                {r.kind === 'xrf' && batch.recipe && r.thicknessUm !== null && r.thicknessUm < batch.recipe.thicknessUm && (
                  <strong className="result-bad" data-testid="xrf-thin">
                    {' '}
                    {t('plating.run.xrfThin', { thickness: r.thicknessUm, minimum: minimumUm(batch.recipe.thicknessUm) })}
                  </strong>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {batch.metalUsedG !== null && <p data-testid="metal-summary">{t('plating.run.metalSummary', { used: batch.metalUsedG.toFixed(3), expected: batch.expectedMetalG.toFixed(3) })}</p>}
      {batch.override && <p data-testid="metal-override">{t('plating.run.overridden', batch.override)}</p>}
      <h3>{t('plating.run.lots')}</h3>
      <table>
        <thead>
          <tr>
            <th>{t('plating.lot')}</th>
            <th>{t('lots.design')}</th>
            <th className="num">{t('plating.run.piecesHead')}</th>
            <th className="num">{t('plating.run.checkedHead')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {batch.items.map((item) => (
            <LotRow key={item.lotId} batch={batch} item={item} canRun={canRun} act={act} home={home} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface LotRowProps {
  batch: BatchDetailView;
  item: BatchDetailView['items'][number];
  canRun: boolean;
  act(action: () => Promise<unknown>, done: string): Promise<boolean>;
  /** The batch on the line, where the keyboard goes when a weighing is in. */
  home: RefObject<HTMLDivElement | null>;
}

function LotRow({ batch, item, canRun, act, home }: LotRowProps) {
  const { t } = useTranslation();
  const open = item.pieces - item.checked;
  // An XRF reading under the finish's thickness fails the check: every piece to rework, as the core insists.
  const thin = batch.readings.some((r) => r.kind === 'xrf' && batch.recipe && r.thicknessUm !== null && r.thicknessUm < batch.recipe.thicknessUm);
  const [passed, setPassed] = useState(thin ? '0' : String(open));
  const [rework, setRework] = useState(thin ? String(open) : '0');
  const [ok, setOk] = useState({ thicknessOk: !thin, adhesionOk: true, colourOk: true });
  const [grams, setGrams] = useState('');
  const lotG = numberOrNull(grams, limits.weighedG);
  // Passed and rework are each at most the pieces still to check; the core holds their sum to it.
  const checkRule = { ...limits.countedPieces, max: open };
  const weigh = async (direction: 'in' | 'out') => {
    if (lotG === null) return;
    const weighed = await act(() => call('plating.weigh', { lotId: item.lotId, batchId: batch.id, step: 'plating', direction, pieces: item.pieces, grams: lotG }), t('plating.ledger.weighed', { lot: item.lotId }));
    if (!weighed) return;
    setGrams('');
    // The weight is in: the keyboard leaves the field for the batch, as Esc would.
    home.current?.focus();
  };
  return (
    <tr data-testid="run-lot">
      <td className="mono">
        <a href={`#/lot/${item.lotId}`}>{item.lotId}</a>
      </td>
      <td>
        {item.designSku} · {item.designName}
      </td>
      <td className="num">{item.pieces}</td>
      <td className="num">{item.checked}</td>
      <td>
        {canRun && (
          <form
            className="actions"
            onSubmit={(e) => {
              e.preventDefault();
              void weigh(batch.state === 'done' ? 'out' : 'in');
            }}
          >
            <NumberField ariaLabel={t('plating.ledger.grams')} rule={orNone(limits.weighedG)} value={grams} onChange={setGrams} size={6} testId="lot-grams" />
            <button type="submit" disabled={lotG === null}>
              {t(batch.state === 'done' ? 'plating.ledger.weighOut' : 'plating.ledger.weighIn')}
            </button>
          </form>
        )}
        {canRun && batch.state === 'done' && open > 0 && (
          <form
            className="actions"
            onKeyDown={enterGoesOn}
            onSubmit={(e) => {
              e.preventDefault();
              void act(() => call('plating.checkLot', { batchId: batch.id, lotId: item.lotId, passed: numberOrNull(passed, checkRule) ?? 0, rework: numberOrNull(rework, checkRule) ?? 0, ...ok }), t('plating.check.recorded', { lot: item.lotId }));
            }}
            data-testid="lot-check"
          >
            <NumberField className="inline" label={t('plating.check.passed')} rule={checkRule} value={passed} onChange={setPassed} size={4} testId="check-passed" />
            <NumberField className="inline" label={t('plating.check.rework')} rule={checkRule} value={rework} onChange={setRework} size={4} testId="check-rework" />
            {(['thicknessOk', 'adhesionOk', 'colourOk'] as const).map((k) => (
              <label key={k} className="inline">
                <input type="checkbox" checked={ok[k]} onChange={(e) => setOk({ ...ok, [k]: e.target.checked })} />
                {t(`plating.check.${k}`)}
              </label>
            ))}
            <button type="submit" data-testid="record-check">
              {t('plating.check.record')} <kbd>Enter</kbd>
            </button>
          </form>
        )}
      </td>
    </tr>
  );
}

/** Where the keyboard is when a batch opens, and when what had it went away (started, finished, a lot checked): the next thing to do. */
function useFocusOnArrival(home: RefObject<HTMLDivElement | null>, batch: BatchDetailView): void {
  const arrived = useRef<string | null>(null);
  useEffect(() => {
    const root = home.current;
    const lost = !document.activeElement || document.activeElement === document.body || !document.activeElement.isConnected;
    if (!root || (arrived.current === batch.id && !lost)) return;
    arrived.current = batch.id;
    const next = { planned: 'start-batch', running: 'bath-temperature', done: 'check-passed' }[batch.state];
    (root.querySelector<HTMLElement>(`[data-testid=${next}]`) ?? root).focus();
  }, [home, batch]);
}

/** The line's hint, naming only keys that work now: once every lot is checked, no check keys. */
function hintFor(batch: BatchDetailView | null, canRun: boolean): string {
  if (!batch) return 'queue';
  if (!canRun) return 'view';
  return batch.state === 'done' && batch.items.every((i) => i.checked >= i.pieces) ? 'checked' : batch.state;
}

/** A finish's thickness as it is named: 1 µm reads "1.0". */
const minimumUm = (um: number) => (Number.isInteger(um) ? um.toFixed(1) : String(um));
