import { useTranslation } from 'react-i18next';

/**
 * The order's hint line: only the keys that work here now. The box's keys only while a box is open,
 * the tracking number's only where there is a field for it (no carrier label from upstream).
 */
export function OrderKeys({ supervisor, box }: { supervisor: boolean; box: { tracking: boolean } | null }) {
  const { t } = useTranslation();
  const keys: [string, string][] = [
    ...(supervisor ? [['↑ ↓ Enter', 'allocate'] as [string, string]] : []),
    ['Alt+N', 'newBox'],
    ...(box
      ? ([['Alt+W', 'weigh'], ['Alt+G', 'grams'], ...(box.tracking ? [['Alt+T', 'tracking']] : []), ['Alt+U', 'unpack'], ['F10', 'ship']] as [string, string][])
      : []),
    ['Esc', 'back'],
  ];
  return (
    <p className="hint muted small" data-testid="packing-keys">
      {t('packing.keys.scan')}
      {keys.map(([key, what]) => (
        <span key={key}>
          {' · '}
          <kbd>{key}</kbd> {t(`packing.keys.${what}`)}
        </span>
      ))}
    </p>
  );
}
