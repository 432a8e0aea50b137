import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../core/api/contract';
import { call, CallError } from '../client/client';
import { useFeedback } from '../feedback/Feedback';
import { useNames } from '../names/useNames';
import { useShortcut } from '../shell/shortcuts';
import { usePendingAction } from '../shell/singleFlight';
import { fromX, offHours, spanOf, ticks, toX, zooms, type Span } from './axis';
import { BatchBar } from './BatchBar';
import { BoardPanels } from './BoardPanels';
import { clock, dayAndClock, dayLabel, dayMs } from './time';
import { useZoom } from './useZoom';

type PlatingBoard = Output<'plating.board'>;
type Calendar = Output<'plating.settings'>['calendar'];
type Batch = PlatingBoard['batches'][number];
interface Staged {
  batchId: string;
  lineId: string;
  startAt: string;
  endAt: string | null;
  introduced: Output<'plating.previewMove'>['introduced'];
}

const snapMinutes = 5;

/** The planner's board: the plan as a Gantt per line over days; move, lock, re-plan. */
export function Board({ canPlan }: { canPlan: boolean }) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const feedback = useFeedback();
  const [board, setBoard] = useState<PlatingBoard | null>(null);
  const [calendar, setCalendar] = useState<Calendar | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [staged, setStaged] = useState<Staged | null>(null);
  const previewSeq = useRef(0);
  const grab = useRef(0);

  const load = useCallback(async () => {
    try {
      const [plan, settings] = await Promise.all([call('plating.board', {}), call('plating.settings', {})]);
      setBoard(plan);
      setCalendar(settings.calendar);
    } catch (e) {
      feedback.error(e);
    }
  }, [feedback]);
  useEffect(() => void load(), [load]);

  /** A change refused because the plan moved on elsewhere: say so and show the plan as it is now. */
  const failed = useCallback(
    async (e: unknown) => {
      feedback.error(e);
      if (e instanceof CallError && e.body.code === 'plating.planChanged') {
        setStaged(null);
        await load();
      }
    },
    [feedback, load],
  );

  const stage = useCallback(
    async (batchId: string, lineId: string, startMs: number) => {
      if (!board) return;
      const startAt = new Date(Math.round(startMs / (snapMinutes * 60_000)) * snapMinutes * 60_000).toISOString();
      const seq = ++previewSeq.current;
      setStaged({ batchId, lineId, startAt, endAt: null, introduced: [] });
      try {
        const preview = await call('plating.previewMove', { basedOn: board.version, batchId, lineId, startAt });
        if (seq === previewSeq.current) setStaged({ batchId, lineId, startAt, endAt: preview.endAt, introduced: preview.introduced });
      } catch (e) {
        if (seq === previewSeq.current) await failed(e);
      }
    },
    [board, failed],
  );

  const commit = async (override: boolean) => {
    if (!board || !staged || !staged.endAt) return;
    try {
      await call('plating.moveBatch', { basedOn: board.version, batchId: staged.batchId, lineId: staged.lineId, startAt: staged.startAt, override });
      feedback.info(t('plating.board.moved', { batch: staged.batchId }));
      setStaged(null);
      await load();
    } catch (e) {
      await failed(e);
    }
  };

  const toggleLock = async (batch: Batch) => {
    if (!board || batch.state !== 'planned') return;
    try {
      await call('plating.lockBatch', { basedOn: board.version, batchId: batch.id, locked: !batch.locked });
      await load();
    } catch (e) {
      await failed(e);
    }
  };

  // One re-plan at a time: Alt+R pressed again while one is on its way is the same press.
  const [replan, replanning] = usePendingAction(async () => {
    if (!board) return;
    try {
      const result = await call('plating.replan', { basedOn: board.version });
      feedback.info(t('plating.board.replanned', { version: result.version, count: result.batches }));
      setStaged(null);
      await load();
    } catch (e) {
      await failed(e);
    }
  });
  useShortcut({ key: 'r', alt: true }, () => canPlan && void replan());
  // Esc drops a move being made wherever the focus is: after a drag it may be anywhere.
  useShortcut({ key: 'Escape' }, () => setStaged(null));

  const printTraveller = async (batchId: string) => {
    try {
      await call('plating.printTraveller', { batchId });
      feedback.info(t('plating.traveller.queued', { batch: batchId }));
    } catch (e) {
      feedback.error(e);
    }
  };

  const gantt = useRef<HTMLDivElement>(null);
  const { zoom, setZoom, viewWidth } = useZoom(gantt, board !== null);
  const span = useMemo(() => {
    if (!board) return null;
    const times = [Date.parse(board.now), ...board.batches.flatMap((b) => [Date.parse(b.startAt), Date.parse(b.endAt)])];
    return spanOf(times, board.dayWindow, zoom, viewWidth);
  }, [board, zoom, viewWidth]);
  const scrolledFor = useRef<number | null>(null);
  useEffect(() => {
    // Once per plan shown: scroll to now or the first batch still to run.
    if (!board || !span || !gantt.current || scrolledFor.current === board.version) return;
    scrolledFor.current = board.version;
    const next = board.batches.find((b) => b.state !== 'done');
    const at = Math.max(Date.parse(board.now), next ? Date.parse(next.startAt) : 0);
    gantt.current.scrollLeft = Math.max(0, toX(span, at) - 60);
  }, [board, span]);
  // On arrival the keyboard is on the board, so the hint's first Tab reaches a batch (not the menu above).
  const shown = board !== null;
  useLayoutEffect(() => {
    if (shown && document.activeElement === document.body) gantt.current?.focus({ preventScroll: true });
  }, [shown]);
  // A zoom keeps the selected batch, or the moment at the view's left edge, where it was.
  const shownSpan = useRef<Span | null>(null);
  useLayoutEffect(() => {
    const view = gantt.current;
    const before = shownSpan.current;
    shownSpan.current = span;
    if (!view || !span || !before || before.px === span.px) return;
    const batch = board?.batches.find((b) => b.id === selected);
    const ms = batch ? Date.parse(batch.startAt) : fromX(before, view.scrollLeft);
    const offset = batch ? Math.min(Math.max(0, toX(before, ms) - view.scrollLeft), view.clientWidth / 2) : 0;
    view.scrollLeft = Math.max(0, toX(span, ms) - offset);
  }, [span]);

  if (!board || !span) return <p>{t('plating.loading')}</p>;
  const x = (ms: number) => toX(span, ms);
  const days: number[] = [];
  for (let day = span.from; day < span.to; day += dayMs) days.push(day);
  const width = x(span.to);
  const lateLots = new Set(board.late.map((l) => l.lotId));
  const broken = new Set(board.violations.map((v) => v.batchId));
  const lines = board.lines;

  const onBatchKey = (e: React.KeyboardEvent, batch: Batch) => {
    const current = staged?.batchId === batch.id ? staged : null;
    const start = current ? Date.parse(current.startAt) : Date.parse(batch.startAt);
    const lineIndex = lines.findIndex((l) => l.id === (current?.lineId ?? batch.lineId));
    const step = (e.shiftKey ? 60 : 15) * 60_000;
    if (e.key === 't' || e.key === 'T') void printTraveller(batch.id);
    else if (!canPlan || batch.state !== 'planned') return;
    else if (e.key === 'l' || e.key === 'L') void toggleLock(batch);
    else if (e.key === 'ArrowRight') void stage(batch.id, lines[lineIndex]!.id, start + step);
    else if (e.key === 'ArrowLeft') void stage(batch.id, lines[lineIndex]!.id, start - step);
    else if (e.key === 'ArrowDown' && lineIndex < lines.length - 1) void stage(batch.id, lines[lineIndex + 1]!.id, start);
    else if (e.key === 'ArrowUp' && lineIndex > 0) void stage(batch.id, lines[lineIndex - 1]!.id, start);
    else if (e.key === 'Enter' && current) void commit(e.ctrlKey);
    else return;
    e.preventDefault();
  };

  const stagedBatch = staged && board.batches.find((b) => b.id === staged.batchId);

  return (
    <section aria-labelledby="board-title">
      <header className="screen-header">
        <h2 id="board-title">
          {t('plating.board.title')} <span className="muted small" data-testid="plan-version">{t('plating.board.version', { version: board.version })}</span>
        </h2>
        {canPlan && (
          <button type="button" className="primary" onClick={() => void replan()} disabled={replanning} data-testid="replan">
            {t('plating.board.replan')} <kbd>Alt+R</kbd>
          </button>
        )}
        <span className="small" data-testid="objective">
          {t('plating.board.objective', { tardiness: Math.round(board.objective.weightedTardinessMinutes), changeovers: board.objective.changeovers, makespan: board.objective.makespan ? dayAndClock(board.objective.makespan, i18n.language) : '—' })}
        </span>
      </header>
      <p className="muted small" data-testid="board-keys">
        {t(`plating.board.keys.${boardHint(canPlan, staged, board.batches.find((b) => b.id === selected) ?? null)}`)}
      </p>
      <div className="actions" role="group" aria-label={t('plating.board.zoom')}>
        <span className="small" data-testid="zoom-shown">
          {t('plating.board.zoomShown', { zoom: t(`plating.board.zooms.${zoom}`) })}
        </span>
        {zooms.map((z) => (
          <button key={z} type="button" aria-pressed={zoom === z} onClick={() => setZoom(z)} tabIndex={-1}>
            {t(`plating.board.zooms.${z}`)}
          </button>
        ))}
        <span className="muted small">{t('plating.board.zoomKeys')}</span>
      </div>
      <div className="gantt" data-testid="gantt">
        <div style={{ display: 'flex' }}>
          <div>
            <div className="gantt-axis" style={{ width: '10rem' }} />
            {lines.map((line) => (
              <div key={line.id} className="gantt-row" style={{ width: '10rem' }}>
                <span className="gantt-label">
                  <strong>{line.id}</strong>
                  {line.finishes.map((f) => (
                    <span key={f} className="batch-line">
                      {names.finish(f)}
                    </span>
                  ))}
                </span>
              </div>
            ))}
          </div>
          <div style={{ overflowX: 'auto', flex: 1 }} ref={gantt} tabIndex={-1}>
            <div className="gantt-axis" style={{ width }} data-testid="gantt-axis">
              {ticks(span, zoom).map((tick) => (
                <span key={tick.ms} className={tick.day ? 'day' : ''} style={{ left: x(tick.ms) }} data-testid={tick.day ? 'axis-day' : 'axis-hour'}>
                  {tick.day ? dayLabel(tick.ms, i18n.language) : clock(tick.ms, i18n.language)}
                </span>
              ))}
            </div>
            {lines.map((line) => (
              <div
                key={line.id}
                className="gantt-row"
                style={{ width }}
                data-testid={`gantt-row-${line.id}`}
                onDragOver={(e) => canPlan && e.preventDefault()}
                onDrop={(e) => {
                  e.preventDefault();
                  const id = e.dataTransfer.getData('text/plain');
                  const left = e.clientX - e.currentTarget.getBoundingClientRect().left - grab.current;
                  if (id) void stage(id, line.id, fromX(span, left));
                }}
              >
                {calendar &&
                  days.flatMap((day) =>
                    offHours(day, span, calendar).map((off) => (
                      <span key={`${day}-${off.from}`} className="gantt-off" style={{ left: x(day + off.from * 60_000), width: (off.to - off.from) * span.px }} data-testid="gantt-off" />
                    )),
                  )}
                <span className="gantt-now" style={{ left: x(Date.parse(board.now)) }} />
                {board.batches
                  .filter((b) => b.lineId === line.id)
                  .map((b) => (
                    <BatchBar
                      key={b.id}
                      batch={b}
                      finish={names.finish(b.finish)}
                      left={x(Date.parse(b.startAt))}
                      width={Math.max(3, x(Date.parse(b.endAt)) - x(Date.parse(b.startAt)))}
                      classes={[
                        `finish-${b.finish}`,
                        `metal-${b.metal ?? 'none'}`,
                        b.state,
                        b.locked ? 'locked' : '',
                        b.items.some((i) => lateLots.has(i.lotId)) ? 'late' : '',
                        broken.has(b.id) ? 'broken' : '',
                        selected === b.id ? 'selected' : '',
                      ]}
                      draggable={canPlan && b.state === 'planned'}
                      onDragStart={(e) => {
                        e.dataTransfer.setData('text/plain', b.id);
                        grab.current = e.clientX - e.currentTarget.getBoundingClientRect().left;
                        setSelected(b.id);
                      }}
                      onSelect={() => setSelected(b.id)}
                      onKeyDown={(e) => onBatchKey(e, b)}
                    />
                  ))}
                {staged && staged.lineId === line.id && stagedBatch && (
                  <span
                    className={`batch staged finish-${stagedBatch.finish}`}
                    style={{ left: x(Date.parse(staged.startAt)), width: Math.max(8, ((staged.endAt ? Date.parse(staged.endAt) - Date.parse(staged.startAt) : Date.parse(stagedBatch.endAt) - Date.parse(stagedBatch.startAt)) / 60_000) * span.px) }}
                  />
                )}
              </div>
            ))}
          </div>
        </div>
      </div>
      {staged && (
        <div className="card" role="region" aria-label={t('plating.board.move')} data-testid="staged-move">
          <p>
            {t('plating.board.moveTo', { batch: staged.batchId, line: staged.lineId, start: dayAndClock(staged.startAt, i18n.language), end: staged.endAt ? clock(staged.endAt, i18n.language) : '…' })}
          </p>
          {staged.introduced.length > 0 ? (
            <ul data-testid="move-violations">
              {staged.introduced.map((v, i) => (
                <li key={i} className="violation">
                  {t(`platingSchedule.rules.${v.rule}`, { defaultValue: v.rule })}: {v.message}
                </li>
              ))}
            </ul>
          ) : (
            <p className="result-ok" data-testid="move-ok">{staged.endAt ? t('plating.board.moveOk') : t('plating.board.checking')}</p>
          )}
          <div className="actions">
            <button type="button" className="primary" disabled={!staged.endAt || staged.introduced.length > 0} onClick={() => void commit(false)} data-testid="apply-move">
              {t('plating.board.apply')} <kbd>Enter</kbd>
            </button>
            {staged.introduced.length > 0 && (
              <button type="button" onClick={() => void commit(true)} data-testid="apply-anyway">
                {t('plating.board.applyAnyway')} <kbd>Ctrl+Enter</kbd>
              </button>
            )}
            <button type="button" onClick={() => setStaged(null)}>
              {t('plating.board.cancel')} <kbd>Esc</kbd>
            </button>
          </div>
        </div>
      )}
      {selected && (
        <SelectedBatch
          batch={board.batches.find((b) => b.id === selected) ?? null}
          canPlan={canPlan}
          onLock={(b) => void toggleLock(b)}
          onPrint={(id) => void printTraveller(id)}
        />
      )}
      <BoardPanels board={board} />
    </section>
  );
}

/** The board's hint, naming only keys that work now: the move being made, the batch chosen, or how to reach one. */
function boardHint(canPlan: boolean, staged: Staged | null, batch: Batch | null): string {
  if (staged) return staged.introduced.length > 0 ? 'stagedBroken' : 'staged';
  if (batch) return canPlan && batch.state === 'planned' ? 'batch' : 'batchReadOnly';
  return canPlan ? 'arrive' : 'arriveReadOnly';
}

function SelectedBatch({ batch, canPlan, onLock, onPrint }: { batch: Batch | null; canPlan: boolean; onLock(b: Batch): void; onPrint(id: string): void }) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  if (!batch) return null;
  return (
    <div className="card" data-testid="selected-batch">
      <strong className="mono">{batch.id}</strong> · {batch.lineId} · {names.finish(batch.finish)} · {dayAndClock(batch.startAt, i18n.language)}–{clock(batch.endAt, i18n.language)} · {t(`plating.state.${batch.state}`)}
      {batch.metal === 'gold' && <> · {t('plating.gold', { grams: (batch.metalUsedG ?? batch.expectedMetalG).toFixed(3) })}</>}
      <ul className="small">
        {batch.items.map((i) => (
          <li key={i.lotId}>
            <a href={`#/lot/${i.lotId}`}>{i.lotId}</a> × {i.pieces}
          </li>
        ))}
      </ul>
      <div className="actions">
        {canPlan && batch.state === 'planned' && (
          <button type="button" onClick={() => onLock(batch)} data-testid="lock" aria-pressed={batch.locked}>
            {batch.locked ? t('plating.board.unlock') : t('plating.board.lock')} <kbd>L</kbd>
          </button>
        )}
        <button type="button" onClick={() => onPrint(batch.id)} data-testid="print-traveller">
          {t('plating.traveller.print')} <kbd>T</kbd>
        </button>
        <a href={`#/plating/${batch.id}`}>{t('plating.board.openRun')}</a>
      </div>
    </div>
  );
}
