import { useTranslation } from 'react-i18next';
import type { Output } from '../../../core/api/contract';
import { batchLabel, lockIconPx } from './batchLabel';
import { clock, dayAndClock } from './time';

type Batch = Output<'plating.board'>['batches'][number];

/** A padlock drawn inline: an emoji or a font's glyph shows as an empty box where the system lacks it. */
export function LockIcon() {
  return (
    <svg className="lock-icon" width={lockIconPx - 2} height={lockIconPx - 2} viewBox="0 0 10 10" aria-hidden="true" data-testid="lock-icon">
      <path d="M3 4.5V3a2 2 0 0 1 4 0v1.5" fill="none" stroke="currentColor" strokeWidth="1.3" />
      <rect x="1.5" y="4.5" width="7" height="5" rx="1" fill="currentColor" />
    </svg>
  );
}

interface Props {
  batch: Batch;
  /** The finish in the person's words. */
  finish: string;
  left: number;
  width: number;
  classes: string[];
  draggable: boolean;
  onDragStart(e: React.DragEvent<HTMLButtonElement>): void;
  onSelect(): void;
  onKeyDown(e: React.KeyboardEvent): void;
}

/** A batch on its line: a button the planner tabs to, moves by key or drags; its label in whole words. */
export function BatchBar({ batch: b, finish, left, width, classes, draggable, onDragStart, onSelect, onKeyDown }: Props) {
  const { t, i18n } = useTranslation();
  const label = batchLabel(b.items, [finish, b.finish], (count) => t('plating.board.pieces', { count }), width, b.locked);
  const state = t(`plating.state.${b.state}`);
  return (
    <button
      type="button"
      className={['batch', ...classes].join(' ')}
      style={{ left, width }}
      draggable={draggable}
      onDragStart={onDragStart}
      onFocus={onSelect}
      onClick={onSelect}
      onKeyDown={onKeyDown}
      title={`${b.id} · ${finish} · ${clock(b.startAt, i18n.language)}–${clock(b.endAt, i18n.language)} · ${b.items.map((i) => `${i.lotId} ${i.designName}×${i.pieces}`).join(', ')}`}
      aria-label={t('plating.board.batchLabel', { batch: b.id, finish, start: dayAndClock(b.startAt, i18n.language), state: b.locked ? `${state}, ${t('plating.board.locked')}` : state })}
      data-testid="batch"
      data-batch={b.id}
    >
      {label.design && (
        <span className="batch-line" data-testid="batch-design">
          {label.design}
        </span>
      )}
      {label.finish && <span className="batch-line">{label.finish}</span>}
      <span className="batch-line">
        {b.locked && <LockIcon />}
        {label.pieces}
      </span>
    </button>
  );
}
