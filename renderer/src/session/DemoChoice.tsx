import { useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../client/client';

interface Props {
  busy: boolean;
  run(work: () => Promise<unknown>): void;
}

/**
 * The demo headquarters, loaded only after a second, explicit step: a demo store can never join a
 * site, so one key must not make it. The question opens with focus on "No", so Enter twice goes back.
 */
export function DemoChoice({ busy, run }: Props) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const no = useRef<HTMLButtonElement>(null);
  const ask = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  useLayoutEffect(() => {
    if (asking) no.current?.focus();
    else if (asked.current) ask.current?.focus();
    asked.current ||= asking;
  }, [asking]);

  return (
    <section>
      <h2>{t('setup.demoTitle')}</h2>
      <p className="muted">{t('setup.demoText')}</p>
      {asking ? (
        <div role="alertdialog" aria-labelledby="demo-confirm" onKeyDown={(e) => e.key === 'Escape' && setAsking(false)}>
          <p id="demo-confirm">
            <strong>{t('setup.demoConfirm')}</strong>
          </p>
          <div className="actions">
            <button type="button" className="primary" disabled={busy} onClick={() => run(() => call('setup.loadDemo', {}))}>
              {busy ? t('setup.loading') : t('setup.demoYes')}
            </button>
            <button type="button" ref={no} disabled={busy} onClick={() => setAsking(false)}>
              {t('setup.demoNo')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" ref={ask} disabled={busy} onClick={() => setAsking(true)}>
          {t('setup.demoAsk')}
        </button>
      )}
    </section>
  );
}
