import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input, Output } from '../../../core/api/contract';
import { limits, orNone } from '../../../core/numbers/limits';
import { numberOrNull } from '../../../core/numbers/parseNumber';
import { call } from '../client/client';
import { useFeedback } from '../feedback/Feedback';
import { NumberField, numbersReady } from '../numbers/NumberField';
import { useCan } from '../session/useCan';

type Settings = Output<'qc.settings'>;
type Code = Input<'qc.saveDefectCode'>;
const levels = ['I', 'II', 'III', 'S-1', 'S-2', 'S-3', 'S-4'] as const;
/** An AQL from its list, or the default (''). */
const aqlOf = (value: string) => (value === '' ? null : Number(value));
const lengthRule = orNone(limits.pieceLengthMm);
const toleranceRule = orNone(limits.lengthToleranceMm);
const emptyCode: Code = { code: '', material: '*', class: 'minor', nameEn: '', nameSw: '', key: '', active: true };

/**
 * What a supervisor sets for QC: company defaults, each design's plan, and the defect catalogue.
 * Whoever else may read them (an inspector) sees them, with no Save the core would refuse them.
 */
export function QcSettings() {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const editor = useCan('qc.saveDefaults');
  const [settings, setSettings] = useState<Settings | null>(null);
  const [code, setCode] = useState<Code>(emptyCode);
  const reload = useCallback(() => void call('qc.settings', {}).then(setSettings).catch(feedback.error), [feedback]);
  useEffect(reload, [reload]);
  const save = async (work: Promise<unknown>) => {
    try {
      await work;
      feedback.info(t('qc.settings.saved'));
      reload();
    } catch (e) {
      feedback.error(e);
    }
  };
  if (!settings) return <p>{t('shell.loading')}</p>;
  const { defaults } = settings;
  const aqlSelect = (value: number | null, onChange: (v: number | null) => void, allowDefault: boolean, testId: string) => (
    <select value={value ?? ''} onChange={(e) => onChange(aqlOf(e.target.value))} data-testid={testId}>
      {allowDefault && <option value="">{t('qc.settings.default')}</option>}
      {settings.aqls.map((a) => (
        <option key={a} value={a}>
          {a}
        </option>
      ))}
    </select>
  );

  return (
    <section aria-labelledby="qc-settings-title">
      <h1 id="qc-settings-title">{t('qc.settings.title')}</h1>
      {!editor && (
        <p className="muted" data-testid="qc-settings-read-only">
          {t('qc.settings.readOnly')}
        </p>
      )}
      <fieldset className="bare" disabled={!editor}>
        <form
          className="card"
          onSubmit={(e) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            void save(call('qc.saveDefaults', { majorAql: Number(f.get('major')), minorAql: Number(f.get('minor')), level: f.get('level') as (typeof levels)[number], firstLots: numberOrNull(String(f.get('firstLots')), limits.firstLots) ?? defaults.firstLots }));
          }}
        >
          <h2>{t('qc.settings.defaults')}</h2>
          <DefaultsFields defaults={defaults} aqls={settings.aqls} />
          {editor && (
            <button type="submit" className="primary">
              {t('qc.settings.save')}
            </button>
          )}
        </form>
        <h2>{t('qc.settings.designs')}</h2>
        <table className="list" data-testid="qc-designs">
          <thead>
            <tr>
              <th>{t('lots.design')}</th>
              <th>{t('qc.settings.majorAql')}</th>
              <th>{t('qc.settings.minorAql')}</th>
              <th>{t('qc.settings.level')}</th>
              <th>{t('qc.settings.length')}</th>
              <th>{t('qc.settings.image')}</th>
              {editor && <th />}
            </tr>
          </thead>
          <tbody>
            {settings.designs.map((d) => (
              <DesignRow key={d.sku} design={d} aqlSelect={aqlSelect} onSave={editor ? (input) => void save(call('qc.saveDesign', input)) : null} />
            ))}
          </tbody>
        </table>
      </fieldset>
      <h2>{t('qc.settings.catalogue')}</h2>
      <table className="list" data-testid="qc-catalogue">
        <thead>
          <tr>
            <th>{t('qc.settings.key')}</th>
            <th>{t('qc.settings.code')}</th>
            <th>{t('qc.settings.material')}</th>
            <th>{t('qc.classHead')}</th>
            <th>{t('qc.settings.nameEn')}</th>
            <th>{t('qc.settings.nameSw')}</th>
            {editor && <th />}
          </tr>
        </thead>
        <tbody>
          {settings.codes.map((c) => (
            <tr key={c.code} className={c.active ? '' : 'muted'}>
              <td>
                <kbd>{c.key.toUpperCase()}</kbd>
              </td>
              <td className="mono">{c.code}</td>
              <td>{c.material === '*' ? t('qc.settings.anyMaterial') : c.material}</td>
              <td>{t(`qc.class.${c.class}`)}</td>
              <td>{c.nameEn}</td>
              <td>{c.nameSw}</td>
              {editor && (
                <td>
                  <button type="button" onClick={() => setCode(c)}>
                    {t('qc.settings.edit')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {editor && (
        <form className="card" onSubmit={(e) => (e.preventDefault(), void save(call('qc.saveDefectCode', code).then(() => setCode(emptyCode))))} data-testid="qc-code-form">
          <h2>{t('qc.settings.codeForm')}</h2>
          <label className="inline">
            {t('qc.settings.code')} <input value={code.code} onChange={(e) => setCode({ ...code, code: e.target.value })} data-testid="code-code" />
          </label>
          <label className="inline">
            {t('qc.settings.key')} <input value={code.key} maxLength={1} size={2} onChange={(e) => setCode({ ...code, key: e.target.value.toLowerCase() })} data-testid="code-key" />
          </label>
          <label className="inline">
            {t('qc.settings.material')} <input value={code.material} onChange={(e) => setCode({ ...code, material: e.target.value })} data-testid="code-material" />
          </label>
          <label className="inline">
            {t('qc.classHead')}
            <select value={code.class} onChange={(e) => setCode({ ...code, class: e.target.value as Code['class'] })}>
              {(['critical', 'major', 'minor'] as const).map((c) => (
                <option key={c} value={c}>
                  {t(`qc.class.${c}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="inline">
            {t('qc.settings.nameEn')} <input value={code.nameEn} onChange={(e) => setCode({ ...code, nameEn: e.target.value })} data-testid="code-en" />
          </label>
          <label className="inline">
            {t('qc.settings.nameSw')} <input value={code.nameSw} onChange={(e) => setCode({ ...code, nameSw: e.target.value })} data-testid="code-sw" />
          </label>
          <label className="inline">
            <input type="checkbox" checked={code.active} onChange={(e) => setCode({ ...code, active: e.target.checked })} /> {t('qc.settings.active')}
          </label>
          <button type="submit" className="primary" data-testid="code-save">
            {t('qc.settings.save')}
          </button>
        </form>
      )}
    </section>
  );
}

function DefaultsFields({ defaults, aqls }: { defaults: Settings['defaults']; aqls: number[] }) {
  const { t } = useTranslation();
  const [firstLots, setFirstLots] = useState(String(defaults.firstLots));
  const aql = (name: string, value: number) => (
    <select name={name} defaultValue={value}>
      {aqls.map((a) => (
        <option key={a} value={a}>
          {a}
        </option>
      ))}
    </select>
  );
  return (
    <>
      <label className="inline">
        {t('qc.settings.majorAql')} {aql('major', defaults.majorAql)}
      </label>
      <label className="inline">
        {t('qc.settings.minorAql')} {aql('minor', defaults.minorAql)}
      </label>
      <label className="inline">
        {t('qc.settings.level')}
        <select name="level" defaultValue={defaults.level}>
          {levels.map((l) => (
            <option key={l}>{l}</option>
          ))}
        </select>
      </label>
      <NumberField className="inline" label={t('qc.settings.firstLots')} rule={limits.firstLots} value={firstLots} onChange={setFirstLots} name="firstLots" size={3} />
    </>
  );
}

type DesignSettings = Settings['designs'][number];
type AqlSelect = (value: number | null, onChange: (v: number | null) => void, allowDefault: boolean, testId: string) => React.ReactNode;

/** One design's plan; without onSave (a reader, not a supervisor) there is nothing to save. */
function DesignRow({ design, aqlSelect, onSave }: { design: DesignSettings; aqlSelect: AqlSelect; onSave: ((input: Input<'qc.saveDesign'>) => void) | null }) {
  const { t } = useTranslation();
  const [d, setD] = useState(design);
  const [length, setLength] = useState(design.lengthMm === null ? '' : String(design.lengthMm));
  const [tolerance, setTolerance] = useState(design.lengthToleranceMm === null ? '' : String(design.lengthToleranceMm));
  return (
    <tr data-testid={`qc-design-${design.sku}`}>
      <td>
        {design.sku} · {design.name}
      </td>
      <td>{aqlSelect(d.majorAql, (v) => setD({ ...d, majorAql: v }), true, `major-${design.sku}`)}</td>
      <td>{aqlSelect(d.minorAql, (v) => setD({ ...d, minorAql: v }), true, `minor-${design.sku}`)}</td>
      <td>
        <select value={d.level ?? ''} onChange={(e) => setD({ ...d, level: (e.target.value || null) as DesignSettings['level'] })}>
          <option value="">{t('qc.settings.default')}</option>
          {levels.map((l) => (
            <option key={l}>{l}</option>
          ))}
        </select>
      </td>
      <td>
        <NumberField ariaLabel={t('qc.settings.length')} rule={lengthRule} value={length} onChange={setLength} size={5} /> ±{' '}
        <NumberField ariaLabel={t('qc.settings.tolerance')} rule={toleranceRule} value={tolerance} onChange={setTolerance} size={3} />
      </td>
      <td>
        <input value={d.imageUrl ?? ''} onChange={(e) => setD({ ...d, imageUrl: e.target.value || null })} size={14} aria-label={t('qc.settings.image')} />
      </td>
      {onSave && (
        <td>
          <button
            type="button"
            onClick={(e) =>
              numbersReady(e.currentTarget.closest('tr')) &&
              onSave({ designSku: d.sku, majorAql: d.majorAql, minorAql: d.minorAql, level: d.level, lengthMm: numberOrNull(length, lengthRule), lengthToleranceMm: numberOrNull(tolerance, toleranceRule), imageUrl: d.imageUrl })
            }
            data-testid={`save-${design.sku}`}
          >
            {t('qc.settings.save')}
          </button>
        </td>
      )}
    </tr>
  );
}
