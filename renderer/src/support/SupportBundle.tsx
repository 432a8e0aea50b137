import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../client/client';
import { useErrorText } from '../feedback/Feedback';
import { useCan } from '../session/useCan';
import { useShortcut } from '../shell/shortcuts';

/**
 * "Save a support bundle" (admins): one zip of this station's logs, status, versions, devices and
 * last sync errors, written into a folder the admin types (the backup folder to begin with).
 * Alt+S saves into the folder given, or goes to the field when there is none yet.
 */
export function SupportBundle({ backupFolder }: { backupFolder: string | null }) {
  const allowed = useCan('support.saveBundle');
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [folder, setFolder] = useState(backupFolder ?? '');
  const [outcome, setOutcome] = useState<{ saved: string } | { error: string } | null>(null);
  const [working, setWorking] = useState(false);
  const field = useRef<HTMLInputElement>(null);

  const saveBundle = async () => {
    if (working) return;
    setWorking(true);
    setOutcome(null);
    try {
      const bundle = await call('support.saveBundle', { folder });
      setOutcome({ saved: t('support.saved', { file: bundle.file, kb: (bundle.bytes / 1024).toFixed(1) }) });
    } catch (e) {
      setOutcome({ error: errorText(e) });
    } finally {
      setWorking(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void saveBundle();
  };
  useShortcut({ key: 's', alt: true }, () => (allowed && folder.trim() ? void saveBundle() : field.current?.focus()));

  if (!allowed) return null;
  return (
    <form className="card" onSubmit={submit} aria-labelledby="support-title">
      <h2 id="support-title">{t('support.title')}</h2>
      <label>
        {t('support.folder')}
        <input ref={field} value={folder} onChange={(e) => setFolder(e.target.value)} name="supportFolder" size={50} autoComplete="off" />
      </label>
      <p className="muted small">{t('support.help')}</p>
      {outcome && 'error' in outcome && (
        <p className="form-error" role="alert" data-testid="support-error">
          {outcome.error}
        </p>
      )}
      {outcome && 'saved' in outcome && (
        <p role="status" data-testid="support-saved">
          {outcome.saved}
        </p>
      )}
      <button type="submit" disabled={working} aria-keyshortcuts="Alt+S">
        {working ? t('support.working') : t('support.save')} <kbd>Alt+S</kbd>
      </button>
    </form>
  );
}
