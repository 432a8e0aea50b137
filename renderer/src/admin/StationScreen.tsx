import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Status } from '../../../core/api/contract';
import { limits } from '../../../core/numbers/limits';
import { numberOrNull } from '../../../core/numbers/parseNumber';
import { call } from '../client/client';
import { useFeedback } from '../feedback/Feedback';
import { useRefusal } from '../feedback/FieldProblem';
import { NumberField } from '../numbers/NumberField';
import { go } from '../router';
import { useShortcut } from '../shell/shortcuts';

// A refused save is told beside the field it concerns (a code already fixed by joining a site).
const fields = ['name', 'code'] as const;
const fieldOf = { 'station.codeFixed': 'code' };

export function StationScreen() {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [station, setStation] = useState<Status['station'] | null>(null);
  const [form, setForm] = useState({ name: '', code: '', idleMinutes: '30' });
  const refusal = useRefusal(fields, fieldOf);
  useShortcut({ key: 'b', alt: true }, () => go({ screen: 'backups' }));

  useEffect(() => {
    call('status.get', {})
      .then((s) => {
        setStation(s.station);
        setForm({ name: s.station.name, code: s.station.code, idleMinutes: String(s.station.sessionIdleMinutes) });
      })
      .catch(feedback.error);
  }, [feedback]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    refusal.clear();
    try {
      let saved = await call('station.update', { name: form.name, code: form.code.toUpperCase() });
      // The form submits only when the minutes read right (NumberField).
      const minutes = numberOrNull(form.idleMinutes, limits.sessionIdleMinutes);
      if (minutes !== null && minutes !== saved.sessionIdleMinutes) saved = await call('station.setSessionIdle', { minutes });
      setStation(saved);
      feedback.info(t('station.saved'));
    } catch (e) {
      refusal.refuse(e);
    }
  };

  if (!station) return <p>{t('shell.loading')}</p>;
  return (
    <section aria-labelledby="station-title">
      <h1 id="station-title">{t('station.title')}</h1>
      <p>
        <a href="#/backups" aria-keyshortcuts="Alt+B">
          {t('backup.link')} <kbd>Alt+B</kbd>
        </a>
      </p>
      <form className="card" onSubmit={save}>
        <label>
          {t('station.name')}
          <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} name="name" {...refusal.marks('name')} />
          {refusal.problem('name')}
        </label>
        <label>
          {t('station.code')}
          <input value={form.code} maxLength={4} disabled={!station.canChangeCode} onChange={(e) => setForm({ ...form, code: e.target.value })} name="code" {...refusal.marks('code')} />
          {refusal.problem('code')}
        </label>
        <p className="muted small">{station.canChangeCode ? t('station.codeHelp') : t('station.codeFixedHelp', { code: station.code })}</p>
        <NumberField label={t('station.idle')} rule={limits.sessionIdleMinutes} value={form.idleMinutes} onChange={(idleMinutes) => setForm({ ...form, idleMinutes })} name="idleMinutes" />
        <p className="muted small">{t('station.idleHelp')}</p>
        {refusal.other && (
          <p className="form-error" role="alert">
            {refusal.other}
          </p>
        )}
        <button type="submit" className="primary">
          {t('station.save')}
        </button>
      </form>
    </section>
  );
}
