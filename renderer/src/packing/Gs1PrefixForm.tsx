import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../client/client';
import { useFeedback } from '../feedback/Feedback';
import { useRefusal } from '../feedback/FieldProblem';

// A prefix that is not one is told under it; other refusals are messages.
const fields = ['prefix'] as const;
const fieldOf = { 'packing.badGs1Prefix': 'prefix' };

/** An admin's setting: the company's GS1 company prefix, which every box's SSCC starts with. Digits, kept as typed (leading zeros count). */
export function Gs1PrefixForm() {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [prefix, setPrefix] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const refusal = useRefusal(fields, fieldOf);
  useEffect(() => {
    call('packing.gs1Prefix', {})
      .then((r) => {
        setPrefix(r.prefix);
        setTyped(r.prefix ?? '');
      })
      .catch(feedback.error);
  }, [feedback]);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    refusal.clear();
    try {
      await call('packing.setGs1Prefix', { prefix: typed });
      setPrefix(typed.trim());
      feedback.info(t('packing.gs1Saved'));
    } catch (e) {
      if (!refusal.refuse(e)) feedback.error(e);
    }
  };
  return (
    <form className="actions" onSubmit={(e) => void save(e)} data-testid="gs1-prefix">
      <label className="inline">
        {t('packing.gs1Prefix')} <input value={typed} onChange={(e) => setTyped(e.target.value)} inputMode="numeric" size={12} name="gs1Prefix" {...refusal.marks('prefix')} />
        {refusal.problem('prefix')}
      </label>
      <button type="submit">{t('packing.save')}</button>
      {prefix === null && <span className="muted">{t('packing.gs1Missing')}</span>}
    </form>
  );
}
