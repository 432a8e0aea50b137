import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupStatus } from '../../../core/backup/contract';
import { limits } from '../../../core/numbers/limits';
import { numberOrNull } from '../../../core/numbers/parseNumber';
import { call, CallError } from '../client/client';
import { useErrorText, useFeedback } from '../feedback/Feedback';
import { NumberField } from '../numbers/NumberField';
import { useShortcut } from '../shell/shortcuts';
import { SupportBundle } from '../support/SupportBundle';

/** An admin's backups of this station: where, how often, how many kept, and how the last ones went. */
export function BackupScreen() {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const errorText = useErrorText();
  const [backup, setBackup] = useState<BackupStatus | null>(null);
  const [form, setForm] = useState({ folder: '', intervalMinutes: '', keep: '' });
  const [error, setError] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  useEffect(() => {
    call('backup.get', {})
      .then((b) => {
        setBackup(b);
        setForm({ folder: b.folder ?? '', intervalMinutes: String(b.intervalMinutes), keep: String(b.keep) });
      })
      .catch(feedback.error);
  }, [feedback]);

  const run = useCallback(
    async (work: () => Promise<BackupStatus>) => {
      if (working) return;
      setError(null);
      setWorking(true);
      try {
        const done = await work();
        setBackup(done);
        if (done.failing && done.lastFailure) setError(errorText(new CallError(done.lastFailure.error)));
        else feedback.info(t('backup.done'));
      } catch (e) {
        setError(errorText(e));
      } finally {
        setWorking(false);
      }
    },
    [working, errorText, feedback, t],
  );

  // The form submits only when both numbers read right (NumberField).
  const save = (event: FormEvent) => {
    event.preventDefault();
    const intervalMinutes = numberOrNull(form.intervalMinutes, limits.backupIntervalMinutes)!;
    const keep = numberOrNull(form.keep, limits.backupKeep)!;
    void run(() => call('backup.schedule', { folder: form.folder, intervalMinutes, keep }));
  };
  useShortcut({ key: 'n', alt: true }, () => backup?.folder && void run(() => call('backup.now', {})));

  if (!backup) return <p>{t('shell.loading')}</p>;
  return (
    <section aria-labelledby="backup-title">
      <h1 id="backup-title">{t('backup.title')}</h1>
      <form className="card" onSubmit={save}>
        <label>
          {t('backup.folder')}
          <input value={form.folder} onChange={(e) => setForm({ ...form, folder: e.target.value })} name="folder" size={50} autoFocus autoComplete="off" />
        </label>
        <p className="muted small">{t('backup.folderHelp')}</p>
        <NumberField label={t('backup.interval')} rule={limits.backupIntervalMinutes} value={form.intervalMinutes} onChange={(intervalMinutes) => setForm({ ...form, intervalMinutes })} name="intervalMinutes" />
        <NumberField label={t('backup.keep')} rule={limits.backupKeep} value={form.keep} onChange={(keep) => setForm({ ...form, keep })} name="keep" />
        <p className="muted small">{t('backup.keepHelp')}</p>
        {error && (
          <p className="form-error" role="alert" data-testid="backup-error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={working}>
          {working ? t('backup.working') : t('backup.save')}
        </button>
        {backup.folder && (
          <button type="button" disabled={working} onClick={() => void run(() => call('backup.now', {}))} aria-keyshortcuts="Alt+N">
            {t('backup.now')} <kbd>Alt+N</kbd>
          </button>
        )}
      </form>
      <LastBackups backup={backup} />
      <SupportBundle backupFolder={backup.folder} />
    </section>
  );
}

function LastBackups({ backup }: { backup: BackupStatus }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const when = (at: string) => new Date(at).toLocaleString(i18n.language);
  const { lastSuccess, lastFailure } = backup;
  return (
    <dl className="card" data-testid="backup-last">
      <dt>{t('backup.lastSuccess')}</dt>
      <dd data-testid="backup-last-success">
        {lastSuccess ? t('backup.success', { at: when(lastSuccess.at), file: lastSuccess.file, mb: (lastSuccess.bytes / 1024 / 1024).toFixed(1) }) : t('backup.none')}
      </dd>
      <dt>{t('backup.lastFailure')}</dt>
      <dd data-testid="backup-last-failure">{lastFailure ? t('backup.failure', { at: when(lastFailure.at), reason: errorText(new CallError(lastFailure.error)) }) : t('backup.none')}</dd>
    </dl>
  );
}
