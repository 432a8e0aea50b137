import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { limits, orNone } from '../../../core/numbers/limits';
import { numberOrNull } from '../../../core/numbers/parseNumber';
import { call } from '../client/client';
import { NumberField } from '../numbers/NumberField';
import { enterGoesOn, focusFirstField } from './fieldKeys';

const readings = { temperatureC: orNone(limits.bathTemperatureC), currentA: orNone(limits.bathCurrentA), minutes: orNone(limits.bathMinutes), sample: orNone(limits.pieceNumber), thicknessUm: orNone(limits.platedUm) };

type Act = (action: () => Promise<unknown>, done: string) => Promise<boolean>;

/** The bath's temperature, current and time: Enter goes field to field and logs from the last; then the XRF's turn. */
export function BathForm({ batchId, act, then }: { batchId: string; act: Act; then(): void }) {
  const { t } = useTranslation();
  const [bath, setBath] = useState({ temperatureC: '', currentA: '', minutes: '' });
  const log = async (e: FormEvent) => {
    e.preventDefault();
    const reading = { kind: 'bath' as const, temperatureC: numberOrNull(bath.temperatureC, readings.temperatureC), currentA: numberOrNull(bath.currentA, readings.currentA), minutes: numberOrNull(bath.minutes, readings.minutes), sample: null, thicknessUm: null };
    if (await act(() => call('plating.logReading', { batchId, reading }), t('plating.run.logged'))) then();
  };
  return (
    <form onSubmit={(e) => void log(e)} onKeyDown={enterGoesOn} data-testid="bath-form">
      <fieldset>
        <legend>{t('plating.run.bath')}</legend>
        <NumberField label={t('plating.run.temperature')} rule={readings.temperatureC} value={bath.temperatureC} onChange={(text) => setBath({ ...bath, temperatureC: text })} testId="bath-temperature" />
        <NumberField label={t('plating.run.current')} rule={readings.currentA} value={bath.currentA} onChange={(text) => setBath({ ...bath, currentA: text })} testId="bath-current" />
        <NumberField label={t('plating.run.minutes')} rule={readings.minutes} value={bath.minutes} onChange={(text) => setBath({ ...bath, minutes: text })} testId="bath-minutes" />
        <button type="submit" data-testid="log-bath">
          {t('plating.run.log')} <kbd>Enter</kbd>
        </button>
      </fieldset>
    </form>
  );
}

/** One sample piece's XRF thickness: logged from the thickness' Enter, then the form is empty for the next piece. */
export function XrfForm({ batchId, pieces, act }: { batchId: string; pieces: number; act: Act }) {
  const { t } = useTranslation();
  const form = useRef<HTMLFormElement>(null);
  const [xrf, setXrf] = useState({ sample: '', thicknessUm: '' });
  const log = async (e: FormEvent) => {
    e.preventDefault();
    const reading = { kind: 'xrf' as const, temperatureC: null, currentA: null, minutes: null, sample: numberOrNull(xrf.sample, readings.sample), thicknessUm: numberOrNull(xrf.thicknessUm, readings.thicknessUm) };
    if (!(await act(() => call('plating.logReading', { batchId, reading }), t('plating.run.logged')))) return;
    setXrf({ sample: '', thicknessUm: '' });
    focusFirstField(form.current);
  };
  return (
    <form ref={form} onSubmit={(e) => void log(e)} onKeyDown={enterGoesOn} data-testid="xrf-form">
      <fieldset>
        <legend>{t('plating.run.xrf')}</legend>
        <NumberField label={t('plating.run.sample', { count: pieces })} rule={{ ...readings.sample, max: Math.max(1, pieces) }} value={xrf.sample} onChange={(text) => setXrf({ ...xrf, sample: text })} testId="xrf-sample" />
        <NumberField label={t('plating.run.thickness')} rule={readings.thicknessUm} value={xrf.thicknessUm} onChange={(text) => setXrf({ ...xrf, thicknessUm: text })} testId="xrf-thickness" />
        <button type="submit" data-testid="log-xrf">
          {t('plating.run.log')} <kbd>Enter</kbd>
        </button>
      </fieldset>
    </form>
  );
}
