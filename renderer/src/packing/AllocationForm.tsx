import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call, CallError } from '../client/client';
import { useFeedback } from '../feedback/Feedback';

/** A supervisor gives pieces of a lot to this order line, with a reason (0 pieces gives them back to the due-date rule). */
export function AllocationForm({ orderId, lineNo, onDone }: { orderId: string; lineNo: number; onDone(): void }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [lot, setLot] = useState('');
  const [quantity, setQuantity] = useState('');
  const [reason, setReason] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // An empty or mistyped count must not read as 0, which gives the pieces back.
    if (!/^\d+$/.test(quantity.trim())) return feedback.error(new CallError({ code: 'packing.badQuantity', message: '', params: {} }));
    try {
      await call('packing.allocate', { orderId, lineNo, lotCode: lot, quantity: Number(quantity), reason });
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
        <label className="inline">
          {t('packing.allocateQuantity')} <input value={quantity} onChange={(e) => setQuantity(e.target.value)} size={4} inputMode="numeric" name="quantity" />
        </label>
        <label className="inline">
          {t('packing.allocateReason')} <input value={reason} onChange={(e) => setReason(e.target.value)} name="reason" />
        </label>
        <button type="submit">{t('packing.allocate')}</button>
      </form>
    </details>
  );
}
