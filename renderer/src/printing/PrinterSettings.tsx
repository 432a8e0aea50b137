import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input, Output } from '../../../core/api/contract';
import { limits, orNone } from '../../../core/numbers/limits';
import { numberOrNull } from '../../../core/numbers/parseNumber';
import { call, CallError } from '../client/client';
import { useErrorText, useFeedback } from '../feedback/Feedback';
import { NumberField } from '../numbers/NumberField';
import './printing.css';

type Setup = Input<'printers.save'>;
type Device = Output<'devices.list'>[number];
const jobs = ['label', 'receipt', 'shipping'] as const;
type Job = (typeof jobs)[number];

/** What a new set-up for each job starts from: a 50 x 25 mm label, an 80 mm receipt, a 4 x 6 inch shipping label. */
const defaults: Record<Job, Omit<Setup, 'deviceId'>> = {
  label: { job: 'label', language: 'zpl', dpi: 203, widthMm: 50, heightMm: 25, offsetXMm: 0, offsetYMm: 0, darkness: 15 },
  receipt: { job: 'receipt', language: 'escpos', dpi: 203, widthMm: 80, heightMm: null, offsetXMm: 0, offsetYMm: 0, darkness: null },
  shipping: { job: 'shipping', language: 'zpl', dpi: 203, widthMm: 101.6, heightMm: 152.4, offsetXMm: 0, offsetYMm: 0, darkness: 15 },
};

/** The set-up's figures and what each accepts: a receipt printer has no darkness or fixed height. */
const figures = {
  darkness: orNone(limits.printerDarkness),
  widthMm: orNone(limits.labelWidthMm),
  heightMm: orNone(limits.labelHeightMm),
  offsetXMm: limits.labelOffsetMm,
  offsetYMm: limits.labelOffsetMm,
} as const;
type Figure = keyof typeof figures;
const figureNames = Object.keys(figures) as Figure[];

/** Under Devices: which printer does which job here, its language, dpi, media, offsets and darkness, and a test print. */
export function PrinterSettings({ devices, canEdit }: { devices: Device[]; canEdit: boolean }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const errorText = useErrorText();
  const printers = devices.filter((d) => d.kind === 'label_printer' || d.kind === 'receipt_printer');
  const [saved, setSaved] = useState<Output<'printers.list'>>([]);
  const load = useCallback(() => void call('printers.list', {}).then(setSaved).catch(feedback.error), [feedback]);
  useEffect(load, [load]);
  if (printers.length === 0) return <p>{t('printing.settings.noPrinters')}</p>;
  return (
    <section aria-labelledby="printers-title" data-testid="printer-settings">
      <h2 id="printers-title">{t('printing.settings.title')}</h2>
      {jobs.map((job) => (
        <JobPrinter key={`${job}-${saved.find((s) => s.job === job)?.deviceId ?? ''}`} job={job} printers={printers} saved={saved.find((s) => s.job === job) ?? null} canEdit={canEdit} onSaved={load} errorText={(e) => errorText(e)} notify={feedback.info} />
      ))}
    </section>
  );
}

function JobPrinter(props: { job: Job; printers: Device[]; saved: Setup | null; canEdit: boolean; onSaved: () => void; errorText: (e: unknown) => string; notify: (text: string) => void }) {
  const { t } = useTranslation();
  const { job, printers, saved, canEdit } = props;
  const [draft, setDraft] = useState<Setup>(() => {
    if (!saved) return { ...defaults[job], deviceId: '' };
    const { job: _job, deviceId, language, dpi, widthMm, heightMm, offsetXMm, offsetYMm, darkness } = saved;
    return { job, deviceId, language, dpi, widthMm, heightMm, offsetXMm, offsetYMm, darkness };
  });
  const [texts, setTexts] = useState(() => Object.fromEntries(figureNames.map((name) => [name, String(draft[name] ?? '')])) as Record<Figure, string>);
  const [message, setMessage] = useState<{ text: string; bad: boolean } | null>(null);
  const set = (patch: Partial<Setup>) => setDraft((d) => ({ ...d, ...patch }));
  const id = (field: string) => `printer-${job}-${field}`;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    try {
      // The form submits only when every figure reads right (NumberField), so none is null by mistake here.
      const read = (name: Figure) => numberOrNull(texts[name], figures[name]);
      await call('printers.save', { ...draft, darkness: read('darkness'), widthMm: read('widthMm'), heightMm: read('heightMm'), offsetXMm: read('offsetXMm') ?? 0, offsetYMm: read('offsetYMm') ?? 0 });
      props.notify(t('printing.settings.saved'));
      props.onSaved();
    } catch (e) {
      setMessage({ text: props.errorText(e), bad: true });
    }
  };
  const test = async () => {
    setMessage(null);
    try {
      const result = await call('printers.testPrint', { job });
      const outcome = t(`printing.settings.outcomes.${result.outcome}`);
      setMessage({ text: result.error ? `${outcome}: ${props.errorText(new CallError(result.error))}` : outcome, bad: result.outcome !== 'confirmed' && result.outcome !== 'sent' });
    } catch (e) {
      setMessage({ text: props.errorText(e), bad: true });
    }
  };
  const field = (name: Figure, label: string) => (
    <NumberField id={id(name)} label={t(label)} rule={figures[name]} value={texts[name]} disabled={!canEdit} onChange={(text) => setTexts((all) => ({ ...all, [name]: text }))} />
  );
  return (
    <form className="card" onSubmit={save} data-testid={`printer-${job}`}>
      <strong>{t(`printing.jobs.${job}`)}</strong>
      <div className="printer-setup">
        <label htmlFor={id('device')}>
          {t('printing.settings.device')}
          <select id={id('device')} value={draft.deviceId} disabled={!canEdit} onChange={(e) => set({ deviceId: e.target.value })}>
            <option value="">{t('printing.settings.none')}</option>
            {printers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={id('language')}>
          {t('printing.settings.language')}
          <select id={id('language')} value={draft.language} disabled={!canEdit} onChange={(e) => set({ language: e.target.value as Setup['language'] })}>
            <option value="zpl">ZPL</option>
            <option value="escpos">ESC/POS</option>
          </select>
        </label>
        <label htmlFor={id('dpi')}>
          {t('printing.settings.dpi')}
          <select id={id('dpi')} value={draft.dpi} disabled={!canEdit} onChange={(e) => set({ dpi: Number(e.target.value) as Setup['dpi'] })}>
            <option value={203}>203</option>
            <option value={300}>300</option>
          </select>
        </label>
        {field('darkness', 'printing.settings.darkness')}
        {field('widthMm', 'printing.settings.width')}
        {field('heightMm', 'printing.settings.height')}
        {field('offsetXMm', 'printing.settings.offsetX')}
        {field('offsetYMm', 'printing.settings.offsetY')}
      </div>
      {message && (
        <p role={message.bad ? 'alert' : 'status'} className={message.bad ? 'form-error' : ''} data-testid={`printer-${job}-message`}>
          {message.text}
        </p>
      )}
      <div className="actions">
        {canEdit && <button type="submit">{t('printing.settings.save')}</button>}
        {saved && (
          <button type="button" onClick={() => void test()}>
            {t('printing.settings.test')}
          </button>
        )}
      </div>
    </form>
  );
}
