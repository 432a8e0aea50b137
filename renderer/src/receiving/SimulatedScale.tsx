import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { limits, orNone } from '../../../core/numbers/limits';
import { numberOrNull } from '../../../core/numbers/parseNumber';
import { call } from '../client/client';
import { useFeedback } from '../feedback/Feedback';
import { NumberField } from '../numbers/NumberField';

const simulatedRule = orNone(limits.tareG);

/** The demo's scale: a load put on by typing its weight. A form of its own, so its Enter receives nothing. */
export function SimulatedScale() {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [grams, setGrams] = useState('');
  const putOnScale = (event: FormEvent) => {
    event.preventDefault();
    const value = numberOrNull(grams, simulatedRule);
    if (value !== null) void call('scale.simulate', { grams: value }).catch(feedback.error);
  };
  return (
    <form className="actions muted small" onSubmit={putOnScale}>
      <NumberField className="inline" label={t('receiving.simulate')} rule={simulatedRule} value={grams} onChange={setGrams} size={7} name="simulate" testId="simulate-grams" />
      <button type="submit" data-testid="simulate">
        {t('receiving.putOnScale')}
      </button>
    </form>
  );
}
