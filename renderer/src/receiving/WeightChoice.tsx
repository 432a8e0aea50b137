import { useTranslation } from 'react-i18next';

export type WeightSource = 'scale' | 'hand';

/**
 * Where a scale reading and a typed weight both exist, which one the lot is received with: both
 * shown, the one in use checked, and the other a key (arrows) away. The receipt records which.
 */
export function WeightChoice({ scaleG, typedG, used, onChoose }: { scaleG: number; typedG: number; used: WeightSource; onChoose(source: WeightSource): void }) {
  const { t, i18n } = useTranslation();
  const grams = (value: number) => value.toLocaleString(i18n.language, { minimumFractionDigits: 1, maximumFractionDigits: 2 });
  return (
    <fieldset className="weight-choice" data-testid="weight-choice">
      <legend>{t('receiving.weighing.used')}</legend>
      {(['scale', 'hand'] as const).map((source) => (
        <label key={source} className="inline">
          <input type="radio" name="weightSource" value={source} checked={used === source} onChange={() => onChoose(source)} data-testid={`use-${source}`} />
          {t(`receiving.weighing.source.${source}`, { grams: grams(source === 'scale' ? scaleG : typedG) })}
        </label>
      ))}
    </fieldset>
  );
}
