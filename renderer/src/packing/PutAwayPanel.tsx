import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, CallError } from '../client/client';
import { useFeedback } from '../feedback/Feedback';
import { playScanOk } from '../feedback/sounds';
import { useScanHandler } from '../scanner/ScannerProvider';
import { useShortcut } from '../shell/shortcuts';

/** Put-away: scan a finished lot, then the bin it goes into; again for the next lot. */
export function PutAwayPanel({ onDone }: { onDone(): void }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [lot, setLot] = useState<string | null>(null);
  const [last, setLast] = useState<string | null>(null);
  // Scans are handled one after another, each seeing the lot the one before it took: a bin scanned
  // while its lot's scan is still being looked up waits for it, not taken for another lot.
  const scans = useRef(Promise.resolve());
  const taken = useRef<string | null>(null);
  const choose = (lotId: string | null) => {
    taken.current = lotId;
    setLot(lotId);
  };
  const handle = async (scanned: string) => {
    const lotId = taken.current;
    if (!lotId) {
      try {
        const found = await call('scan.resolve', { code: scanned });
        if (found.kind !== 'lot') throw new CallError({ code: 'packing.unknownCode', message: '', params: { code: scanned.slice(0, 60) } });
        choose(found.lotId);
        playScanOk();
      } catch (e) {
        feedback.error(e);
      }
      return;
    }
    try {
      const done = await call('packing.putAway', { lotCode: lotId, bin: scanned });
      playScanOk();
      setLast(t('packing.putAwayDone', { lot: done.lotId, bin: done.bin }));
      feedback.info(t('packing.putAwayDone', { lot: done.lotId, bin: done.bin }));
    } catch (e) {
      feedback.error(e);
    }
    choose(null);
  };
  useScanHandler((scanned) => {
    scans.current = scans.current.then(() => handle(scanned));
    return scans.current;
  });
  useShortcut({ key: 'Escape' }, onDone);
  return (
    <section className="card" aria-labelledby="put-away-title" data-testid="put-away-panel">
      <h1 id="put-away-title">{t('packing.putAway')}</h1>
      <p>{lot ? t('packing.putAwayLot', { lot }) : t('packing.putAwayHelp')}</p>
      {last && <p data-testid="put-away-last">{last}</p>}
      <div className="actions">
        <button type="button" onClick={onDone}>
          {t('packing.putAwayEnd')} <kbd>Esc</kbd>
        </button>
      </div>
    </section>
  );
}
