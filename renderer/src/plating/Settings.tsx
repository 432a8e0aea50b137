import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../core/api/contract';
import { normSteps } from '../../../core/plating/contract';
import { limits } from '../../../core/numbers/limits';
import { checkedNumber, numberOrNull, type NumberRule } from '../../../core/numbers/parseNumber';
import { call } from '../client/client';
import { useFeedback } from '../feedback/Feedback';
import { useRefusal } from '../feedback/FieldProblem';
import { NumberField } from '../numbers/NumberField';
import { checkedPairs, pairsText } from './pairs';
import { PairsField } from './PairsField';

type SettingsView = Output<'plating.settings'>;
type Line = SettingsView['lines'][number];
type Recipe = SettingsView['recipes'][number];
type Station = SettingsView['stations'][number];

/** A settings figure as a NumberField over one key of a form's texts. */
function Figure<T extends Record<string, string>>({ label, rule, name, texts, onChange }: { label: string; rule: NumberRule; name: keyof T & string; texts: T; onChange(texts: NoInfer<T>): void }) {
  return <NumberField label={label} rule={rule} value={texts[name]} onChange={(text) => onChange({ ...texts, [name]: text })} />;
}
const list = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);

/** The plating office's settings as the planner edits them: lines, recipes, refinement stations, calendar, loss norms. */
export function Settings({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [settings, setSettings] = useState<SettingsView | null>(null);
  const load = useCallback(() => call('plating.settings', {}).then(setSettings, feedback.error), [feedback]);
  useEffect(() => void load(), [load]);
  // A form that can say a refusal beside its field takes it (refused); any other is a message.
  const save = async (action: () => Promise<unknown>, refused?: (e: unknown) => boolean) => {
    try {
      await action();
      feedback.info(t('plating.settings.saved'));
      await load();
    } catch (e) {
      if (!refused?.(e)) feedback.error(e);
    }
  };
  if (!settings) return <p>{t('plating.loading')}</p>;
  return (
    <section aria-labelledby="settings-title">
      <h2 id="settings-title">{t('plating.settings.title')}</h2>
      <h3>{t('plating.settings.lines')}</h3>
      {settings.lines.map((l) => (
        <LineForm key={l.id} line={l} canEdit={canEdit} onSave={(line) => void save(() => call('plating.saveLine', line))} />
      ))}
      <h3>{t('plating.settings.recipes')}</h3>
      {settings.recipes.map((r) => (
        <RecipeForm key={r.finish} recipe={r} canEdit={canEdit} onSave={(recipe) => void save(() => call('plating.saveRecipe', recipe))} />
      ))}
      <h3>{t('plating.settings.stations')}</h3>
      {settings.stations.map((s) => (
        <StationForm key={s.id} station={s} canEdit={canEdit} onSave={(station) => void save(() => call('plating.saveStation', station))} />
      ))}
      <h3>{t('plating.settings.calendar')}</h3>
      <CalendarForm calendar={settings.calendar} canEdit={canEdit} onSave={(calendar, refused) => void save(() => call('plating.saveCalendar', calendar), refused)} />
      <h3>{t('plating.settings.norms')}</h3>
      <div className="settings-row">
        {normSteps.map((step) => (
          <NormField key={step} step={step} value={settings.lossNorms[step]} canEdit={canEdit} onSave={(normPct) => void save(() => call('plating.saveNorm', { step, normPct }))} />
        ))}
      </div>
    </section>
  );
}

function LineForm({ line, canEdit, onSave }: { line: Line; canEdit: boolean; onSave(line: Line): void }) {
  const { t } = useTranslation();
  const [f, setF] = useState({ name: line.name, finishes: line.finishes.join(', '), capacityDm2: String(line.capacityDm2), maxPieces: String(line.maxPieces), handlingMinutes: String(line.handlingMinutes), changeovers: pairsText(line.changeoverMinutes), efficiency: pairsText(line.bathEfficiency) });
  return (
    <form className="settings-row" data-testid={`line-${line.id}`} onSubmit={(e) => { e.preventDefault(); onSave({ id: line.id, name: f.name, finishes: list(f.finishes), capacityDm2: checkedNumber(f.capacityDm2, limits.lineAreaDm2), maxPieces: checkedNumber(f.maxPieces, limits.lotPieces), handlingMinutes: checkedNumber(f.handlingMinutes, limits.handlingMinutes), changeoverMinutes: checkedPairs(f.changeovers, limits.changeoverMinutes), bathEfficiency: checkedPairs(f.efficiency, limits.bathEfficiency) }); }}>
      <strong>{line.id}</strong>
      <label>{t('plating.settings.name')}<input value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} /></label>
      <label>{t('plating.settings.finishes')}<input className="wide" value={f.finishes} onChange={(e) => setF({ ...f, finishes: e.target.value })} data-testid="line-finishes" /></label>
      <Figure label={t('plating.settings.capacityDm2')} rule={limits.lineAreaDm2} name="capacityDm2" texts={f} onChange={setF} />
      <Figure label={t('plating.settings.maxPieces')} rule={limits.lotPieces} name="maxPieces" texts={f} onChange={setF} />
      <Figure label={t('plating.settings.handling')} rule={limits.handlingMinutes} name="handlingMinutes" texts={f} onChange={setF} />
      <PairsField label={t('plating.settings.changeovers')} rule={limits.changeoverMinutes} value={f.changeovers} onChange={(changeovers) => setF({ ...f, changeovers })} />
      <PairsField label={t('plating.settings.bathEfficiency')} rule={limits.bathEfficiency} value={f.efficiency} onChange={(efficiency) => setF({ ...f, efficiency })} />
      {canEdit && <button type="submit" data-testid="save-line">{t('plating.settings.save')}</button>}
    </form>
  );
}

function RecipeForm({ recipe, canEdit, onSave }: { recipe: Recipe; canEdit: boolean; onSave(recipe: Recipe): void }) {
  const { t } = useTranslation();
  const [f, setF] = useState<Record<'thicknessUm' | 'currentDensity' | 'efficiency', string>>({ thicknessUm: String(recipe.thicknessUm), currentDensity: String(recipe.currentDensity), efficiency: String(recipe.efficiency) });
  const figures = [numberOrNull(f.thicknessUm, limits.recipeUm), numberOrNull(f.currentDensity, limits.currentDensity), numberOrNull(f.efficiency, limits.bathEfficiency)] as const;
  const [thicknessUm, currentDensity, efficiency] = figures;
  const minutes = thicknessUm !== null && currentDensity !== null && efficiency !== null ? ((recipe.metal === 'gold' ? 1.576 : 1.564) * thicknessUm) / (currentDensity * efficiency) : null;
  return (
    <form className="settings-row" onSubmit={(e) => { e.preventDefault(); onSave({ ...recipe, thicknessUm: checkedNumber(f.thicknessUm, limits.recipeUm), currentDensity: checkedNumber(f.currentDensity, limits.currentDensity), efficiency: checkedNumber(f.efficiency, limits.bathEfficiency) }); }}>
      <strong>{recipe.finish}</strong> {t(`plating.metal.${recipe.metal}`)} · {t(`plating.base.${recipe.base}`)}
      <Figure label={t('plating.settings.thickness')} rule={limits.recipeUm} name="thicknessUm" texts={f} onChange={setF} />
      <Figure label={t('plating.settings.currentDensity')} rule={limits.currentDensity} name="currentDensity" texts={f} onChange={setF} />
      <Figure label={t('plating.settings.efficiency')} rule={limits.bathEfficiency} name="efficiency" texts={f} onChange={setF} />
      <span className="small">{t('plating.settings.bathMinutes', { minutes: minutes === null ? '—' : minutes.toFixed(1) })}</span>
      {canEdit && <button type="submit">{t('plating.settings.save')}</button>}
    </form>
  );
}

function StationForm({ station, canEdit, onSave }: { station: Station; canEdit: boolean; onSave(station: Station): void }) {
  const { t } = useTranslation();
  const [f, setF] = useState({ capacityPieces: String(station.capacityPieces), minutesPerLoad: String(station.minutesPerLoad) });
  return (
    <form className="settings-row" onSubmit={(e) => { e.preventDefault(); onSave({ ...station, capacityPieces: checkedNumber(f.capacityPieces, limits.lotPieces), minutesPerLoad: checkedNumber(f.minutesPerLoad, limits.minutesPerLoad) }); }}>
      <strong>{station.name}</strong> {t(`plating.refinement.steps.${station.step}`)}
      <Figure label={t('plating.settings.loadPieces')} rule={limits.lotPieces} name="capacityPieces" texts={f} onChange={setF} />
      <Figure label={t('plating.settings.loadMinutes')} rule={limits.minutesPerLoad} name="minutesPerLoad" texts={f} onChange={setF} />
      {canEdit && <button type="submit">{t('plating.settings.save')}</button>}
    </form>
  );
}

const shiftsText = (shifts: SettingsView['calendar']['shifts']) => shifts.map((s) => `${s.weekdays.join(',')} ${s.start}-${s.end}`).join('\n');
const parseShifts = (text: string) =>
  text.split('\n').map((row) => row.trim()).filter(Boolean).map((row) => {
    const [days = '', hours = ''] = row.split(/\s+/);
    const [start = '', end = ''] = hours.split('-');
    return { weekdays: days.split(',').map(Number), start, end };
  });

// A refused calendar is told beside the shifts (a shift's weekday or hour) or the closed days.
const calendarFields = ['shifts', 'closed'] as const;
const calendarFieldOf = { weekdays: 'shifts', start: 'shifts', end: 'shifts' };

function CalendarForm({ calendar, canEdit, onSave }: { calendar: SettingsView['calendar']; canEdit: boolean; onSave(calendar: SettingsView['calendar'], refused: (e: unknown) => boolean): void }) {
  const { t } = useTranslation();
  const [shifts, setShifts] = useState(shiftsText(calendar.shifts));
  const [closed, setClosed] = useState(calendar.closed.join(', '));
  const refusal = useRefusal(calendarFields, calendarFieldOf);
  return (
    <form className="settings-row" onSubmit={(e) => { e.preventDefault(); refusal.clear(); onSave({ timeZone: calendar.timeZone, shifts: parseShifts(shifts), closed: list(closed) }, refusal.refuse); }}>
      <span>{calendar.timeZone}</span>
      <label>{t('plating.settings.shifts')}<textarea rows={3} value={shifts} onChange={(e) => setShifts(e.target.value)} data-testid="calendar-shifts" {...refusal.marks('shifts')} />{refusal.problem('shifts')}</label>
      <label>{t('plating.settings.closed')}<input className="wide" value={closed} onChange={(e) => setClosed(e.target.value)} {...refusal.marks('closed')} />{refusal.problem('closed')}</label>
      {canEdit && <button type="submit" data-testid="save-calendar">{t('plating.settings.save')}</button>}
    </form>
  );
}

function NormField({ step, value, canEdit, onSave }: { step: (typeof normSteps)[number]; value: number; canEdit: boolean; onSave(v: number): void }) {
  const { t } = useTranslation();
  const [v, setV] = useState(String(value));
  return (
    <form onSubmit={(e) => { e.preventDefault(); onSave(checkedNumber(v, limits.lossNormPct)); }}>
      <NumberField label={t(`plating.ledger.steps.${step}`)} rule={limits.lossNormPct} value={v} onChange={setV} />
      {canEdit && <button type="submit">{t('plating.settings.save')}</button>}
    </form>
  );
}
