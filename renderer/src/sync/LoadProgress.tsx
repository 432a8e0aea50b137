import { useTranslation } from 'react-i18next';

type Loading = { cursor: number; head: number | null; snapshot: { received: number; bytes: number } | null };

const megabytes = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

/** A new station's first load from its upstream: first the snapshot of the site's state, then the log after it. */
export function LoadProgress({ loading }: { loading: Loading }) {
  const { t } = useTranslation();
  const { snapshot } = loading;
  return (
    <div className="load-progress" role="status" data-testid="load-progress">
      {snapshot ? (
        <>
          <progress value={snapshot.received} max={snapshot.bytes} />
          <span>{t('sync.loadingSnapshot', { received: megabytes(snapshot.received), bytes: megabytes(snapshot.bytes) })}</span>
        </>
      ) : (
        <>
          <progress value={loading.cursor} max={loading.head ?? undefined} />
          <span>{loading.head ? t('sync.loading', { cursor: loading.cursor, head: loading.head }) : t('sync.loadingStart')}</span>
        </>
      )}
    </div>
  );
}
