import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../core/api/contract';
import { limits } from '../../../core/numbers/limits';
import { numberOrNull } from '../../../core/numbers/parseNumber';
import { call } from '../client/client';
import { useFeedback } from '../feedback/Feedback';
import { useNames } from '../names/useNames';
import { NumberField } from '../numbers/NumberField';
import { useSingleFlight } from '../shell/singleFlight';
import { clock, dayAndClock } from './time';

type RefinementView = Output<'plating.refinement'>;

/** Refinement: each station's queue in due-date order, steps done per lot, and the final check of unplated finishes. */
export function Refinement({ canRun }: { canRun: boolean }) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const feedback = useFeedback();
  const [view, setView] = useState<RefinementView | null>(null);
  const load = useCallback(() => call('plating.refinement', {}).then(setView, feedback.error), [feedback]);
  useEffect(() => void load(), [load]);
  const act = useSingleFlight(async (action: () => Promise<unknown>) => {
    try {
      await action();
      await load();
    } catch (e) {
      feedback.error(e);
    }
  });
  if (!view) return <p>{t('plating.loading')}</p>;
  return (
    <section aria-labelledby="refinement-title">
      <h2 id="refinement-title">{t('plating.refinement.title')}</h2>
      <div className="plating-panels">
        {view.stations.map((s) => (
          <section key={s.id} data-testid="refinement-station">
            <h2>
              {s.name} · {t(`plating.refinement.steps.${s.step}`)} · {t('plating.refinement.load', { pieces: s.capacityPieces, minutes: s.minutesPerLoad })}
            </h2>
            <ol className="small">
              {s.queue.slice(0, 12).map((q, i) => (
                <li key={i}>
                  {clock(q.start, i18n.language)}–{clock(q.end, i18n.language)} <span className="mono">{q.lotId}</span> × {q.pieces}
                </li>
              ))}
            </ol>
          </section>
        ))}
      </div>
      <table data-testid="refinement-lots">
        <thead>
          <tr>
            <th>{t('plating.lot')}</th>
            <th>{t('lots.finish')}</th>
            <th className="num">{t('plating.run.piecesHead')}</th>
            <th>{t('plating.late.due')}</th>
            <th>{t('plating.refinement.stepsHead')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {view.lots.map((lot) => (
            <tr key={lot.lotId}>
              <td className="mono">{lot.lotId}</td>
              <td>{names.finish(lot.finish)}</td>
              <td className="num">{lot.pieces}</td>
              <td>
                {dayAndClock(lot.dueAt, i18n.language)} {lot.orderId ?? ''}
              </td>
              <td>
                {lot.steps.map((s) => (
                  <button
                    key={s.step}
                    type="button"
                    disabled={!canRun || s.done >= lot.pieces}
                    onClick={() => void act(() => call('plating.stepDone', { lotId: lot.lotId, step: s.step, pieces: lot.pieces - s.done }))}
                  >
                    {t(`plating.refinement.steps.${s.step}`)} {s.done}/{lot.pieces}
                  </button>
                ))}
              </td>
              <td>
                {lot.refined && !lot.plated && canRun && <FinalCheck lotId={lot.lotId} pieces={lot.pieces} act={act} />}
                {lot.refined && lot.plated && <span className="muted small">{t('plating.refinement.toPlating')}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The final check of an unplated lot: the pieces found bad go to rework, the rest to finished stock. */
function FinalCheck({ lotId, pieces, act }: { lotId: string; pieces: number; act(action: () => Promise<unknown>): Promise<unknown> }) {
  const { t } = useTranslation();
  const [rework, setRework] = useState('0');
  const reworkRule = { ...limits.countedPieces, max: pieces };
  const bad = numberOrNull(rework, reworkRule);
  return (
    <span className="actions">
      <NumberField className="inline" label={t('plating.refinement.rework')} rule={reworkRule} value={rework} onChange={setRework} size={4} testId="final-rework" />
      <button
        type="button"
        disabled={bad === null}
        onClick={() => bad !== null && void act(async () => (await call('plating.finalCheck', { lotId, passed: pieces - bad, rework: bad }), setRework('0')))}
      >
        {t('plating.refinement.toStock')}
      </button>
    </span>
  );
}
