import { toSVG } from 'bwip-js/browser';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { playScanError, playScanOk } from '../feedback/sounds';
import { go } from '../router';
import { useUser } from '../session/Session';
import { landingFor } from '../shell/landing';
import { useShortcut } from '../shell/shortcuts';
import { diagnose, testCardCode, type Diagnosis } from './diagnose';
import { useBurstListener } from './ScannerProvider';

const checkedKey = 'karakana.scannerChecked';

export function scannerChecked(): boolean {
  return localStorage.getItem(checkedKey) !== null;
}

/** "Scan this test card": catches a scanner set to the wrong keyboard layout or suffix. */
export function ScannerCheck() {
  const { t } = useTranslation();
  const user = useUser();
  const [diagnosis, setDiagnosis] = useState<Diagnosis | null>(null);
  const barcode = useMemo(
    () => `data:image/svg+xml;utf8,${encodeURIComponent(toSVG({ bcid: 'code128', text: testCardCode, scale: 3, height: 14, includetext: true, textxalign: 'center' }))}`,
    [],
  );
  useBurstListener((burst) => {
    const result = diagnose(burst);
    setDiagnosis(result);
    if (result.result === 'ok') {
      localStorage.setItem(checkedKey, new Date().toISOString());
      playScanOk();
    } else playScanError();
  });
  const skip = () => {
    localStorage.setItem(checkedKey, 'skipped');
    go(landingFor(user.roles));
  };
  useShortcut({ key: 'Escape' }, skip);

  return (
    <section className="scanner-check" aria-labelledby="scanner-title">
      <h1 id="scanner-title">{t('scanner.title')}</h1>
      <p>{t('scanner.intro')}</p>
      <figure className="test-card">
        <img src={barcode} alt={testCardCode} />
      </figure>
      <div role="status" data-testid="scanner-result" className={diagnosis?.result === 'ok' ? 'result-ok' : diagnosis ? 'result-bad' : ''}>
        {diagnosis === null && t('scanner.waiting')}
        {diagnosis?.result === 'ok' && t('scanner.ok')}
        {diagnosis?.result === 'noEnter' && t('scanner.noEnter')}
        {diagnosis?.result === 'tab' && t('scanner.tab')}
        {diagnosis?.result === 'capsLock' && t('scanner.capsLock')}
        {diagnosis?.result === 'layout' && t(`scanner.layout.${diagnosis.layout}`, { got: diagnosis.got, expected: testCardCode })}
      </div>
      <p className="muted">{t('scanner.nothingHappens')}</p>
      <div className="actions">
        <button type="button" onClick={() => window.print()}>
          {t('scanner.print')}
        </button>
        <button type="button" onClick={skip} className={diagnosis?.result === 'ok' ? 'primary' : ''}>
          {diagnosis?.result === 'ok' ? t('scanner.done') : t('scanner.skip')} <kbd>Esc</kbd>
        </button>
      </div>
    </section>
  );
}
