import { useTranslation } from 'react-i18next';
import type { BackupStatus } from '../../../core/backup/contract';
import { CallError } from '../client/client';
import { useErrorText } from '../feedback/Feedback';

/** On the status bar while this station's backups fail, for whoever is at the station, until one succeeds. */
export function BackupWarning({ backup }: { backup: BackupStatus | undefined }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (!backup?.failing || !backup.lastFailure) return null;
  return (
    <span className="status-bad" data-testid="status-backup" role="alert">
      ⚠ {t('backup.statusFailing', { reason: errorText(new CallError(backup.lastFailure.error)) })}
    </span>
  );
}
