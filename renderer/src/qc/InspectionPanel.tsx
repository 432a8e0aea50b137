import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../core/numbers/limits';
import { checkedNumber, type NumberRule } from '../../../core/numbers/parseNumber';
import { call } from '../client/client';
import { useFeedback } from '../feedback/Feedback';
import { playScanOk } from '../feedback/sounds';
import { useNames } from '../names/useNames';
import { NumberField } from '../numbers/NumberField';
import { go } from '../router';
import { useScanHandler } from '../scanner/ScannerProvider';
import { useKeyDown, useShortcut } from '../shell/shortcuts';
import { useSaveQueue } from '../shell/useSaveQueue';
import { benchKey } from './benchKeys';
import { Camera, PhotoThumb } from './Camera';
import { DecisionPanel } from './DecisionPanel';
import { PlanTable } from './PlanTable';
import type { DecideResult, View } from './QcScreen';
import { SortPanel } from './SortPanel';

interface Props {
  view: View;
  onView(view: View): void;
  /** A scan that is not one of this lot's defect cards (a lot label). */
  onOtherScan(code: string): Promise<void>;
  onDecided(result: DecideResult | null): void;
}

const measureRules: Record<'weight' | 'length', NumberRule> = { weight: limits.pieceG, length: limits.pieceLengthMm };

const typing = (target: EventTarget | null) => target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** One lot's inspection: the design, the plan, the pieces 1..n and the defects logged on each. */
export function InspectionPanel({ view, onView, onOtherScan, onDecided }: Props) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const feedback = useFeedback();
  const { lot, plan, design } = view;
  const lastPiece = view.entries.reduce((m, e) => Math.max(m, e.piece), 1);
  const [piece, setPiece] = useState(Math.min(lastPiece, plan.sampleSize));
  const [weight, setWeight] = useState('');
  const [length, setLength] = useState('');
  const [camera, setCamera] = useState(false);
  const pieces = useRef<HTMLDivElement>(null);
  // Every entry is its own request, sent in the order pressed or scanned, never dropped.
  const entries = useSaveQueue(view, onView, feedback.error);
  const run = entries.enqueue;
  const logDefect = (code: string) => run(() => call('qc.logDefect', { lotId: lot.id, piece, code }));
  // No field keeps the keyboard: after its Enter or Esc the next key pressed is the bench's (a
  // defect, an arrow), not a letter in the field.
  const backToPiece = () => pieces.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.focus();
  // The form submits only a figure its NumberField reads right.
  const measure = (kind: 'weight' | 'length', text: string, clear: () => void) => {
    const value = checkedNumber(text, measureRules[kind]);
    backToPiece();
    run(async () => {
      const next = await call('qc.measure', { lotId: lot.id, piece, measure: kind, value });
      clear();
      return next;
    });
  };
  const photo = (jpeg: string) => {
    setCamera(false);
    run(() => call('qc.takePhoto', { lotId: lot.id, piece, jpeg }));
  };
  useShortcut({ key: 'F8' }, () => !camera && !view.awaitingSort && setCamera(true));

  // A scanned defect card is logged on the piece current when it was scanned.
  useScanHandler((scanned) => {
    const code = scanned.trim().toLowerCase();
    if (!view.catalogue.some((c) => c.code === code)) return onOtherScan(scanned);
    playScanOk();
    return logDefect(code);
  });

  useKeyDown((e) => {
    const key = benchKey(e, typing(e.target), { piece, sampleSize: plan.sampleSize, sorting: view.awaitingSort !== null, catalogue: view.catalogue });
    if (!key) return;
    e.preventDefault();
    if (key.does === 'leaveField') {
      setWeight('');
      setLength('');
      backToPiece();
    } else if (key.does === 'leaveLot') go({ screen: 'qc', arg: null });
    else if (key.does === 'move') setPiece(key.to);
    else if (key.does === 'good') {
      run(() => call('qc.markGood', { lotId: lot.id, piece }));
      setPiece(key.then);
    } else if (key.does === 'takeBack') {
      run(async (current) => {
        const entry = current.entries.filter((x) => x.piece === piece).at(-1);
        return entry ? call('qc.removeEntry', { lotId: lot.id, entryId: entry.id }) : current;
      });
    } else if (key.does === 'defect') logDefect(key.code);
  });

  const name = (code: string | null) => {
    const found = view.catalogue.find((c) => c.code === code);
    if (found) return i18n.language === 'sw' ? found.nameSw : found.nameEn;
    return code ? t(`qc.measureDefect.${code.replace('-out', '')}`) : '';
  };
  const perPiece = new Map<number, number>();
  for (const e of view.entries) if (e.class) perPiece.set(e.piece, (perPiece.get(e.piece) ?? 0) + 1);
  const toJudge = new Set(view.toJudge);
  const here = view.entries.filter((e) => e.piece === piece);

  return (
    <section aria-labelledby="qc-lot" className="qc">
      <header className="screen-header">
        <h1 id="qc-lot" className="mono" data-testid="qc-lot">
          {lot.id}
        </h1>
        <span>
          {lot.designSku} · {names.words(lot.designName, design.nameSw)} · {names.finish(lot.finish)}
        </span>
        <a href={`#/quality/${encodeURIComponent(lot.artisanId)}`} data-testid="qc-artisan">
          {lot.artisanName}
        </a>
        <span className={`badge qc-mode-${plan.mode}`} data-testid="qc-mode">
          {t(`qc.mode.${plan.mode}`)}
        </span>
      </header>
      <div className="qc-columns">
        <aside className="qc-design">
          {design.imageUrl ? (
            <img src={design.imageUrl} alt={names.words(lot.designName, design.nameSw)} className="qc-image" />
          ) : (
            <div className="qc-image qc-image-none" data-testid="qc-image-placeholder">
              {lot.designSku}
              <br />
              <span className="muted small">{t('qc.noImage')}</span>
            </div>
          )}
          <h2>{t('qc.checklist')}</h2>
          <ul data-testid="qc-checklist">
            {names.words(design.checklist, design.checklistSw).map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
          <p className="muted small">
            {t('qc.weightSpec', { grams: design.unitWeightG, pct: design.tolerancePct })}
            {design.lengthMm !== null && (
              <>
                <br />
                {t('qc.lengthSpec', { mm: design.lengthMm, tol: design.lengthToleranceMm })}
              </>
            )}
          </p>
        </aside>
        <div className="qc-main">
          <p className="qc-pull" data-testid="qc-pull">
            {plan.mode === 'all' ? t('qc.pullAll', { count: plan.sampleSize }) : t('qc.pull', { count: plan.sampleSize, lot: lot.inQc })}
          </p>
          <PlanTable view={view} />
          {view.awaitingSort ? (
            <SortPanel view={view} onDone={() => onDecided(null)} />
          ) : (
            <>
              <div ref={pieces} className="qc-pieces" role="listbox" aria-label={t('qc.pieces')} data-testid="qc-pieces">
                {Array.from({ length: plan.sampleSize }, (_, i) => i + 1).map((n) => (
                  <button
                    key={n}
                    type="button"
                    role="option"
                    aria-selected={n === piece}
                    className={`${n === piece ? 'active' : ''} ${perPiece.get(n) ? 'has-defect' : toJudge.has(n) ? '' : 'is-good'}`}
                    onClick={() => setPiece(n)}
                    tabIndex={-1}
                  >
                    {n}
                    {perPiece.get(n) ? <sup>{perPiece.get(n)}</sup> : toJudge.has(n) ? null : ' ✓'}
                    {view.photos.some((p) => p.piece === n) ? ' ▣' : null}
                  </button>
                ))}
              </div>
              <h2 data-testid="qc-piece">{t('qc.piece', { n: piece, count: plan.sampleSize })}</h2>
              <ul className="qc-entries" data-testid="qc-entries">
                {here.map((e) => (
                  <li key={e.id} className={e.class ? `qc-class-${e.class}` : ''}>
                    {e.measure ? `${t(`qc.measureName.${e.measure}`)} ${e.value} ${e.measure === 'weight' ? 'g' : 'mm'}` : ''} {e.class ? `${name(e.code)} (${t(`qc.class.${e.class}`)})` : e.measure ? `· ${t('qc.within')}` : t('qc.good')}
                    <button type="button" className="small" onClick={() => run(() => call('qc.removeEntry', { lotId: lot.id, entryId: e.id }))}>
                      {t('qc.remove')}
                    </button>
                  </li>
                ))}
                {here.length === 0 && <li className="muted">{t('qc.noDefects')}</li>}
              </ul>
              {(camera || view.photos.some((p) => p.piece === piece)) && (
                <div className="qc-photos" aria-label={t('qc.photos')}>
                  {view.photos
                    .filter((p) => p.piece === piece)
                    .map((p) => (
                      <PhotoThumb key={p.id} photoId={p.id} />
                    ))}
                  {camera && <Camera onCapture={photo} onClose={() => setCamera(false)} />}
                </div>
              )}
              <div className="qc-measure">
                <form onSubmit={(e) => (e.preventDefault(), measure('weight', weight, () => setWeight('')))}>
                  <NumberField label={t('qc.measureName.weight')} rule={measureRules.weight} value={weight} onChange={setWeight} testId="qc-weight" />
                </form>
                <button type="button" onClick={() => setCamera(true)} disabled={camera} data-testid="qc-photo-button">
                  {t('qc.photo')} <kbd>F8</kbd>
                </button>
                {design.lengthMm !== null && (
                  <form onSubmit={(e) => (e.preventDefault(), measure('length', length, () => setLength('')))}>
                    <NumberField label={t('qc.measureName.length')} rule={measureRules.length} value={length} onChange={setLength} testId="qc-length" />
                  </form>
                )}
              </div>
              <p className="muted small">{t('qc.keys')}</p>
            </>
          )}
        </div>
        {!view.awaitingSort && (
          <aside className="qc-side">
            <h2>{t('qc.defects')}</h2>
            <ul className="qc-codes" data-testid="qc-codes">
              {view.catalogue.map((c) => (
                <li key={c.code}>
                  <button type="button" onClick={() => logDefect(c.code)} data-testid={`defect-${c.code}`} tabIndex={-1}>
                    <kbd>{c.key.toUpperCase()}</kbd> {i18n.language === 'sw' ? c.nameSw : c.nameEn} <span className={`qc-class-${c.class}`}>{t(`qc.class.${c.class}`)}</span>
                  </button>
                </li>
              ))}
            </ul>
            <DecisionPanel view={view} onDecided={onDecided} saved={entries.settled} />
          </aside>
        )}
      </div>
    </section>
  );
}
