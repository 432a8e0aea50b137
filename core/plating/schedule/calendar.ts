import type { Instance } from './types';

// The shift calendar: working windows [start, end) in epoch ms, built lazily in time order.
// Local times are turned into instants with Intl, so any IANA zone works (Africa/Nairobi is
// UTC+3 all year). A shift whose end is not after its start runs overnight into the next day.
// A closed day removes the shifts that start on it.

const minute = 60_000;
const day = 86_400_000;

/** The zone's offset from UTC in ms at an instant. */
export function zoneOffset(timeZone: string, at: number): number {
  const parts = formatter(timeZone).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'));
  return local - Math.floor(at / 1000) * 1000;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

export function validTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The instant of a local wall-clock time (ms since the epoch as if the zone were UTC). */
function localToInstant(timeZone: string, local: number): number {
  let at = local - zoneOffset(timeZone, local);
  at = local - zoneOffset(timeZone, at);
  return at;
}

const clockMs = (hhmm: string) => Number(hhmm.slice(0, 2)) * 3_600_000 + Number(hhmm.slice(3, 5)) * minute;

export interface ShiftWindow {
  start: number;
  end: number;
  /** Index of the shift in the calendar. */
  shift: number;
}

export class Calendar {
  readonly windows: ShiftWindow[] = [];
  private nextDay: number;
  private readonly closed: Set<string>;

  constructor(
    private readonly calendar: Instance['calendar'],
    from: number,
  ) {
    this.closed = new Set(calendar.closed);
    const local = from + zoneOffset(calendar.timeZone, from);
    // From the day before: an overnight shift that started yesterday may still be running.
    this.nextDay = Math.floor(local / day) * day - day;
  }

  /** Shifts starting on one local day, as windows. */
  private addDay(): void {
    const date = this.nextDay;
    this.nextDay += day;
    const iso = new Date(date).toISOString().slice(0, 10);
    if (this.closed.has(iso)) return;
    const weekday = ((new Date(date).getUTCDay() + 6) % 7) + 1;
    const found: ShiftWindow[] = [];
    this.calendar.shifts.forEach((s, shift) => {
      if (!s.weekdays.includes(weekday)) return;
      const start = clockMs(s.start);
      let end = clockMs(s.end);
      if (end <= start) end += day;
      found.push({ start: localToInstant(this.calendar.timeZone, date + start), end: localToInstant(this.calendar.timeZone, date + end), shift });
    });
    found.sort((a, b) => a.start - b.start);
    this.windows.push(...found);
  }

  /** Every window starting before this instant is known (a zone is at most 14 h ahead of UTC). */
  private knownUntil(): number {
    return this.nextDay - 15 * 3_600_000;
  }

  private extend(until: number): void {
    while (this.knownUntil() <= until) this.addDay();
  }

  /** Index of the first window that ends after t (windows are sorted and do not overlap). */
  private firstEndingAfter(t: number): number {
    this.extend(t);
    let lo = 0;
    let hi = this.windows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.windows[mid]!.end <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The earliest time at or after t when a batch of `length` ms fits inside one shift. */
  nextFit(t: number, length: number): number {
    const giveUp = t + 3_660 * day;
    for (let i = this.firstEndingAfter(t); ; i++) {
      while (i >= this.windows.length) {
        if (this.nextDay > giveUp) throw new Error(`No shift of ${length / minute} minutes in ten years`);
        this.addDay();
      }
      const w = this.windows[i]!;
      const start = Math.max(t, w.start);
      if (start + length <= w.end) return start;
    }
  }

  /** The instant when `work` ms of shift time after t have passed. */
  afterWorking(t: number, work: number): number {
    let left = work;
    for (let i = this.firstEndingAfter(t); ; i++) {
      while (i >= this.windows.length) this.addDay();
      const w = this.windows[i]!;
      const from = Math.max(t, w.start);
      if (from + left <= w.end) return from + left;
      left -= w.end - from;
    }
  }

  /** The shift window holding [start, end] entirely, if any. */
  holding(start: number, end: number): ShiftWindow | undefined {
    const w = this.windows[this.firstEndingAfter(start)];
    return w && w.start <= start && end <= w.end ? w : undefined;
  }

  /** The longest window in a full week from `from` (the calendar repeats weekly apart from closed days). */
  longestWindow(from: number): number {
    this.extend(from + 21 * day);
    return Math.max(0, ...this.windows.map((w) => w.end - w.start));
  }
}
