import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../core/api/contract';
import { limits } from '../../../core/numbers/limits';
import { checkedNumber } from '../../../core/numbers/parseNumber';
import { call } from '../client/client';
import { useFeedback } from '../feedback/Feedback';
import { NumberField } from '../numbers/NumberField';

type BoxType = Output<'packing.boxTypes'>[number];

/** A supervisor's setting: what each box type's packaging weighs, and how far off a box may weigh. */
export function BoxTypesForm() {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [types, setTypes] = useState<BoxType[]>([]);
  useEffect(() => {
    call('packing.boxTypes', {}).then(setTypes).catch(feedback.error);
  }, [feedback]);
  const save = async (type: BoxType, grams: { packagingG: number; toleranceG: number }) => {
    try {
      await call('packing.setBoxType', { code: type.code, name: type.name, ...grams });
      feedback.info(t('packing.boxTypeSaved', { name: type.name }));
      setTypes(await call('packing.boxTypes', {}));
    } catch (e) {
      feedback.error(e);
    }
  };
  return (
    <details data-testid="box-types">
      <summary>{t('packing.boxTypes')}</summary>
      {types.map((type) => (
        <BoxTypeRow key={`${type.code}-${type.packagingG}-${type.toleranceG}`} type={type} onSave={(grams) => void save(type, grams)} />
      ))}
    </details>
  );
}

function BoxTypeRow({ type, onSave }: { type: BoxType; onSave(grams: { packagingG: number; toleranceG: number }): void }) {
  const { t } = useTranslation();
  const [packaging, setPackaging] = useState(String(type.packagingG));
  const [tolerance, setTolerance] = useState(String(type.toleranceG));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The form submits only when both weights read right (NumberField).
    onSave({ packagingG: checkedNumber(packaging, limits.boxPackagingG), toleranceG: checkedNumber(tolerance, limits.boxToleranceG) });
  };
  return (
    <form className="actions" onSubmit={submit}>
      <strong>{type.name}</strong>
      <NumberField className="inline" label={t('packing.packagingG')} rule={limits.boxPackagingG} value={packaging} onChange={setPackaging} name="packagingG" size={6} />
      <NumberField className="inline" label={t('packing.toleranceG')} rule={limits.boxToleranceG} value={tolerance} onChange={setTolerance} name="toleranceG" size={6} />
      <button type="submit">{t('packing.save')}</button>
    </form>
  );
}
