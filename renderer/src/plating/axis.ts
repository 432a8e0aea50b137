import { dayMs, nairobiMidnight } from './time';

// The board's time axis: days side by side, each from an hour before its first shift to an hour
// after its last (nights take no room), drawn at the zoom the planner chose.

export const zooms = ['hours', 'day', 'week'] as const;
export type Zoom = (typeof zooms)[number];

/** Minutes of the working day the visible width holds at each zoom (a day's is its window). */
const hoursShown = 180;

export interface Span {
  from: number;
  to: number;
  /** Minutes of the day shown: from `open` to `close`. */
  open: number;
  close: number;
  /** Pixels per minute. */
  px: number;
  dayWidth: number;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/**
 * The days from now's (or the first batch's) to the last batch's, a week at least so the week zoom
 * shows one, at most two; scaled so the zoom's span fills `viewWidth`.
 */
export function spanOf(times: number[], dayWindow: { from: string; to: string }, zoom: Zoom, viewWidth: number): Span {
  const from = nairobiMidnight(Math.min(...times));
  const to = Math.min(Math.max(nairobiMidnight(Math.max(...times)) + dayMs, from + 7 * dayMs), from + 14 * dayMs);
  const open = Math.max(0, minutes(dayWindow.from) - 60);
  const close = Math.min(1440, minutes(dayWindow.to) + 60);
  const shown = zoom === 'hours' ? hoursShown : zoom === 'day' ? close - open : 7 * (close - open);
  const px = viewWidth / shown;
  return { from, to, open, close, px, dayWidth: (close - open) * px };
}

/** Where a moment sits on the axis. */
export function toX(span: Span, ms: number): number {
  const day = Math.floor((ms - span.from) / dayMs);
  const minute = Math.min(span.close, Math.max(span.open, (ms - span.from - day * dayMs) / 60_000));
  return day * span.dayWidth + (minute - span.open) * span.px;
}

export function fromX(span: Span, x: number): number {
  const day = Math.floor(x / span.dayWidth);
  return span.from + day * dayMs + (span.open + (x - day * span.dayWidth) / span.px) * 60_000;
}

/** The axis' marks: each day's opening, then every half hour, two hours or none by zoom. */
export function ticks(span: Span, zoom: Zoom): { ms: number; day: boolean }[] {
  const every = zoom === 'hours' ? 30 : zoom === 'day' ? 120 : null;
  const marks: { ms: number; day: boolean }[] = [];
  for (let day = span.from; day < span.to; day += dayMs) {
    marks.push({ ms: day + span.open * 60_000, day: true });
    if (every) for (let m = Math.ceil(span.open / every) * every + every; m < span.close; m += every) marks.push({ ms: day + m * 60_000, day: false });
  }
  return marks;
}

/** The stretches of a shown day no shift covers (the night's edges, a closed day whole), as minutes of the day. */
export function offHours(dayStart: number, span: Span, calendar: { shifts: { weekdays: number[]; start: string; end: string }[]; closed: string[] }): { from: number; to: number }[] {
  const local = new Date(dayStart + 3 * 3600_000);
  const weekday = local.getUTCDay() === 0 ? 7 : local.getUTCDay();
  const shifts = calendar.closed.includes(local.toISOString().slice(0, 10)) ? [] : calendar.shifts.filter((s) => s.weekdays.includes(weekday));
  const covered = shifts.map((s) => ({ from: minutes(s.start), to: minutes(s.end) })).sort((a, b) => a.from - b.from);
  const off: { from: number; to: number }[] = [];
  let at = span.open;
  for (const shift of covered) {
    if (shift.from > at) off.push({ from: at, to: Math.min(shift.from, span.close) });
    at = Math.max(at, shift.to);
  }
  if (at < span.close) off.push({ from: at, to: span.close });
  return off;
}
