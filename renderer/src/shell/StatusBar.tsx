import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Status } from '../../../core/api/contract';
import { call, subscribe } from '../client/client';
import { useUser } from '../session/Session';

/** Always visible: station, user, sync state and each device's state. */
export function StatusBar() {
  const { t } = useTranslation();
  const user = useUser();
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
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span data-testid="status-station">
        {status ? `${status.station.code} · ${status.station.name}` : '…'}
        {status?.station.demo && <span className="badge badge-demo">{t('status.demo')}</span>}
      </span>
      <span data-testid="status-user">
        {user.name} ({user.roles.map((r) => t(`roles.${r}`)).join(', ')})
      </span>
      <span data-testid="status-sync" className={reachable ? '' : 'status-bad'}>
        {!reachable
          ? t('status.unreachable')
          : sync && (sync.enrolled ? t('status.syncPending', { count: sync.pending }) : t('status.notEnrolled', { count: sync.pending }))}
      </span>
      <span className="devices">
        {status?.devices.map((d) => (
          <span key={d.id} className={`device device-${d.state}`} title={d.detail} data-testid="status-device">
            <span className="dot" aria-hidden />
            {d.name}: {t(`devices.state.${d.state}`)}
          </span>
        ))}
      </span>
    </footer>
  );
}
