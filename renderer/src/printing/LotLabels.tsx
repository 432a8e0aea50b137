import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../core/api/contract';
import { call } from '../client/client';
import { useFeedback } from '../feedback/Feedback';
import { useSingleFlight } from '../shell/singleFlight';
import { formatDateTime } from '../lots/format';
import { useShortcut } from '../shell/shortcuts';
import { stateKey } from './PrintingScreen';
import { usePrintingChanged } from './usePrintingChanged';

type Job = Output<'printJobs.list'>['jobs'][number];

/** On a lot's page: the labels printed for it, each reprintable (Alt+P reprints the latest lot label). */
export function LotLabels({ lotId }: { lotId: string }) {
  const { t, i18n } = useTranslation();
  const feedback = useFeedback();
  const [jobs, setJobs] = useState<Job[]>([]);
  const load = useCallback(() => void call('printJobs.list', { filter: 'all', lotId, limit: 50 }).then((r) => setJobs(r.jobs)).catch(feedback.error), [lotId, feedback]);
  useEffect(load, [load]);
  usePrintingChanged(load);
  const printable = (j: Job) => j.state === 'sent' || j.state === 'confirmed' || (j.state === 'unknown' && !j.reprintedAs);
  const reprint = useSingleFlight(async (job: Job | undefined) => {
    if (!job) return;
    try {
      await call('printJobs.reprint', { jobId: job.id });
      feedback.info(t('printing.reprinted'));
      load();
    } catch (e) {
      feedback.error(e);
    }
  });
  useShortcut({ key: 'p', alt: true }, () => void reprint(jobs.find(printable)));

  return (
    <section aria-labelledby="lot-labels-title">
      <h2 id="lot-labels-title">{t('printing.lotLabels')}</h2>
      {jobs.length === 0 ? (
        <p>{t('printing.lotLabelsEmpty')}</p>
      ) : (
        <table className="list" data-testid="lot-labels">
          <tbody>
            {jobs.map((j) => (
              <tr key={j.id} data-testid="lot-label-job" data-state={stateKey(j)}>
                <td>{formatDateTime(j.createdAt, i18n.language)}</td>
                <td>
                  <a href={`#/printing/${encodeURIComponent(j.id)}`}>{t(`printing.templates.${j.template}`, { defaultValue: j.template })}</a>
                  {j.reprintOf && <small> ({t('printing.reprintOf')})</small>}
                </td>
                <td>{t(`printing.states.${stateKey(j)}`)}</td>
                <td className="actions">
                  {printable(j) && (
                    <button type="button" onClick={() => void reprint(j)} data-testid="lot-label-reprint">
                      {t('printing.reprintLatest')}
                      {j.id === jobs.find(printable)?.id && <kbd>Alt+P</kbd>}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
