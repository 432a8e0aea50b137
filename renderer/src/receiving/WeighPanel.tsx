import { type FormEvent, type KeyboardEvent, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { limits, orNone } from '../../../core/numbers/limits';
import { numberOrNull } from '../../../core/numbers/parseNumber';
import { varianceReasons } from '../../../core/receiving/facts';
import { call, CallError } from '../client/client';
import { useErrorText, useFeedback } from '../feedback/Feedback';
import { playScanOk } from '../feedback/sounds';
import { useNames } from '../names/useNames';
import { NumberField } from '../numbers/NumberField';
import { useShortcut } from '../shell/shortcuts';
import { usePendingAction } from '../shell/singleFlight';
import { useStationDemo } from '../shell/useStationDemo';
import { proposal } from './proposal';
import { SimulatedScale } from './SimulatedScale';
import { useScaleReading } from './useScaleReading';
import { WeightChoice, type WeightSource } from './WeightChoice';

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

const handWeight = orNone(limits.weighedG);
const countRule = orNone(limits.lotPieces);
const sampleRule = orNone(limits.samplePieces);

interface Captured {
  grams: number;
  raw: string | null;
  device: string | null;
}

/**
 * One line at the scale: tare, weigh, the count the weight gives, the reason when it differs,
 * receive. The panel has the keyboard from the start, so Enter receives; Esc goes back to the lines.
 */
export function WeighPanel({ deliveryCode, target, onDone, onClose }: { deliveryCode: string; target: WeighTarget; onDone(): void; onClose(): void }) {
  const { t } = useTranslation();
  const names = useNames();
  const feedback = useFeedback();
  const errorText = useErrorText();
  const live = useScaleReading();
  const [tare, setTare] = useState<Captured | null>(null);
  const [gross, setGross] = useState<Captured | null>(null);
  const [handGrams, setHandGrams] = useState('');
  // The newer of a scale reading and a typed weight is used until the person chooses the other.
  const [chosen, setChosen] = useState<WeightSource>('scale');
  const [sample, setSample] = useState<{ pieces: number; unitWeightG: number } | null>(null);
  const [samplePieces, setSamplePieces] = useState('');
  const [quantity, setQuantity] = useState('');
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [noScale, setNoScale] = useState(false);
  const demo = useStationDemo();
  const form = useRef<HTMLFormElement>(null);
  const reasonField = useRef<HTMLSelectElement>(null);
  const receiveButton = useRef<HTMLButtonElement>(null);
  // Set when a weighing may have brought the reason row: the next render gives it the keyboard.
  const reasonNext = useRef(false);
  useLayoutEffect(() => {
    call('scale.watch', {}).catch((e) => setNoScale(e instanceof CallError && e.body.code === 'scale.notConfigured'));
    form.current?.focus();
  }, []);

  const typedG = numberOrNull(handGrams, handWeight);
  const used: WeightSource | null = gross && typedG !== null ? chosen : gross ? 'scale' : typedG !== null ? 'hand' : null;
  const byHand = used === 'hand';
  const grossG = used === 'scale' ? gross!.grams : byHand ? typedG : null;
  const netG = grossG === null ? null : grossG - (tare?.grams ?? 0);
  const unitWeightG = sample?.unitWeightG ?? target.unitWeightG;
  const proposed = proposal(netG, unitWeightG, target.tolerancePct);
  const count = quantity.trim() === '' ? (proposed && proposed.confidence !== 'handCount' ? proposed.count : null) : numberOrNull(quantity, countRule);
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
      const pieces = numberOrNull(samplePieces, sampleRule);
      if (pieces === null) return setError(t('receiving.samplePiecesNeeded'));
      setSample({ pieces, unitWeightG: (c.grams - (tare?.grams ?? 0)) / pieces });
      setGross(null);
      // Next comes the rest of the bag: Alt+W, then Enter receives.
      form.current?.focus();
    });
  useShortcut({ key: 't', alt: true }, () => void capture(setTare));
  const weigh = () =>
    void capture((c) => {
      setGross(c);
      setChosen('scale');
      reasonNext.current = true;
    });
  useShortcut({ key: 'w', alt: true }, weigh);
  useEffect(() => {
    if (!reasonNext.current) return;
    reasonNext.current = false;
    if (needed && !reason) reasonField.current?.focus();
  });
  // On a small screen (1366 × 768) the reason row or a message pushes Receive down: keep it in sight.
  useEffect(() => {
    receiveButton.current?.scrollIntoView({ block: 'nearest' });
  }, [needed, error]);
  const askReason = () => {
    setError(t('receiving.reasonNeeded'));
    reasonField.current?.focus();
  };

  // Enter receives from anywhere in the panel but its buttons (which do what they say) and the
  // sample's count (which weighs the sample); Esc leaves it.
  const keys = (event: KeyboardEvent<HTMLFormElement>) => {
    const on = event.target as HTMLElement;
    if (event.key === 'Escape') onClose();
    else if (event.key === 'Enter' && on.getAttribute('name') === 'samplePieces') takeSample();
    else if (event.key === 'Enter' && (on === event.currentTarget || on.tagName === 'SELECT')) event.currentTarget.requestSubmit();
    else return;
    event.preventDefault();
  };

  // One receipt per line: Enter pressed again while it is on its way is the same press.
  const [send, sending] = usePendingAction(async () => {
    setError(null);
    if (count === null || !Number.isInteger(count) || count < 1) return setError(t('receiving.countNeeded'));
    if (needed && !reason) return askReason();
    try {
      const result = await call('receiving.receive', {
        deliveryCode,
        lineNo: target.lineNo,
        artisanOrderId: target.artisanOrderId,
        designSku: target.designSku,
        finish: target.finish,
        quantity: count,
        weighing: grossG === null ? null : { method: used ?? 'hand', scaleId: byHand ? null : (gross?.device ?? null), grossG, tareG: tare?.grams ?? 0, raw: byHand ? null : (gross?.raw ?? null) },
        count: { method: quantity.trim() !== '' ? 'hand' : sample ? 'sample' : 'weight', unitWeightG: netG === null ? null : unitWeightG, sampleSize: sample?.pieces ?? null },
        variance: needed ? { kind: needed, reason: (reason || 'other') as (typeof varianceReasons)[number], note: note || null } : null,
      });
      playScanOk();
      feedback.info(t(result.state === 'quarantine' ? 'receiving.receivedQuarantine' : 'receiving.received', { lot: result.lotId, count }));
      onDone();
    } catch (e) {
      setError(errorText(e));
      feedback.error(e);
    }
  });
  const receive = (event: FormEvent) => {
    event.preventDefault();
    void send();
  };

  return (
    <>
      <form ref={form} className="card weigh" tabIndex={-1} onSubmit={receive} onKeyDown={keys} data-testid="weigh-panel">
        <h2>
          {target.lineNo === null ? t('receiving.unexpectedItem') : t('receiving.line', { line: target.lineNo })}: {target.designSku} · {target.designName} · {names.finish(target.finish)}
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
          <button type="button" onClick={weigh} data-testid="weigh">
            {t('receiving.weigh')} <kbd>Alt+W</kbd>
          </button>
          <NumberField
            className="inline"
            label={t('receiving.weighing.handWeight')}
            rule={handWeight}
            value={handGrams}
            onChange={(text) => {
              setHandGrams(text);
              setChosen('hand');
            }}
            size={8}
            name="handGrams"
          />
        </div>
        {gross && typedG !== null && <WeightChoice scaleG={gross.grams} typedG={typedG} used={chosen} onChoose={setChosen} />}
        <div className="actions">
          <NumberField className="inline" label={t('receiving.samplePieces')} rule={sampleRule} value={samplePieces} onChange={setSamplePieces} size={5} name="samplePieces" testId="sample-pieces" />
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
        <NumberField label={t('receiving.count')} rule={countRule} value={quantity} onChange={setQuantity} placeholder={count === null ? '' : String(count)} name="quantity" testId="quantity" />
        {needed && (
          <div className="grid-2" data-testid="variance">
            <label>
              {t(`receiving.variance.${needed}`)}
              <select ref={reasonField} value={reason} onChange={(e) => setReason(e.target.value)} name="reason" data-testid="reason">
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
          <button ref={receiveButton} type="submit" className="primary" disabled={sending} data-testid="receive">
            {t('receiving.receive')} <kbd>Enter</kbd>
          </button>
          <button type="button" onClick={onClose}>
            {t('users.cancel')} <kbd>Esc</kbd>
          </button>
        </div>
        <p className="muted small">{t('receiving.hint.weigh')}</p>
      </form>
      {demo && <SimulatedScale />}
    </>
  );
}
