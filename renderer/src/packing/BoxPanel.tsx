import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../core/api/contract';
import { allows } from '../../../core/api/roles';
import { limits, orNone } from '../../../core/numbers/limits';
import { numberOrNull } from '../../../core/numbers/parseNumber';
import { packingSupervisors, shippingServices } from '../../../core/packing/contract';
import { call } from '../client/client';
import { useFeedback } from '../feedback/Feedback';
import { useRefusal } from '../feedback/FieldProblem';
import { playScanError, playScanOk } from '../feedback/sounds';
import { NumberField } from '../numbers/NumberField';
import { useScaleReading } from '../receiving/useScaleReading';
import { useUser } from '../session/Session';
import { useShortcut } from '../shell/shortcuts';
import { usePendingAction } from '../shell/singleFlight';
import { useStationDemo } from '../shell/useStationDemo';
import { focusField } from './fieldKeys';
import type { PackingOrder } from './OrderPanel';

type Box = PackingOrder['boxes'][number];
type WeightCheck = Output<'packing.checkWeight'>;

/** The box's fields that a key brings the keyboard to (Alt+G, Alt+T, Alt+U). */
const fieldIds = { grams: 'box-grams', tracking: 'box-tracking', unpackReason: 'box-unpack-reason' } as const;
// A refused ship or un-pack is told beside the field it concerns; any other is a message.
const fields = ['trackingNumber', 'overrideReason', 'reason'] as const;
const fieldOf = { 'packing.trackingRequired': 'trackingNumber', 'packing.badTracking': 'trackingNumber', 'packing.overrideReasonShort': 'overrideReason', 'packing.reasonRequired': 'reason' };

/** The open box: weigh it against what it should weigh, choose the service, print and ship; or un-pack it. */
export function BoxPanel({ view, box, onChange }: { view: PackingOrder; box: Box; onChange(): void }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const refusal = useRefusal(fields, fieldOf);
  const live = useScaleReading();
  const [weighed, setWeighed] = useState<{ grams: number; method: 'scale' | 'hand' } | null>(null);
  const [check, setCheck] = useState<WeightCheck | null>(null);
  const [handGrams, setHandGrams] = useState('');
  const [simulated, setSimulated] = useState('');
  const demo = useStationDemo();
  const services = [...new Set([view.order.service, ...shippingServices])];
  const [service, setService] = useState(view.carrierLabel?.service ?? view.order.service);
  const [tracking, setTracking] = useState('');
  const [reason, setReason] = useState('');
  // A supervisor's reason to ship a box whose weight is outside its tolerance.
  const [overrideReason, setOverrideReason] = useState('');
  const supervisor = allows(packingSupervisors, useUser().roles);
  useEffect(() => {
    call('scale.watch', {}).catch(() => undefined);
  }, []);
  // What is in the box changed: weigh again.
  useEffect(() => {
    setWeighed(null);
    setCheck(null);
  }, [box.pieces]);

  const compare = async (grams: number, method: 'scale' | 'hand') => {
    try {
      const result = await call('packing.checkWeight', { boxId: box.id, grams });
      setWeighed({ grams, method });
      setCheck(result);
      if (result.ok) playScanOk();
      else playScanError();
    } catch (e) {
      feedback.error(e);
    }
  };
  const weigh = async () => {
    try {
      const reading = await call('scale.capture', {});
      await compare(reading.grams, 'scale');
    } catch (e) {
      feedback.error(e);
    }
  };
  // One shipment per box: F10 pressed again while it is on its way is the same press.
  const [ship, shipping] = usePendingAction(async () => {
    refusal.clear();
    try {
      const override = check && !check.ok && overrideReason.trim() ? { reason: overrideReason } : null;
      const result = await call('packing.ship', { boxId: box.id, service, trackingNumber: tracking.trim() || null, weighing: weighed, override });
      playScanOk();
      feedback.info(t('packing.shipped', { tracking: result.trackingNumber, count: result.jobs.length }));
      if (result.orderStatus === 'shipped') feedback.info(t('packing.orderDone', { order: view.order.id }));
      onChange();
    } catch (e) {
      if (!refusal.refuse(e)) feedback.error(e);
    }
  });
  const unpack = async () => {
    refusal.clear();
    try {
      const result = await call('packing.unpack', { orderId: view.order.id, boxId: box.id, reason });
      feedback.info(t('packing.unpacked', { count: result.pieces }));
      setReason('');
      onChange();
    } catch (e) {
      if (!refusal.refuse(e)) feedback.error(e);
    }
  };
  const putOnScale = () => {
    const grams = numberOrNull(simulated, limits.weighedG);
    if (grams !== null) void call('scale.simulate', { grams }).catch(feedback.error);
  };
  const useHand = () => {
    const grams = numberOrNull(handGrams, limits.weighedG);
    if (grams !== null) void compare(grams, 'hand');
  };
  useShortcut({ key: 'w', alt: true }, () => void weigh());
  useShortcut({ key: 'g', alt: true }, () => focusField(fieldIds.grams));
  useShortcut({ key: 't', alt: true }, () => focusField(fieldIds.tracking));
  useShortcut({ key: 'u', alt: true }, () => focusField(fieldIds.unpackReason));
  useShortcut({ key: 'F10' }, () => void ship());

  return (
    <div className="card weigh" data-testid="box-panel">
      <h2>
        {t('packing.box', { no: box.no })} · {t('packing.pieces', { count: box.pieces })}
      </h2>
      <h3>{t('packing.weighTitle')}</h3>
      <div className="live" data-testid="live-weight">
        {live ? `${live.grams === null ? '—' : `${live.grams.toFixed(1)} g`} ${t(`receiving.status.${live.status}`, { defaultValue: live.status })}` : t('packing.noReading')}
      </div>
      <form className="actions" onSubmit={(e) => (e.preventDefault(), useHand())}>
        <button type="button" onClick={() => void weigh()} data-testid="weigh">
          {t('packing.weigh')} <kbd>Alt+W</kbd>
        </button>
        <NumberField className="inline" label={t('packing.handWeight')} rule={orNone(limits.weighedG)} value={handGrams} onChange={setHandGrams} size={7} name="handGrams" id={fieldIds.grams} />
        <button type="submit">{t('packing.useHand')}</button>
      </form>
      <p data-testid="expected-weight">{t('packing.expected', { expected: box.expectedG, tolerance: box.toleranceG })}</p>
      {check && weighed && (
        <p role="alert" className={check.ok ? 'result-ok' : 'result-bad'} data-testid="weight-check">
          {t('packing.weighed', { grams: weighed.grams })} ·{' '}
          {check.ok
            ? t('packing.weightOk', { difference: check.differenceG > 0 ? `+${check.differenceG}` : check.differenceG })
            : t('packing.weightOff', { difference: check.differenceG > 0 ? `+${check.differenceG}` : check.differenceG, tolerance: check.toleranceG })}
        </p>
      )}
      {check && !check.ok && supervisor && (
        <label>
          {t('packing.overrideReason')}
          {/* Weighed off by a supervisor: the reason is what comes next, or Alt+W again. */}
          <input value={overrideReason} onChange={(e) => setOverrideReason(e.target.value)} name="overrideReason" data-testid="override-reason" autoFocus {...refusal.marks('overrideReason')} />
          {refusal.problem('overrideReason')}
        </label>
      )}
      <h3>{t('packing.shipTitle')}</h3>
      {view.carrierLabel ? (
        <p data-testid="carrier-label">{t('packing.carrierLabel', { carrier: view.carrierLabel.carrier, tracking: view.carrierLabel.trackingNumber })}</p>
      ) : (
        <div className="grid-2">
          <label>
            {t('packing.service')}
            <select value={service} onChange={(e) => setService(e.target.value)} name="service" data-testid="service">
              {services.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('packing.tracking')}
            <input value={tracking} onChange={(e) => setTracking(e.target.value)} name="tracking" id={fieldIds.tracking} data-scan-field data-testid="tracking" {...refusal.marks('trackingNumber')} />
            {refusal.problem('trackingNumber')}
          </label>
        </div>
      )}
      <form className="actions" onSubmit={(e) => (e.preventDefault(), void unpack())}>
        <button type="button" className="primary" disabled={shipping} onClick={() => void ship()} data-testid="ship">
          {t('packing.ship')} <kbd>F10</kbd>
        </button>
        <label className="inline">
          {t('packing.unpackReason')} <input value={reason} onChange={(e) => setReason(e.target.value)} name="unpackReason" id={fieldIds.unpackReason} data-testid="unpack-reason" {...refusal.marks('reason')} />
          {refusal.problem('reason')}
        </label>
        <button type="submit" data-testid="unpack">
          {t('packing.unpack')}
        </button>
      </form>
      {demo && (
        <form className="inline muted small" onSubmit={(e) => (e.preventDefault(), putOnScale())}>
          <NumberField className="inline" label={t('packing.simulate')} rule={limits.weighedG} value={simulated} onChange={setSimulated} size={7} name="simulate" testId="simulate-grams" />
          <button type="submit" data-testid="simulate">
            {t('packing.putOnScale')}
          </button>
        </form>
      )}
    </div>
  );
}
