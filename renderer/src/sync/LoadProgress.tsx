import { useTranslation } from 'react-i18next';

/** A new station's first load from its upstream: how much of the site's log has arrived. */
export function LoadProgress({ loading }: { loading: { cursor: number; head: number | null } }) {
  const { t } = useTranslation();
  return (
    <div className="load-progress" role="status" data-testid="load-progress">
      <progress value={loading.cursor} max={loading.head ?? undefined} />
      <span>{loading.head ? t('sync.loading', { cursor: loading.cursor, head: loading.head }) : t('sync.loadingStart')}</span>
    </div>
  );
}
