import { z } from 'zod';

// The plating schedule's data, exactly as in the README: an instance (lots waiting, lines,
// calendar, start) in, a schedule (batches and the objective) out. Times are ISO 8601 with a zone.

const isoTime = z.iso.datetime({ offset: true });
const clock = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'a time of day as HH:MM');
const id = z.string().trim().min(1).max(100);

export const shiftSchema = z.strictObject({
  weekdays: z.array(z.number().int().min(1).max(7)).min(1),
  start: clock,
  end: clock,
});

export const calendarSchema = z.strictObject({
  timeZone: z.string().min(1),
  shifts: z.array(shiftSchema).min(1),
  closed: z.array(z.iso.date()).default([]),
});

export const lineSchema = z.strictObject({
  id,
  finishes: z.array(id).min(1),
  capacityDm2: z.number().positive(),
  maxPieces: z.number().int().positive(),
  cycleMinutes: z.record(z.string(), z.number().positive()),
  changeoverMinutes: z.record(z.string(), z.number().nonnegative()).refine((m) => 'default' in m, 'needs a "default"'),
});

export const lotSchema = z.strictObject({
  id,
  finish: id,
  pieces: z.number().int().positive(),
  areaDm2PerPiece: z.number().positive(),
  readyAt: isoTime,
  dueAt: isoTime,
  weight: z.number().nonnegative(),
});

export const instanceSchema = z.strictObject({
  version: z.literal(1),
  start: isoTime,
  calendar: calendarSchema,
  lines: z.array(lineSchema).min(1),
  lots: z.array(lotSchema),
});

export const batchSchema = z.strictObject({
  line: id,
  finish: id,
  start: isoTime,
  end: isoTime,
  items: z.array(z.strictObject({ lot: id, pieces: z.number().int().positive() })).min(1),
});

export const objectiveSchema = z.strictObject({
  weightedTardinessMinutes: z.number(),
  changeovers: z.number().int(),
  makespan: isoTime.nullable(),
});

/** A schedule file: the batches, and (optional when read) the objective its maker claims. */
export const scheduleSchema = z.strictObject({ batches: z.array(batchSchema), objective: objectiveSchema.optional() });

export type Instance = z.infer<typeof instanceSchema>;
export type Line = Instance['lines'][number];
export type Lot = Instance['lots'][number];
export type Shift = z.infer<typeof shiftSchema>;
export type Batch = z.infer<typeof batchSchema>;
export type Objective = z.infer<typeof objectiveSchema>;
export interface Schedule {
  batches: Batch[];
  objective: Objective;
}

export interface Violation {
  /** The rule broken: finish, capacity, duration, shift, early, overlap, changeover, pieces, unknown. */
  rule: string;
  message: string;
  /** Index of the batch in the schedule's list. */
  batch?: number;
  line?: string;
  lot?: string;
}

export interface CheckResult {
  valid: boolean;
  violations: Violation[];
  objective: Objective;
}

export interface SolveOptions {
  /** Batches that must stay exactly as they are (the board's locks); the rest is scheduled around them. */
  locked?: Batch[];
  /** Time for the whole solve in ms (default 1500): the dispatchers, then local search until then. */
  timeLimitMs?: number;
  /** Seed of the local search's random moves (default 1). */
  seed?: number;
}
