import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../core/api/contract';
import { limits } from '../../../core/numbers/limits';
import { numberOrNull } from '../../../core/numbers/parseNumber';
import { call, CallError } from '../client/client';
import { NumberField } from '../numbers/NumberField';
import { useUser } from '../session/Session';

type BatchDetailView = Output<'plating.batch'>;

/**
 * Finishing a batch with the metal used (Enter in the field finishes). Where the core says it is
 * far from Faraday's expectation, or none, the batch finishes only with a supervisor's override:
 * the reason asked for here, and the supervisor's login.
 */
export function FinishBatch({ batch, act }: { batch: BatchDetailView; act(action: () => Promise<unknown>, done: string): Promise<boolean> }) {
  const { t } = useTranslation();
  const user = useUser();
  const supervisor = user.roles.includes('supervisor') || user.roles.includes('admin');
  const [metal, setMetal] = useState('');
  const [farOff, setFarOff] = useState(false);
  const [reason, setReason] = useState('');
  const metalG = numberOrNull(metal, limits.metalG);
  const finish = () => {
    if (metalG === null) return;
    const override = farOff && supervisor ? { reason } : null;
    void act(async () => {
      try {
        await call('plating.finishBatch', { batchId: batch.id, metalUsedG: metalG, override });
      } catch (e) {
        if (e instanceof CallError && e.body.code === 'plating.metalNeedsOverride') setFarOff(true);
        throw e;
      }
    }, t('plating.run.finished', { batch: batch.id }));
  };
  return (
    <form
      className="fieldset"
      onSubmit={(e) => {
        e.preventDefault();
        finish();
      }}
    >
      <fieldset>
        <legend>{t('plating.run.finish')}</legend>
        <NumberField label={t('plating.run.metalUsed', { metal: t(`plating.metal.${batch.recipe?.metal ?? 'gold'}`) })} rule={limits.metalG} value={metal} onChange={(text) => (setMetal(text), setFarOff(false))} testId="metal-used" />
        {farOff && (
          <p role="alert" className="result-bad" data-testid="metal-far-off">
            {t(supervisor ? 'plating.run.overrideAsk' : 'plating.run.overrideSupervisor', { expected: batch.expectedMetalG.toFixed(3) })}
          </p>
        )}
        {farOff && supervisor && (
          <label>
            {t('plating.run.overrideReason')}
            <input value={reason} onChange={(e) => setReason(e.target.value)} minLength={5} required data-testid="override-reason" />
          </label>
        )}
        <button type="submit" className="primary" disabled={metalG === null} data-testid="finish-batch">
          {farOff && supervisor ? t('plating.run.overrideButton') : t('plating.run.finishButton')}
        </button>
      </fieldset>
    </form>
  );
}
