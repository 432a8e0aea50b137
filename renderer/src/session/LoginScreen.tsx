import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../core/api/contract';
import { call } from '../client/client';
import { useErrorText } from '../feedback/Feedback';
import { usePendingRequest } from '../shell/singleFlight';
import { LoadProgress } from '../sync/LoadProgress';
import { LanguageSwitch } from './LanguageSwitch';
import { useSession } from './Session';

export function LoginScreen({ setup }: { setup: Output<'setup.state'> }) {
  const { t } = useTranslation();
  const { loggedIn, refresh } = useSession();
  // While the site loads, ask how far it has come; the site's people can log in once it has.
  useEffect(() => {
    if (!setup.loading) return;
    const timer = setInterval(() => void refresh(), 1000);
    return () => clearInterval(timer);
  }, [setup.loading, refresh]);
  const errorText = useErrorText();
  const [username, setUsername] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [login, loggingIn] = usePendingRequest(() => call('session.login', { username, pin }), {
    answered: (session) => loggedIn(session.token, session.user),
    refused: (e) => {
      setError(errorText(e));
      setPin('');
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void login();
  };

  return (
    <main className="centered">
      <form className="card login" onSubmit={submit} aria-labelledby="login-title">
        <header className="card-header">
          <h1 id="login-title">{t('login.title')}</h1>
          <LanguageSwitch />
        </header>
        {setup.station && (
          <p className="muted">
            {t('login.station', { code: setup.station.code, name: setup.station.name })}
            {setup.demo && <span className="badge badge-demo">{t('status.demo')}</span>}
          </p>
        )}
        <label>
          {t('login.username')}
          <input autoFocus autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} name="username" />
        </label>
        <label>
          {t('login.pin')}
          <input type="password" inputMode="numeric" autoComplete="current-password" value={pin} onChange={(e) => setPin(e.target.value)} name="pin" />
        </label>
        {setup.loading && <LoadProgress loading={setup.loading} />}
        {error && (
          <p className="form-error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={loggingIn}>
          {t('login.submit')}
        </button>
        {setup.demo && <p className="muted small">{t('login.demoHint')}</p>}
      </form>
    </main>
  );
}
