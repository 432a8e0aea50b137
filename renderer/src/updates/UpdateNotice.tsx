import { useTranslation } from 'react-i18next';
import type { Status } from '../../../core/api/contract';

/** On the status bar once the desktop app has downloaded a new version: it installs at quit, never in the middle of work. */
export function UpdateNotice({ update }: { update: Status['update'] | undefined }) {
  const { t } = useTranslation();
  if (!update?.readyVersion) return null;
  return (
    <span data-testid="status-update">
      {t('updates.ready', { version: update.readyVersion })}
    </span>
  );
}
