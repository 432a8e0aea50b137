import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../core/api/contract';
import { limits, orNone } from '../../../core/numbers/limits';
import { numberOrNull } from '../../../core/numbers/parseNumber';
import { call } from '../client/client';
import { useFeedback } from '../feedback/Feedback';
import { useNames } from '../names/useNames';
import { NumberField, numbersReady } from '../numbers/NumberField';
import { useSingleFlight } from '../shell/singleFlight';
import { go } from '../router';
import { FinishBatch } from './FinishBatch';
import { clock, dayAndClock } from './time';

type PlatingBoard = Output<'plating.board'>;
type BatchDetailView = Output<'plating.batch'>;

const readings = { temperatureC: orNone(limits.bathTemperatureC), currentA: orNone(limits.bathCurrentA), minutes: orNone(limits.bathMinutes), sample: orNone(limits.pieceNumber), thicknessUm: orNone(limits.platedUm) };

/** The line: scan a batch's traveller, start it, log the bath and XRF, finish it with the gold used, check its lots. */
export function LineRun({ batchId, canRun }: { batchId: string | null; canRun: boolean }) {
  const { t, i18n } = useTranslation();
  const names = useNames();
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
          if (typed.trim()) go({ screen: 'plating', arg: typed.trim().toUpperCase() });
        }}
      >
        <label>
          {t('plating.run.scan')}
          <input value={typed} onChange={(e) => setTyped(e.target.value)} data-testid="batch-code" />
        </label>
        <button type="submit">{t('plating.run.open')}</button>
      </form>
      {!batch && (
        <ul className="picker" data-testid="batch-queue">
          {queue.map((b) => (
            <li key={b.id}>
              <a href={`#/plating/${b.id}`}>
                {b.id} · {b.lineId} · {names.finish(b.finish)} · {dayAndClock(b.startAt, i18n.language)} · {t(`plating.state.${b.state}`)}
              </a>
            </li>
          ))}
        </ul>
      )}
      {batch && <BatchRun batch={batch} canRun={canRun} act={act} />}
    </section>
  );
}

function BatchRun({ batch, canRun, act }: { batch: BatchDetailView; canRun: boolean; act(action: () => Promise<unknown>, done: string): Promise<boolean> }) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const [bath, setBath] = useState({ temperatureC: '', currentA: '', minutes: '' });
  const [xrf, setXrf] = useState({ sample: '', thicknessUm: '' });
  const pieces = batch.items.reduce((s, i) => s + i.pieces, 0);
  const id = batch.id;

  return (
    <div data-testid="batch-run">
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
          <button type="button" className="primary" onClick={() => void act(() => call('plating.startBatch', { batchId: id }), t('plating.run.started', { batch: id }))} data-testid="start-batch">
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
            <fieldset>
              <legend>{t('plating.run.bath')}</legend>
              <NumberField label={t('plating.run.temperature')} rule={readings.temperatureC} value={bath.temperatureC} onChange={(text) => setBath({ ...bath, temperatureC: text })} testId="bath-temperature" />
              <NumberField label={t('plating.run.current')} rule={readings.currentA} value={bath.currentA} onChange={(text) => setBath({ ...bath, currentA: text })} testId="bath-current" />
              <NumberField label={t('plating.run.minutes')} rule={readings.minutes} value={bath.minutes} onChange={(text) => setBath({ ...bath, minutes: text })} testId="bath-minutes" />
              <button
                type="button"
                onClick={(e) =>
                  numbersReady(e.currentTarget.parentElement) &&
                  void act(
                    () => call('plating.logReading', { batchId: id, reading: { kind: 'bath', temperatureC: numberOrNull(bath.temperatureC, readings.temperatureC), currentA: numberOrNull(bath.currentA, readings.currentA), minutes: numberOrNull(bath.minutes, readings.minutes), sample: null, thicknessUm: null } }),
                    t('plating.run.logged'),
                  )
                }
                data-testid="log-bath"
              >
                {t('plating.run.log')}
              </button>
            </fieldset>
            <fieldset>
              <legend>{t('plating.run.xrf')}</legend>
              <NumberField label={t('plating.run.sample', { count: pieces })} rule={{ ...readings.sample, max: Math.max(1, pieces) }} value={xrf.sample} onChange={(text) => setXrf({ ...xrf, sample: text })} testId="xrf-sample" />
              <NumberField label={t('plating.run.thickness')} rule={readings.thicknessUm} value={xrf.thicknessUm} onChange={(text) => setXrf({ ...xrf, thicknessUm: text })} testId="xrf-thickness" />
              <button
                type="button"
                onClick={(e) =>
                  numbersReady(e.currentTarget.parentElement) &&
                  void act(() => call('plating.logReading', { batchId: id, reading: { kind: 'xrf', temperatureC: null, currentA: null, minutes: null, sample: numberOrNull(xrf.sample, readings.sample), thicknessUm: numberOrNull(xrf.thicknessUm, readings.thicknessUm) } }), t('plating.run.logged'))
                }
                data-testid="log-xrf"
              >
                {t('plating.run.log')}
              </button>
            </fieldset>
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
            <LotRow key={item.lotId} batch={batch} item={item} canRun={canRun} act={act} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LotRow({ batch, item, canRun, act }: { batch: BatchDetailView; item: BatchDetailView['items'][number]; canRun: boolean; act(action: () => Promise<unknown>, done: string): Promise<boolean> }) {
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
    if (weighed) setGrams('');
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
          <span className="actions">
            <NumberField ariaLabel={t('plating.ledger.grams')} rule={orNone(limits.weighedG)} value={grams} onChange={setGrams} size={6} testId="lot-grams" />
            {batch.state !== 'done' && (
              <button type="button" onClick={() => void weigh('in')} disabled={lotG === null}>
                {t('plating.ledger.weighIn')}
              </button>
            )}
            {batch.state === 'done' && (
              <button type="button" onClick={() => void weigh('out')} disabled={lotG === null}>
                {t('plating.ledger.weighOut')}
              </button>
            )}
          </span>
        )}
        {canRun && batch.state === 'done' && open > 0 && (
          <span className="actions" data-testid="lot-check">
            <NumberField className="inline" label={t('plating.check.passed')} rule={checkRule} value={passed} onChange={setPassed} size={4} testId="check-passed" />
            <NumberField className="inline" label={t('plating.check.rework')} rule={checkRule} value={rework} onChange={setRework} size={4} testId="check-rework" />
            {(['thicknessOk', 'adhesionOk', 'colourOk'] as const).map((k) => (
              <label key={k} className="inline">
                <input type="checkbox" checked={ok[k]} onChange={(e) => setOk({ ...ok, [k]: e.target.checked })} />
                {t(`plating.check.${k}`)}
              </label>
            ))}
            <button
              type="button"
              onClick={(e) =>
                numbersReady(e.currentTarget.parentElement) &&
                void act(() => call('plating.checkLot', { batchId: batch.id, lotId: item.lotId, passed: numberOrNull(passed, checkRule) ?? 0, rework: numberOrNull(rework, checkRule) ?? 0, ...ok }), t('plating.check.recorded', { lot: item.lotId }))
              }
              data-testid="record-check"
            >
              {t('plating.check.record')}
            </button>
          </span>
        )}
      </td>
    </tr>
  );
}

/** A finish's thickness as it is named: 1 µm reads "1.0". */
const minimumUm = (um: number) => (Number.isInteger(um) ? um.toFixed(1) : String(um));
