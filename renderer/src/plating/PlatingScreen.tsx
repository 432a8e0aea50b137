import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../client/client';
import { useFeedback } from '../feedback/Feedback';
import { playScanOk } from '../feedback/sounds';
import { go, scanRoute } from '../router';
import { useScanHandler } from '../scanner/ScannerProvider';
import { useCan } from '../session/useCan';
import { useShortcut } from '../shell/shortcuts';
import { Board } from './Board';
import { Ledger } from './Ledger';
import { LineRun } from './LineRun';
import { Refinement } from './Refinement';
import { Settings } from './Settings';
import './plating.css';

const tabs = ['board', 'line', 'refinement', 'ledger', 'settings'] as const;
type Tab = (typeof tabs)[number];

/** The plating office and line: the planner's board, the operator's runs, refinement, the metal ledger, the settings. */
export function PlatingScreen({ batchId }: { batchId: string | null }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const canPlan = useCan('plating.replan');
  const canRun = useCan('plating.startBatch');
  const [tab, setTab] = useState<Tab>(batchId || !canPlan ? 'line' : 'board');
  const shown: Tab = batchId ? 'line' : tab;

  // A traveller's barcode (the batch id) opens the batch on the line; any other code does what it does everywhere.
  useScanHandler(async (code) => {
    const scanned = code.trim().toUpperCase();
    if (scanned.startsWith('PB-')) {
      playScanOk();
      setTab('line');
      return go({ screen: 'plating', arg: scanned });
    }
    try {
      const found = await call('scan.resolve', { code });
      playScanOk();
      go(scanRoute(found));
    } catch (e) {
      feedback.error(e);
    }
  });
  const choose = (next: Tab) => {
    setTab(next);
    if (batchId) go({ screen: 'plating', arg: null });
  };
  // Ctrl+1..5: a fixed list, so the hooks run in the same order every time.
  tabs.forEach((name, i) => useShortcut({ key: String(i + 1), ctrl: true }, () => choose(name)));

  return (
    <section aria-labelledby="plating-title">
      <h1 id="plating-title">{t('plating.title')}</h1>
      <nav className="plating-tabs" aria-label={t('plating.title')}>
        {tabs.map((name, i) => (
          <button key={name} type="button" aria-pressed={shown === name} onClick={() => choose(name)} data-testid={`tab-${name}`}>
            {t(`plating.tabs.${name}`)} <kbd>Ctrl+{i + 1}</kbd>
          </button>
        ))}
      </nav>
      {shown === 'board' && <Board canPlan={canPlan} />}
      {shown === 'line' && <LineRun batchId={batchId} canRun={canRun} />}
      {shown === 'refinement' && <Refinement canRun={canRun} />}
      {shown === 'ledger' && <Ledger />}
      {shown === 'settings' && <Settings canEdit={canPlan} />}
    </section>
  );
}
