import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { varianceReasons } from '../../../core/receiving/facts';
import { call, CallError } from '../client/client';
import { useErrorText, useFeedback } from '../feedback/Feedback';
import { playScanOk } from '../feedback/sounds';
import { useShortcut } from '../shell/shortcuts';
import { useStationDemo } from '../shell/useStationDemo';
import { proposal } from './proposal';
import { useScaleReading } from './useScaleReading';

export interface WeighTarget {
  lineNo: number | null;
  artisanOrderId: string | null;
  designSku: string;
  designName: string;
  finish: string;
  expected: number | null;
  unitWeightG: number;
  tolerancePct: number;
}

interface Captured {
  grams: number;
  raw: string | null;
  device: string | null;
}

/** One line at the scale: tare, weigh, the count the weight gives, the reason when it differs, receive. */
export function WeighPanel({ deliveryCode, target, onDone }: { deliveryCode: string; target: WeighTarget; onDone(): void }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const errorText = useErrorText();
  const live = useScaleReading();
  const [tare, setTare] = useState<Captured | null>(null);
  const [gross, setGross] = useState<Captured | null>(null);
  const [handGrams, setHandGrams] = useState('');
  const [sample, setSample] = useState<{ pieces: number; unitWeightG: number } | null>(null);
  const [samplePieces, setSamplePieces] = useState('');
  const [quantity, setQuantity] = useState('');
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [simulated, setSimulated] = useState('');
  const [noScale, setNoScale] = useState(false);
  const demo = useStationDemo();
  useEffect(() => {
    call('scale.watch', {}).catch((e) => setNoScale(e instanceof CallError && e.body.code === 'scale.notConfigured'));
  }, []);

  const byHand = handGrams.trim() !== '' && !gross;
  const grossG = gross?.grams ?? (byHand ? Number(handGrams) : null);
  const netG = grossG === null || Number.isNaN(grossG) ? null : grossG - (tare?.grams ?? 0);
  const unitWeightG = sample?.unitWeightG ?? target.unitWeightG;
  const proposed = proposal(netG, unitWeightG, target.tolerancePct);
  const count = quantity === '' ? (proposed && proposed.confidence !== 'handCount' ? proposed.count : null) : Number(quantity);
  const needed =
    target.lineNo === null ? 'unexpected' : count !== null && target.expected !== null ? (count < target.expected ? 'short' : count > target.expected ? 'over' : null) : null;

  const capture = async (into: (c: Captured) => void) => {
    setError(null);
    try {
      const reading = await call('scale.capture', {});
      into({ grams: reading.grams, raw: reading.raw, device: reading.device });
      playScanOk();
    } catch (e) {
      setError(errorText(e));
    }
  };
  const takeSample = () =>
    void capture((c) => {
      const pieces = Number(samplePieces);
      if (!Number.isInteger(pieces) || pieces < 1) return setError(t('receiving.samplePiecesNeeded'));
      setSample({ pieces, unitWeightG: (c.grams - (tare?.grams ?? 0)) / pieces });
      setGross(null);
    });
  useShortcut({ key: 't', alt: true }, () => void capture(setTare));
  useShortcut({ key: 'w', alt: true }, () => void capture(setGross));

  const receive = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setError(null);
    if (count === null || !Number.isInteger(count) || count < 1) return setError(t('receiving.countNeeded'));
    setBusy(true);
    try {
      const result = await call('receiving.receive', {
        deliveryCode,
        lineNo: target.lineNo,
        artisanOrderId: target.artisanOrderId,
        designSku: target.designSku,
        finish: target.finish,
        quantity: count,
        weighing: grossG === null || Number.isNaN(grossG) ? null : { method: gross ? 'scale' : 'hand', scaleId: gross?.device ?? null, grossG, tareG: tare?.grams ?? 0, raw: gross?.raw ?? null },
        count: { method: quantity !== '' ? 'hand' : sample ? 'sample' : 'weight', unitWeightG: netG === null ? null : unitWeightG, sampleSize: sample?.pieces ?? null },
        variance: needed ? { kind: needed, reason: (reason || 'other') as (typeof varianceReasons)[number], note: note || null } : null,
      });
      playScanOk();
      feedback.info(t(result.state === 'quarantine' ? 'receiving.receivedQuarantine' : 'receiving.received', { lot: result.lotId, count }));
      onDone();
    } catch (e) {
      setError(errorText(e));
      feedback.error(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card weigh" onSubmit={receive} data-testid="weigh-panel">
      <h2>
        {target.lineNo === null ? t('receiving.unexpectedItem') : t('receiving.line', { line: target.lineNo })}: {target.designSku} · {target.designName} · {target.finish}
        {target.expected !== null && ` · ${t('receiving.expected', { count: target.expected })}`}
      </h2>
      <div className="live" data-testid="live-weight">
        {noScale ? (
          <span role="status">{t('receiving.noScale')}</span>
        ) : live ? (
          <>
            <strong>{live.grams === null ? '—' : `${live.grams.toFixed(1)} g`}</strong> {t(`receiving.status.${live.status}`, { defaultValue: live.status })}
            {live.unit && live.unit !== 'g' && <span className="muted"> ({t('receiving.reportedIn', { unit: live.unit })})</span>}
          </>
        ) : (
          t('receiving.noReading')
        )}
      </div>
      <div className="actions">
        <button type="button" onClick={() => void capture(setTare)} data-testid="tare">
          {t('receiving.tare')} <kbd>Alt+T</kbd>
        </button>
        <button type="button" onClick={() => void call('scale.zero', {}).catch((e) => setError(errorText(e)))} data-testid="zero">
          {t('receiving.zero')}
        </button>
        <button type="button" onClick={() => void capture(setGross)} data-testid="weigh">
          {t('receiving.weigh')} <kbd>Alt+W</kbd>
        </button>
        <label className="inline">
          {t('receiving.handWeight')}
          <input value={handGrams} onChange={(e) => setHandGrams(e.target.value)} inputMode="decimal" size={8} name="handGrams" />
        </label>
      </div>
      <div className="actions">
        <label className="inline">
          {t('receiving.samplePieces')}
          <input value={samplePieces} onChange={(e) => setSamplePieces(e.target.value)} inputMode="numeric" size={5} name="samplePieces" data-testid="sample-pieces" />
        </label>
        <button type="button" onClick={takeSample} data-testid="take-sample">
          {t('receiving.takeSample')}
        </button>
        {sample && <span data-testid="sample-unit">{t('receiving.sampleUnit', { grams: sample.unitWeightG.toFixed(3), pieces: sample.pieces })}</span>}
      </div>
      <dl className="facts">
        <dt>{t('receiving.tareLabel')}</dt>
        <dd>{tare ? `${tare.grams} g` : '0 g'}</dd>
        <dt>{t('receiving.net')}</dt>
        <dd data-testid="net-weight">
          {netG === null ? '—' : `${netG.toFixed(1)} g`}
          {byHand && ` (${t('receiving.byHand')})`}
        </dd>
        <dt>{t('receiving.proposal')}</dt>
        <dd data-testid="proposal">{proposed ? t(`receiving.confidence.${proposed.confidence}`, { count: proposed.count }) : '—'}</dd>
      </dl>
      <label>
        {t('receiving.count')}
        <input value={quantity} onChange={(e) => setQuantity(e.target.value)} inputMode="numeric" placeholder={count === null ? '' : String(count)} name="quantity" data-testid="quantity" />
      </label>
      {needed && (
        <div className="grid-2" data-testid="variance">
          <label>
            {t(`receiving.variance.${needed}`)}
            <select value={reason} onChange={(e) => setReason(e.target.value)} name="reason" data-testid="reason">
              <option value="">{t('receiving.chooseReason')}</option>
              {varianceReasons.map((r) => (
                <option key={r} value={r}>
                  {t(`receiving.reasons.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('receiving.note')}
            <input value={note} onChange={(e) => setNote(e.target.value)} name="note" />
          </label>
        </div>
      )}
      {error && (
        <p className="form-error" role="alert" data-testid="weigh-error">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || (!!needed && !reason)} data-testid="receive">
          {t('receiving.receive')} <kbd>Enter</kbd>
        </button>
        <button type="button" onClick={onDone}>
          {t('users.cancel')}
        </button>
        {demo && (
          <label className="inline muted small">
            {t('receiving.simulate')}
            <input value={simulated} onChange={(e) => setSimulated(e.target.value)} size={7} name="simulate" data-testid="simulate-grams" />
            <button type="button" onClick={() => void call('scale.simulate', { grams: Number(simulated) }).catch(feedback.error)} data-testid="simulate">
              {t('receiving.putOnScale')}
            </button>
          </label>
        )}
      </div>
    </form>
  );
}
