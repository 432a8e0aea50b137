import type { z } from 'zod';
import { AppError } from '../../kernel/errors';
import { Calendar, validTimeZone } from './calendar';
import { areaSlack, minute } from './model';
import { instanceSchema, scheduleSchema, type Instance } from './types';

// Reading an instance: the format first (zod), then what the format cannot say: ids unique, every
// lot's finish runnable, every piece fits some rack, cycle times for every finish a line lists,
// a calendar whose shifts do not overlap and can hold every cycle. An error names the lot or line.

/** Where in the document an issue is, with the lot's or line's id: "lots[3] (L-0042).pieces". */
function where(json: unknown, path: PropertyKey[]): string {
  let text = '';
  let node: unknown = json;
  for (const key of path) {
    text += typeof key === 'number' ? `[${key}]` : text ? `.${String(key)}` : String(key);
    node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    if (typeof key === 'number' && node !== null && typeof node === 'object' && typeof (node as { id?: unknown }).id === 'string') text += ` (${(node as { id: string }).id})`;
  }
  return text || 'the document';
}

function formatError(json: unknown, issue: z.core.$ZodIssue): AppError {
  const at = where(json, issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return new AppError('plating.schedule.instance.unknownField', `${at}: unknown field ${issue.keys.join(', ')}`, { where: at, field: issue.keys.join(', ') });
    case 'invalid_type':
      return new AppError('plating.schedule.instance.wrongType', `${at}: expected a ${issue.expected}`, { where: at, expected: issue.expected });
    case 'too_small':
    case 'too_big':
      return new AppError('plating.schedule.instance.outOfRange', `${at}: ${issue.message}`, { where: at });
    case 'invalid_format':
      return new AppError('plating.schedule.instance.badFormat', `${at}: not ${issue.format === 'regex' ? 'a time of day HH:MM' : `an ISO ${issue.format} with a zone`}`, { where: at, format: issue.format === 'regex' ? 'HH:MM' : issue.format });
    case 'invalid_value':
      return new AppError('plating.schedule.instance.badValue', `${at}: must be ${issue.values.join(' or ')}`, { where: at, allowed: issue.values.join(', ') });
    default:
      return new AppError('plating.schedule.instance.invalid', `${at}: ${issue.message}`, { where: at });
  }
}

function parseWith<S extends z.ZodType>(schema: S, json: unknown): z.output<S> {
  const result = schema.safeParse(json);
  if (!result.success) throw formatError(json, result.error.issues[0]!);
  return result.data;
}

function unique(ids: string[], raise: (id: string) => never): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) raise(id);
    seen.add(id);
  }
}

function checkCalendar(instance: Instance): Calendar {
  const { calendar } = instance;
  if (!validTimeZone(calendar.timeZone)) throw new AppError('plating.schedule.calendar.timeZone', `Unknown time zone ${calendar.timeZone}`, { timeZone: calendar.timeZone });
  calendar.shifts.forEach((shift, i) => {
    if (shift.start === shift.end) throw new AppError('plating.schedule.calendar.emptyShift', `Shift ${i + 1} starts and ends at ${shift.start}`, { shift: i + 1, time: shift.start });
    if (new Set(shift.weekdays).size !== shift.weekdays.length) throw new AppError('plating.schedule.calendar.repeatedDay', `Shift ${i + 1} lists a weekday twice`, { shift: i + 1 });
  });
  const start = Date.parse(instance.start);
  const cal = new Calendar(calendar, start);
  // Two weeks of windows show any overlap (the pattern repeats weekly); overnight shifts included.
  cal.nextFit(start + 15 * 86_400_000, 1);
  const windows = cal.windows;
  for (let i = 1; i < windows.length; i++)
    if (windows[i]!.start < windows[i - 1]!.end) {
      const [a, b] = [windows[i - 1]!.shift + 1, windows[i]!.shift + 1];
      throw new AppError('plating.schedule.calendar.overlap', `Shifts ${a} and ${b} overlap on ${new Date(windows[i]!.start).toISOString().slice(0, 10)}`, { first: a, second: b });
    }
  return cal;
}

/** Reads a plating instance (format version 1); throws an AppError naming the lot or line at fault. */
export function parseInstance(json: unknown): Instance {
  const instance = parseWith(instanceSchema, json);
  unique(instance.lines.map((l) => l.id), (line) => {
    throw new AppError('plating.schedule.line.duplicate', `Two lines have the id ${line}`, { line });
  });
  unique(instance.lots.map((l) => l.id), (lot) => {
    throw new AppError('plating.schedule.lot.duplicate', `Two lots have the id ${lot}`, { lot });
  });
  const calendar = checkCalendar(instance);
  const longest = calendar.longestWindow(Date.parse(instance.start));
  for (const line of instance.lines) {
    unique(line.finishes, (finish) => {
      throw new AppError('plating.schedule.line.repeatedFinish', `Line ${line.id} lists ${finish} twice`, { line: line.id, finish });
    });
    for (const finish of line.finishes) {
      const cycle = line.cycleMinutes[finish];
      if (cycle === undefined) throw new AppError('plating.schedule.line.noCycle', `Line ${line.id} lists ${finish} but has no cycle time for it`, { line: line.id, finish });
      if (cycle * minute > longest) throw new AppError('plating.schedule.line.cycleTooLong', `Line ${line.id}: the ${finish} cycle of ${cycle} min fits no shift`, { line: line.id, finish, minutes: cycle });
    }
    for (const finish of Object.keys(line.cycleMinutes))
      if (!line.finishes.includes(finish)) throw new AppError('plating.schedule.line.cycleUnknownFinish', `Line ${line.id} has a cycle time for ${finish}, which it does not list`, { line: line.id, finish });
    for (const key of Object.keys(line.changeoverMinutes)) {
      if (key === 'default') continue;
      const pair = key.split('->');
      if (pair.length !== 2 || pair[0] === pair[1] || !pair.every((f) => line.finishes.includes(f)))
        throw new AppError('plating.schedule.line.badChangeover', `Line ${line.id}: changeover "${key}" is not "from->to" between two of its finishes`, { line: line.id, key });
    }
  }
  for (const lot of instance.lots) {
    const lines = instance.lines.filter((l) => l.finishes.includes(lot.finish));
    if (!lines.length) throw new AppError('plating.schedule.lot.noLine', `Lot ${lot.id}: no line runs ${lot.finish}`, { lot: lot.id, finish: lot.finish });
    const largest = Math.max(...lines.map((l) => l.capacityDm2));
    if (lot.areaDm2PerPiece > largest + areaSlack)
      throw new AppError('plating.schedule.lot.pieceTooLarge', `Lot ${lot.id}: one piece is ${lot.areaDm2PerPiece} dm², more than the largest ${lot.finish} rack (${largest} dm²)`, {
        lot: lot.id,
        area: lot.areaDm2PerPiece,
        largest,
      });
  }
  return instance;
}

/** Reads a schedule file (batches, and optionally the objective its maker claims). */
export function parseSchedule(json: unknown): z.output<typeof scheduleSchema> {
  return parseWith(scheduleSchema, json);
}
