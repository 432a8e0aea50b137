import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Status } from '../../../core/api/contract';
import { stationKinds } from '../../../core/station/code';
import { BackupWarning } from '../backup/BackupWarning';
import { call, CallError, subscribe } from '../client/client';
import { useErrorText } from '../feedback/Feedback';
import { useUser } from '../session/Session';
import { PrintBanner } from '../printing/PrintBanner';
import { useHubWords } from '../sync/hubWords';
import { UpdateNotice } from '../updates/UpdateNotice';

/** Always visible: station, user, sync state and each device's state. */
export function StatusBar() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const errorText = useErrorText();
  const hubWords = useHubWords();
  const [status, setStatus] = useState<Status | null>(null);
  const [reachable, setReachable] = useState(true);

  useEffect(() => {
    const load = () =>
      call('status.get', {})
        .then((s) => {
          setStatus(s);
          setReachable(true);
        })
        .catch(() => setReachable(false));
    void load();
    const timer = setInterval(load, 15_000);
    const off = subscribe('status', (s) => {
      setStatus(s);
      setReachable(true);
    });
    return () => {
      clearInterval(timer);
      off();
    };
  }, []);

  const sync = status?.sync;
  const syncLine = (s: Status['sync']) => {
    if (!s.enrolled) return t('status.notEnrolled', { count: s.pending });
    if (s.loading) return s.loading.head ? t('sync.loading', s.loading) : t('sync.loadingStart');
    const parts = [s.error ? t('status.syncFailing', { code: errorText(new CallError(s.error)) }) : '', t('status.syncPending', { count: s.pending })];
    if (s.attention > 0) parts.push(t('status.attention', { count: s.attention }));
    if (s.hub?.warning) parts.push(`⚠ ${t('sync.hub.statusWarning', { duration: hubWords.duration(s.hub.unreachedMs) })}`);
    return parts.filter(Boolean).join(' · ');
  };
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span data-testid="status-station">
        {status ? `${status.station.code} · ${stationLabel(status.station.name, t, [i18n.getFixedT('en'), i18n.getFixedT('sw')])}` : '…'}
        {status?.station.demo && <span className="badge badge-demo">{t('status.demo')}</span>}
      </span>
      <span data-testid="status-user">
        {user.name} ({user.roles.map((r) => t(`roles.${r}`)).join(', ')})
      </span>
      <a href="#/sync" data-testid="status-sync" className={!reachable || sync?.error || sync?.clockWarning || sync?.hub?.warning ? 'status-bad' : ''}>
        {!reachable ? t('status.unreachable') : sync && syncLine(sync)}
      </a>
      <PrintBanner />
      <BackupWarning backup={status?.backup} />
      <UpdateNotice update={status?.update} />
      <span className="devices">
        {status?.devices.map((d, _, all) => (
          <span key={d.id} className={`device device-${d.state}`} title={`${d.name}: ${d.detail}`} data-testid="status-device">
            <span className="dot" aria-hidden />
            {deviceLabel(d, all, t(`devices.kinds.${d.kind}`))}: {t(`devices.state.${d.state}`)}
          </span>
        ))}
      </span>
    </footer>
  );
}

/**
 * A device by its kind in the person's language ("Mizani"), the words on every screen; its name,
 * as an admin typed it, only where two of a kind need telling apart.
 */
function deviceLabel(device: Status['devices'][number], all: Status['devices'], kind: string): string {
  return all.filter((d) => d.kind === device.kind).length > 1 ? `${kind} (${device.name})` : kind;
}

/**
 * A station named after its kind, as joining a site names it ("Receiving desk"), in the person's
 * language ("Dawati la mapokezi"); a name an admin typed stays as typed.
 */
function stationLabel(name: string, t: TFunction, languages: TFunction[]): string {
  const kind = stationKinds.find(({ desk }) => languages.some((inLanguage) => inLanguage(`setup.kind.${desk}`) === name));
  return kind ? t(`setup.kind.${kind.desk}`) : name;
}
