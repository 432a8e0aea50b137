import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../core/api/contract';
import { call, CallError } from '../client/client';
import { useFeedback } from '../feedback/Feedback';
import { playScanOk } from '../feedback/sounds';
import { go } from '../router';
import { useScanHandler } from '../scanner/ScannerProvider';
import { useCan } from '../session/useCan';
import { InspectionPanel } from './InspectionPanel';
import { QcSettings } from './QcSettings';
import { WaitingLots } from './WaitingLots';
import './qc.css';

export type View = Output<'qc.open'>;
export type DecideResult = Output<'qc.decide'> & { lotId: string };

/** The QC bench (Alt+8): scan a lot in QC, pull the sample, log defects, confirm the decision. */
export function QcScreen({ lotId }: { lotId: string | null }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [view, setView] = useState<View | null>(null);
  const [typed, setTyped] = useState('');
  const [last, setLast] = useState<DecideResult | null>(null);
  const setsQc = useCan('qc.saveDefaults');
  const ranks = useCan('qc.ranking');

  const load = useCallback(
    async (id: string) => {
      try {
        setView(await call('qc.open', { lotId: id }));
      } catch (e) {
        setView(null);
        feedback.error(e);
      }
    },
    [feedback],
  );
  useEffect(() => {
    if (lotId && lotId !== 'settings') void load(lotId);
    else setView(null);
  }, [lotId, load]);

  // A lot label opens that lot here; a defect card logs that defect on the current piece (InspectionPanel).
  const openScanned = async (scanned: string) => {
    const code = scanned.trim();
    try {
      const found = await call('scan.resolve', { code });
      if (found.kind !== 'lot') throw new CallError({ code: 'qc.scanALot', message: '', params: { code } });
      playScanOk();
      setLast(null);
      go({ screen: 'qc', arg: found.lotId });
    } catch (e) {
      feedback.error(e);
    }
  };
  useScanHandler(openScanned);

  if (lotId === 'settings') return <QcSettings />;
  if (!view || view.lot.id !== lotId)
    return (
      <section aria-labelledby="qc-title">
        <header className="screen-header">
          <h1 id="qc-title">{t('qc.title')}</h1>
          {setsQc && <a href="#/qc/settings">{t('qc.settings.title')}</a>}
          {ranks && <a href="#/quality">{t('quality.rankingTitle')}</a>}
        </header>
        {last && (
          <p role="status" className={last.verdict === 'accept' ? 'result-ok' : 'result-bad'} data-testid="qc-last-decision">
            {t(`qc.decided.${last.disposition}`, { lot: last.lotId, count: last.quantity })}
          </p>
        )}
        <p>{t('qc.scanLot')}</p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (typed.trim()) go({ screen: 'qc', arg: typed.trim().toUpperCase() });
          }}
        >
          <label>
            {t('qc.lotCode')}
            <input value={typed} onChange={(e) => setTyped(e.target.value)} data-testid="qc-lot-input" />
          </label>
        </form>
        <WaitingLots />
      </section>
    );
  return (
    <InspectionPanel
      key={view.lot.id}
      view={view}
      onView={setView}
      onOtherScan={openScanned}
      onDecided={(result) => {
        setLast(result);
        setView(null);
        go({ screen: 'qc', arg: null });
      }}
    />
  );
}
