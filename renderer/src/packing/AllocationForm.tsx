import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../core/numbers/limits';
import { checkedNumber } from '../../../core/numbers/parseNumber';
import { call } from '../client/client';
import { useFeedback } from '../feedback/Feedback';
import { useRefusal } from '../feedback/FieldProblem';
import { NumberField } from '../numbers/NumberField';
import { focusField } from './fieldKeys';

// A refused allocation is told beside the lot or the reason it concerns; any other is a message.
const fields = ['lotCode', 'reason'] as const;
const fieldOf = { 'packing.reasonRequired': 'reason', 'packing.wrongItem': 'lotCode', 'packing.notFinished': 'lotCode', 'packing.lotNotFound': 'lotCode', 'packing.unknownCode': 'lotCode' };

/**
 * A supervisor gives pieces of a lot to this order line, with a reason (0 pieces gives them back to
 * the due-date rule). It opens with the keyboard in its lot field; Esc closes it.
 */
export function AllocationForm({ orderId, lineNo, onDone }: { orderId: string; lineNo: number; onDone(): void }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const refusal = useRefusal(fields, fieldOf);
  const [lot, setLot] = useState('');
  const [quantity, setQuantity] = useState('');
  const [reason, setReason] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    refusal.clear();
    try {
      // The form submits only when the count reads right: an empty or mistyped one never reads as 0, which gives the pieces back.
      await call('packing.allocate', { orderId, lineNo, lotCode: lot, quantity: checkedNumber(quantity, limits.countedPieces), reason });
      feedback.info(t('packing.allocated'));
      setLot('');
      setQuantity('');
      setReason('');
      onDone();
    } catch (e) {
      if (!refusal.refuse(e)) feedback.error(e);
    }
  };
  const close = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    onDone();
  };
  // The scanner's Enter ends the lot's code, not the form: the count is asked next.
  const toCount = (event: KeyboardEvent) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    focusField(`allocate-${lineNo}-quantity`);
  };
  return (
    <form onSubmit={submit} onKeyDown={close} className="actions" data-testid="allocate">
      <label className="inline">
        {t('packing.allocateLot')} <input value={lot} onChange={(e) => setLot(e.target.value)} onKeyDown={toCount} size={16} name="lot" data-scan-field autoFocus {...refusal.marks('lotCode')} />
        {refusal.problem('lotCode')}
      </label>
      <NumberField className="inline" label={t('packing.allocateQuantity')} rule={limits.countedPieces} value={quantity} onChange={setQuantity} size={4} name="quantity" id={`allocate-${lineNo}-quantity`} />
      <label className="inline">
        {t('packing.allocateReason')} <input value={reason} onChange={(e) => setReason(e.target.value)} name="reason" {...refusal.marks('reason')} />
        {refusal.problem('reason')}
      </label>
      <button type="submit">{t('packing.allocate')}</button>
    </form>
  );
}
