import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../client/client';
import { useErrorText } from '../feedback/Feedback';
import { usePendingRequest } from '../shell/singleFlight';
import { DemoChoice } from './DemoChoice';
import { JoinForm } from './JoinForm';
import { LanguageSwitch } from './LanguageSwitch';
import { useSession } from './Session';

/** First start with an empty store: join the site, the demo headquarters, or this station's first admin. */
export function SetupScreen() {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const [form, setForm] = useState({ stationCode: '', stationName: '', name: '', username: '', pin: '' });
  const field = (key: keyof typeof form) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
    name: key,
  });

  // Joining, loading the demo and creating the admin are one request at a time.
  const [run, busy] = usePendingRequest(
    (work: () => Promise<unknown>) => {
      setError(null);
      return work();
    },
    { answered: refresh, refused: (e) => setError(errorText(e)) },
  );

  const createAdmin = (event: FormEvent) => {
    event.preventDefault();
    void run(() => call('setup.createAdmin', { ...form, stationCode: form.stationCode.toUpperCase() }));
  };

  return (
    <main className="centered">
      <div className="card setup">
        <header className="card-header">
          <h1>{t('setup.title')}</h1>
          <LanguageSwitch />
        </header>
        <p>{t('setup.intro')}</p>
        <JoinForm busy={busy} run={(work) => void run(work)} />
        <DemoChoice busy={busy} run={(work) => void run(work)} />
        <form onSubmit={createAdmin}>
          <h2>{t('setup.realTitle')}</h2>
          <div className="grid-2">
            <label>
              {t('station.code')}
              <input {...field('stationCode')} maxLength={4} />
            </label>
            <label>
              {t('station.name')}
              <input {...field('stationName')} />
            </label>
            <label>
              {t('users.name')}
              <input {...field('name')} />
            </label>
            <label>
              {t('users.username')}
              <input {...field('username')} />
            </label>
            <label>
              {t('users.pin')}
              <input {...field('pin')} type="password" inputMode="numeric" />
            </label>
          </div>
          <button type="submit" disabled={busy}>
            {t('setup.createAdmin')}
          </button>
        </form>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </main>
  );
}
