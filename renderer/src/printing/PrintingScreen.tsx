import { type KeyboardEvent, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../core/api/contract';
import { call, CallError } from '../client/client';
import { useErrorText, useFeedback } from '../feedback/Feedback';
import { formatDateTime } from '../lots/format';
import { go, scanRoute } from '../router';
import { useScanHandler } from '../scanner/ScannerProvider';
import { useShortcut } from '../shell/shortcuts';
import { useSingleFlight } from '../shell/singleFlight';
import { usePrintingChanged } from './usePrintingChanged';
import './printing.css';

type Job = Output<'printJobs.list'>['jobs'][number];
type Filter = 'open' | 'attention' | 'all';

/** A job's state as a person reads it: a job on its way is "sending", not "waiting". */
export function stateKey(job: Pick<Job, 'state' | 'sending'>): string {
  return job.sending ? 'sending' : job.state;
}

/**
 * The station's print queue: every job with its state, printer and problem; a preview of any job;
 * reprint (an unknown outcome, or any printed job), "it printed" and cancel. Scanning a lot label
 * shows that lot's jobs.
 */
export function PrintingScreen({ jobId }: { jobId: string | null }) {
  const { t, i18n } = useTranslation();
  const feedback = useFeedback();
  const errorText = useErrorText();
  const [filter, setFilter] = useState<Filter>(jobId ? 'all' : 'open');
  const [lotId, setLotId] = useState<string | null>(null);
  const [jobs, setJobs] = useState<Job[]>([]);
  const [selected, setSelected] = useState<string | null>(jobId);
  const [preview, setPreview] = useState<{ id: string; png: string } | null>(null);
  const table = useRef<HTMLTableElement>(null);

  const load = useCallback(() => {
    call('printJobs.list', { filter, ...(lotId ? { lotId } : {}), limit: 200 })
      .then((r) => setJobs(r.jobs))
      .catch(feedback.error);
  }, [filter, lotId, feedback]);
  useEffect(load, [load]);
  usePrintingChanged(load);
  useLayoutEffect(() => table.current?.focus(), []);

  const current = jobs.find((j) => j.id === selected) ?? null;
  useEffect(() => {
    if (!selected && jobs[0]) setSelected(jobs[0].id);
  }, [jobs, selected]);

  const showPreview = async (job: Job | null) => {
    if (!job) return;
    try {
      setPreview({ id: job.id, ...(await call('printJobs.preview', { jobId: job.id })) });
    } catch (e) {
      feedback.error(e);
    }
  };
  const act = useSingleFlight(async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      feedback.info(t(done));
      load();
    } catch (e) {
      feedback.error(e);
    }
  });
  const canReprint = (j: Job | null) => !!j && (j.state === 'sent' || j.state === 'confirmed' || (j.state === 'unknown' && !j.reprintedAs));
  const canSettle = (j: Job | null) => !!j && j.state === 'unknown' && !j.reprintedAs;
  const canCancel = (j: Job | null) => !!j && (j.state === 'queued' || j.state === 'failed') && !j.sending;
  const reprint = () => canReprint(current) && void act(async () => setSelected((await call('printJobs.reprint', { jobId: current!.id })).jobId), 'printing.reprinted');
  const settle = () => canSettle(current) && void act(() => call('printJobs.settle', { jobId: current!.id }), 'printing.settled');
  const cancel = () => canCancel(current) && void act(() => call('printJobs.cancel', { jobId: current!.id }), 'printing.cancelledDone');
  useShortcut({ key: 'r', alt: true }, reprint);
  useShortcut({ key: 'k', alt: true }, settle);
  useShortcut({ key: 'x', alt: true }, cancel);

  // A lot label scanned here shows that lot's print jobs.
  useScanHandler(async (code) => {
    try {
      const found = await call('scan.resolve', { code });
      if (found.kind === 'lot') {
        setLotId(found.lotId);
        setFilter('all');
        // The lot's first job is chosen, so Enter previews one of its jobs.
        setSelected(null);
      } else go(scanRoute(found));
    } catch (e) {
      feedback.error(e);
    }
  });

  const onKeyDown = (event: KeyboardEvent) => {
    const at = jobs.findIndex((j) => j.id === selected);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = jobs[Math.min(jobs.length - 1, Math.max(0, at + (event.key === 'ArrowDown' ? 1 : -1)))];
      if (next) setSelected(next.id);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      void showPreview(current);
    }
  };

  return (
    <section aria-labelledby="printing-title">
      <header className="screen-header">
        <h1 id="printing-title">{t('printing.title')}</h1>
        <label>
          {t('printing.filter')}{' '}
          <select value={filter} onChange={(e) => setFilter(e.target.value as Filter)} data-testid="print-filter">
            {(['open', 'attention', 'all'] as const).map((f) => (
              <option key={f} value={f}>
                {t(`printing.filters.${f}`)}
              </option>
            ))}
          </select>
        </label>
        {lotId && (
          <button type="button" onClick={() => setLotId(null)}>
            {t('printing.lotFilter', { lotId })} · {t('printing.clearLot')}
          </button>
        )}
        <button type="button" onClick={() => void act(() => call('printJobs.retry', {}), 'printing.retry')}>
          {t('printing.retry')}
        </button>
      </header>
      <p className="hint">{t('printing.keys')}</p>
      <div className="print-queue">
        <table className="list" ref={table} tabIndex={0} onKeyDown={onKeyDown} data-testid="print-jobs" aria-label={t('printing.title')}>
          <thead>
            <tr>
              <th>{t('printing.created')}</th>
              <th>{t('printing.template')}</th>
              <th>{t('printing.lot')}</th>
              <th>{t('printing.printer')}</th>
              <th>{t('printing.state')}</th>
              <th className="num">{t('printing.attempts')}</th>
              <th>{t('printing.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {jobs.length === 0 && (
              <tr>
                <td colSpan={7}>{t('printing.empty')}</td>
              </tr>
            )}
            {jobs.map((j) => (
              <tr key={j.id} className={j.id === selected ? 'selected' : ''} aria-selected={j.id === selected} onClick={() => setSelected(j.id)} data-testid="print-job" data-state={stateKey(j)}>
                <td>{formatDateTime(j.createdAt, i18n.language)}</td>
                <td>
                  {t(`printing.templates.${j.template}`, { defaultValue: j.template })}
                  {j.reprintOf && <small> ({t('printing.reprintOf')})</small>}
                </td>
                <td className="mono">{j.lotId ?? ''}</td>
                <td>{j.printerName ?? t(`printing.jobs.${j.printer}`)}</td>
                <td className={`print-state-${j.state}`}>
                  {t(`printing.states.${stateKey(j)}`)}
                  {j.reprintedAs && <small> · {t('printing.reprintedAs')}</small>}
                </td>
                <td className="num">{j.attempts}</td>
                <td className="print-problem">{j.lastError && j.state !== 'confirmed' ? errorText(new CallError(j.lastError)) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <aside className="card print-preview" data-testid="print-detail">
          {current && (
            <>
              <strong>
                {t(`printing.templates.${current.template}`, { defaultValue: current.template })} · {t(`printing.states.${stateKey(current)}`)}
              </strong>
              {current.state === 'unknown' && !current.reprintedAs && <p className="form-error">{t('printing.unknownHelp')}</p>}
              <div className="actions">
                <button type="button" onClick={() => void showPreview(current)}>
                  {t('printing.preview')} <kbd>Enter</kbd>
                </button>
                <button type="button" disabled={!canReprint(current)} onClick={reprint} data-testid="print-reprint">
                  {t('printing.reprint')} <kbd>Alt+R</kbd>
                </button>
                <button type="button" disabled={!canSettle(current)} onClick={settle}>
                  {t('printing.printed')} <kbd>Alt+K</kbd>
                </button>
                <button type="button" disabled={!canCancel(current)} onClick={cancel}>
                  {t('printing.cancel')} <kbd>Alt+X</kbd>
                </button>
              </div>
              {preview?.id === current.id && <img src={preview.png} alt={t('printing.previewAlt', { id: current.id })} data-testid="print-preview" />}
            </>
          )}
        </aside>
      </div>
    </section>
  );
}
