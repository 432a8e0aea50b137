import { AppError } from '../kernel/errors';
import type { Ctx, WriteTransaction } from '../app/context';
import type { Trx } from '../db/schema';
import type { EventPayload } from '../events/define';
import { platingLineConfigured } from '../reference/events';
import { boardBatches, checkPlanned, introduced, planningInput } from './board';
import type { normSteps } from './contract';
import { calendarSaved, lossNormSaved, recipeSaved, refinementStationSaved } from './events';
import type { CalendarSettings, LineSettings, RefinementStation } from './settings';

// The planner's edits to lines, recipes and the calendar. An edit after which a planned batch
// could no longer run as planned (a finish dropped, a rack made smaller, a cycle made longer, a
// shift cut) is refused, naming the batch: re-plan or move it first.

async function guarded(ctx: Ctx, change: (record: WriteTransaction['record']) => Promise<void>): Promise<void> {
  const now = ctx.now();
  await ctx.write(async ({ trx, record }) => {
    // One moment for both verdicts: the ready times of lots in refinement are counted from it.
    const before = await verdict(trx, now);
    await change(record);
    const after = await verdict(trx, now);
    const broken = introduced(before, after).filter((v) => v.batchId);
    if (broken.length > 0) throw new AppError('plating.editBreaksPlan', `Batch ${broken[0]!.batchId} could no longer run as planned: ${broken[0]!.message}`, { batch: broken[0]!.batchId!, detail: broken[0]!.message });
  });
}

async function verdict(trx: Trx, now: Date) {
  const input = await planningInput(trx, now);
  const planned = (await boardBatches(trx, now)).filter((b) => b.state === 'planned');
  return checkPlanned(input, planned).violations;
}

export async function saveLine(ctx: Ctx, line: LineSettings): Promise<void> {
  const payload: EventPayload<typeof platingLineConfigured> = { ...line };
  await guarded(ctx, async (record) => void (await record(platingLineConfigured, payload)));
}

export async function saveRecipe(ctx: Ctx, recipe: EventPayload<typeof recipeSaved>): Promise<void> {
  await guarded(ctx, async (record) => void (await record(recipeSaved, recipe)));
}

export async function saveCalendar(ctx: Ctx, calendar: CalendarSettings): Promise<void> {
  if (!Intl.supportedValuesOf('timeZone').includes(calendar.timeZone) && calendar.timeZone !== 'UTC')
    throw new AppError('plating.badTimeZone', `Unknown time zone ${calendar.timeZone}`, { timeZone: calendar.timeZone });
  for (const [i, s] of calendar.shifts.entries())
    if (s.end !== '24:00' && s.end <= s.start) throw new AppError('plating.badShift', `Shift ${i + 1} ends (${s.end}) before it starts (${s.start})`, { shift: i + 1, start: s.start, end: s.end });
  await guarded(ctx, async (record) => void (await record(calendarSaved, calendar)));
}

export async function saveStation(ctx: Ctx, station: RefinementStation): Promise<void> {
  await ctx.write(({ record }) => record(refinementStationSaved, station));
}

export async function saveLossNorm(ctx: Ctx, step: (typeof normSteps)[number], normPct: number): Promise<void> {
  await ctx.write(({ record }) => record(lossNormSaved, { step, normPct }));
}
