import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../core/numbers/limits';
import { checkedNumber } from '../../../core/numbers/parseNumber';
import { call } from '../client/client';
import { useFeedback } from '../feedback/Feedback';
import { NumberField } from '../numbers/NumberField';

/** A supervisor gives pieces of a lot to this order line, with a reason (0 pieces gives them back to the due-date rule). */
export function AllocationForm({ orderId, lineNo, onDone }: { orderId: string; lineNo: number; onDone(): void }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [lot, setLot] = useState('');
  const [quantity, setQuantity] = useState('');
  const [reason, setReason] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      // The form submits only when the count reads right: an empty or mistyped one never reads as 0, which gives the pieces back.
      await call('packing.allocate', { orderId, lineNo, lotCode: lot, quantity: checkedNumber(quantity, limits.countedPieces), reason });
      feedback.info(t('packing.allocated'));
      setLot('');
      setQuantity('');
      setReason('');
      onDone();
    } catch (e) {
      feedback.error(e);
    }
  };
  return (
    <details>
      <summary>{t('packing.allocate')}</summary>
      <form onSubmit={submit} className="actions" data-testid="allocate">
        <label className="inline">
          {t('packing.allocateLot')} <input value={lot} onChange={(e) => setLot(e.target.value)} size={16} name="lot" data-scan-field />
        </label>
        <NumberField className="inline" label={t('packing.allocateQuantity')} rule={limits.countedPieces} value={quantity} onChange={setQuantity} size={4} name="quantity" />
        <label className="inline">
          {t('packing.allocateReason')} <input value={reason} onChange={(e) => setReason(e.target.value)} name="reason" />
        </label>
        <button type="submit">{t('packing.allocate')}</button>
      </form>
    </details>
  );
}
