import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../core/api/contract';
import { call } from '../client/client';
import { useFeedback } from '../feedback/Feedback';

type BoxType = Output<'packing.boxTypes'>[number];

/** A supervisor's setting: what each box type's packaging weighs, and how far off a box may weigh. */
export function BoxTypesForm() {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [types, setTypes] = useState<BoxType[]>([]);
  useEffect(() => {
    call('packing.boxTypes', {}).then(setTypes).catch(feedback.error);
  }, [feedback]);
  const save = async (event: FormEvent<HTMLFormElement>, type: BoxType) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      await call('packing.setBoxType', { code: type.code, name: type.name, packagingG: Number(form.get('packagingG')), toleranceG: Number(form.get('toleranceG')) });
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
        <form key={`${type.code}-${type.packagingG}-${type.toleranceG}`} className="actions" onSubmit={(e) => void save(e, type)}>
          <strong>{type.name}</strong>
          <label className="inline">
            {t('packing.packagingG')} <input name="packagingG" defaultValue={type.packagingG} inputMode="decimal" size={6} />
          </label>
          <label className="inline">
            {t('packing.toleranceG')} <input name="toleranceG" defaultValue={type.toleranceG} inputMode="decimal" size={6} />
          </label>
          <button type="submit">{t('packing.save')}</button>
        </form>
      ))}
    </details>
  );
}
