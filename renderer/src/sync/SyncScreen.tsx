import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Status, SyncDetail } from '../../../core/api/contract';
import { call, CallError, subscribe } from '../client/client';
import { useErrorText, useFeedback } from '../feedback/Feedback';
import { formatDateTime } from '../lots/format';
import { useCan } from '../session/useCan';
import { useShortcut } from '../shell/shortcuts';
import { usePendingRequest } from '../shell/singleFlight';
import { AttentionList } from './AttentionList';
import { useHubWords } from './hubWords';
import { LoadProgress } from './LoadProgress';
import { noUpstreamLink, UpstreamFields } from './UpstreamFields';

/** The station's link to its upstream: what waits, what failed, what a supervisor must settle. */
export function SyncScreen() {
  const { t, i18n } = useTranslation();
  const canEnroll = useCan('sync.enroll');
  const canResolve = useCan('sync.resolve');
  const feedback = useFeedback();
  const errorText = useErrorText();
  const hubWords = useHubWords();
  const [detail, setDetail] = useState<SyncDetail | null>(null);
  const [join, setJoin] = useState(noUpstreamLink);
  const when = (iso: string) => formatDateTime(iso, i18n.language);

  const load = useCallback(() => void call('sync.status', {}).then(setDetail).catch(feedback.error), [feedback]);
  useEffect(load, [load]);
  const [status, setStatus] = useState<Status | null>(null);
  useEffect(
    () =>
      subscribe('status', (s) => {
        setStatus(s);
        load();
      }),
    [load],
  );

  const [syncNow, syncing] = usePendingRequest(() => call('sync.now', {}), {
    answered: (report) => {
      feedback.info(t('sync.done', report));
      load();
    },
    refused: (e) => {
      feedback.error(e);
      load();
    },
  });
  useShortcut({ key: 's', alt: true }, () => void syncNow());

  const [enroll, enrolling] = usePendingRequest(() => call('sync.enroll', join), { answered: setDetail, refused: feedback.error });

  if (!detail) return <p>{t('shell.loading')}</p>;
  if (!detail.enrolled)
    return (
      <section aria-labelledby="sync-title">
        <h1 id="sync-title">{t('sync.title')}</h1>
        <p data-testid="sync-state">{t('sync.notEnrolled')}</p>
        {canEnroll && (
          <form
            className="card"
            onSubmit={(event) => {
              event.preventDefault();
              void enroll();
            }}
          >
            <h2>{t('sync.enrollTitle')}</h2>
            <UpstreamFields link={join} onChange={setJoin} />
            <button type="submit" className="primary" disabled={enrolling}>
              {t('sync.enroll')}
            </button>
          </form>
        )}
      </section>
    );

  const minutesOff = Math.round(Math.abs(detail.clockOffsetMs ?? 0) / 60_000);
  const hub = detail.hub;
  // Reaching a hub is not reaching the cloud: while the hub holds work, the screen says so.
  const allSent = !hub ? t('sync.allSent') : hub.linked && hub.waiting === 0 ? t('sync.hub.allInCloud') : t('sync.hub.allAtHub');
  return (
    <section aria-labelledby="sync-title">
      <header className="screen-header">
        <h1 id="sync-title">{t('sync.title')}</h1>
        <button type="button" className="primary" onClick={() => void syncNow()} disabled={syncing} data-testid="sync-now">
          {t('sync.now')} <kbd>Alt+S</kbd>
        </button>
      </header>
      <p className="muted">{t('sync.enrolledWith', { url: detail.upstreamUrl, at: when(detail.enrolledAt!) })}</p>
      {status?.sync.loading && <LoadProgress loading={status.sync.loading} />}
      <dl className="facts" data-testid="sync-state">
        <dt>{t('sync.title')}</dt>
        <dd>
          {detail.pending === 0 ? allSent : t('sync.pending', { count: detail.pending })}
          {detail.oldestPendingAt && ` · ${t('sync.oldest', { at: when(detail.oldestPendingAt) })}`}
        </dd>
        {hub && (
          <>
            <dt className={hub.linked ? '' : 'status-bad'}>{t('sync.hub.title')}</dt>
            <dd className={hub.linked ? '' : 'status-bad'} data-testid="sync-hub">
              {hubWords.line(hub)}
              {hub.error && ` ${t('sync.hub.why')} ${errorText(new CallError(hub.error))}`}
            </dd>
          </>
        )}
        <dt>✓</dt>
        <dd>{detail.lastSuccessAt ? t('sync.lastSuccess', { at: when(detail.lastSuccessAt) }) : t('sync.never')}</dd>
        {detail.lastError && (
          <>
            <dt className="status-bad">!</dt>
            <dd className="status-bad" data-testid="sync-error">
              {t('sync.lastError', { at: when(detail.lastErrorAt!) })} {errorText(new CallError(detail.lastError))}
              {detail.nextAttemptAt && ` ${t('sync.nextAttempt', { at: when(detail.nextAttemptAt) })}`}
            </dd>
          </>
        )}
      </dl>
      {detail.insecure && (
        <p role="alert" className="status-bad" data-testid="insecure-warning">
          {t('sync.insecureWarning', { url: detail.upstreamUrl })}
        </p>
      )}
      {detail.clockWarning && (
        <p role="alert" className="status-bad" data-testid="clock-warning">
          {t('sync.clockWarning', { minutes: minutesOff })}
        </p>
      )}
      <h2>{t('sync.attention')}</h2>
      <AttentionList items={detail.attention} canResolve={canResolve} onResolved={load} errorText={errorText} />
    </section>
  );
}
