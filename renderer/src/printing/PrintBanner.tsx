import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../core/api/contract';
import { call, CallError } from '../client/client';
import { useErrorText } from '../feedback/Feedback';
import { go } from '../router';
import { useShortcut } from '../shell/shortcuts';
import { usePrintingChanged } from './usePrintingChanged';

type Banner = Output<'printJobs.banner'>;

/** In the status bar: a printer holding jobs back (and why), or jobs a person must decide on. A link to the queue, and its key (Alt+J). */
export function PrintBanner() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [banner, setBanner] = useState<Banner | null>(null);
  // A call that fails is said here, until one succeeds: the queue's state is then unknown, not fine.
  const [failure, setFailure] = useState<unknown>(null);
  const load = useCallback(
    () =>
      void call('printJobs.banner', {}).then(
        (next) => (setBanner(next), setFailure(null)),
        (error: unknown) => setFailure(error),
      ),
    [],
  );
  useEffect(() => {
    load();
    const timer = setInterval(load, 5000);
    return () => clearInterval(timer);
  }, [load]);
  usePrintingChanged(load);
  useShortcut({ key: 'j', alt: true }, () => go({ screen: 'printing', arg: null }));
  if (failure)
    return (
      <span>
        <a href="#/printing" className="print-banner" data-testid="print-banner" aria-live="polite">
          {t('printing.banner.unavailable', { reason: errorText(failure) })}
        </a>{' '}
        <kbd>Alt+J</kbd>
      </span>
    );
  if (!banner) return null;
  const parts = banner.blocked.map((b) =>
    t('printing.banner.blocked', { job: t(`printing.jobs.${b.job}`), reason: errorText(new CallError(b.error)), count: banner.waiting }),
  );
  if (banner.unknown > 0) parts.push(t('printing.banner.unknown', { count: banner.unknown }));
  if (banner.failed > 0) parts.push(t('printing.banner.failed', { count: banner.failed }));
  return (
    <span>
      <a href="#/printing" className={parts.length ? 'print-banner' : ''} data-testid="print-banner" aria-live="polite">
        {parts.length ? parts.join(' · ') : t('printing.nav')}
      </a>{' '}
      <kbd>Alt+J</kbd>
    </span>
  );
}
