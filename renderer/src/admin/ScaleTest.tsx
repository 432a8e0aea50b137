import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../client/client';
import { useErrorText } from '../feedback/Feedback';
import { useScaleReading } from '../receiving/useScaleReading';

/** For the technician setting up a desk: the scale's live reading, and a test weighing. */
export function ScaleTest() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const live = useScaleReading();
  const [result, setResult] = useState<string | null>(null);
  useEffect(() => {
    call('scale.watch', {}).catch((e) => setResult(errorText(e)));
  }, [errorText]);
  const test = async () => {
    setResult(t('devices.testWaiting'));
    try {
      const reading = await call('scale.capture', {});
      setResult(t('devices.testResult', { grams: reading.grams, raw: reading.raw, device: reading.device }));
    } catch (e) {
      setResult(errorText(e));
    }
  };
  return (
    <section className="card" data-testid="scale-test">
      <h2>{t('devices.scaleTest')}</h2>
      <div className="weigh">
        <div className="live">
          {live ? `${live.grams === null ? '—' : `${live.grams.toFixed(1)} g`} ${t(`receiving.status.${live.status}`, { defaultValue: live.status })}` : t('receiving.noReading')}
        </div>
      </div>
      <button type="button" onClick={() => void test()}>
        {t('devices.test')}
      </button>
      {result && <p role="status">{result}</p>}
    </section>
  );
}
