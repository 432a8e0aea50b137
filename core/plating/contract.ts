import { z } from 'zod';
import { none, ok, procedure } from '../api/procedure';
import { limits } from '../numbers/limits';
import { numberIn } from '../numbers/schema';

// The plating part of the contract (listed in core/featureContracts.ts).

export const planners = ['planner', 'supervisor', 'admin'] as const;
export const operators = ['operator', 'supervisor', 'admin'] as const;
export const supervisors = ['supervisor', 'admin'] as const;
const plating = ['planner', 'operator', 'supervisor', 'admin'] as const;
const id = z.string().trim().min(1).max(60);
const iso = z.iso.datetime({ offset: true });
const version = z.number().int().min(0);
const finish = z.string().trim().min(1).max(40);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time of day as HH:MM');

const violation = z.object({ rule: z.string(), message: z.string(), batchId: z.string().nullable(), lotId: z.string().nullable() });
const boardBatch = z.object({
  id: z.string(),
  lineId: z.string(),
  finish: z.string(),
  startAt: z.string(),
  endAt: z.string(),
  locked: z.boolean(),
  state: z.enum(['planned', 'running', 'done']),
  expectedMetalG: z.number(),
  metalUsedG: z.number().nullable(),
  metal: z.enum(['gold', 'silver']).nullable(),
  items: z.array(z.object({ lotId: z.string(), pieces: z.number(), checked: z.number(), designSku: z.string(), designName: z.string() })),
});
const ftcWarning = z.object({ kind: z.string(), designSku: z.string(), finish: z.string(), claimedUm: z.number().optional(), platedUm: z.number().optional(), claimed: z.string().optional(), plated: z.string().optional() });

export const platingBoard = z.object({
  version: z.number(),
  now: z.string(),
  start: z.string(),
  dayWindow: z.object({ from: z.string(), to: z.string() }),
  lines: z.array(z.object({ id: z.string(), name: z.string(), finishes: z.array(z.string()) })),
  batches: z.array(boardBatch),
  violations: z.array(violation),
  objective: z.object({ weightedTardinessMinutes: z.number(), changeovers: z.number(), makespan: z.string().nullable() }),
  late: z.array(z.object({ lotId: z.string(), orderId: z.string().nullable(), customer: z.string().nullable(), dueAt: z.string(), completesAt: z.string(), minutesLate: z.number() })),
  unplanned: z.array(z.object({ lotId: z.string(), pieces: z.number(), reason: z.enum(['noLine', 'noMetal', 'tooLarge', 'notInPlan']) })),
  beyondHorizon: z.number(),
  goldPerDay: z.array(z.object({ day: z.string(), grams: z.number() })),
  goldPerOrder: z.array(z.object({ orderId: z.string(), customer: z.string(), grams: z.number() })),
  warnings: z.array(ftcWarning),
});

export const recipe = z.object({
  finish,
  metal: z.enum(['gold', 'silver']),
  base: z.enum(['brass', 'sterling']),
  thicknessUm: z.number().positive().max(50),
  currentDensity: z.number().positive().max(20),
  efficiency: z.number().positive().max(1),
});
const line = z.object({
  id,
  name: z.string().trim().min(1).max(80),
  finishes: z.array(finish).min(1).max(20),
  capacityDm2: z.number().positive().max(10_000),
  maxPieces: z.number().int().positive().max(100_000),
  handlingMinutes: z.number().min(0).max(600),
  changeoverMinutes: z.record(z.string().max(90), z.number().min(0).max(1440)).refine((m) => 'default' in m, 'needs a default'),
  bathEfficiency: z.record(finish, z.number().positive().max(1)),
});
const station = z.object({ id, name: z.string().trim().min(1).max(80), step: z.enum(['polish', 'tumble', 'clean']), capacityPieces: z.number().int().positive().max(100_000), minutesPerLoad: z.number().positive().max(1440) });
const calendar = z.object({
  timeZone: z.string().trim().min(1).max(60),
  shifts: z.array(z.object({ weekdays: z.array(z.number().int().min(1).max(7)).min(1), start: hhmm, end: hhmm }).strict()).min(1).max(21),
  closed: z.array(z.iso.date()).max(400),
});
const norms = z.object({ refining: z.number(), plating: z.number(), gold: z.number(), goldUsed: z.number() });
export const normSteps = ['refining', 'plating', 'gold', 'goldUsed'] as const;

const batchDetail = z.object({
  id: z.string(),
  lineId: z.string(),
  finish: z.string(),
  state: z.enum(['planned', 'running', 'done']),
  startAt: z.string(),
  endAt: z.string(),
  locked: z.boolean(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  expectedMetalG: z.number(),
  metalUsedG: z.number().nullable(),
  override: z.object({ reason: z.string(), by: z.string() }).nullable(),
  recipe: recipe.extend({ bathMinutes: z.number() }).nullable(),
  items: z.array(z.object({ lotId: z.string(), designSku: z.string(), designName: z.string(), pieces: z.number(), checked: z.number(), areaCm2: z.number() })),
  readings: z.array(z.object({ id: z.string(), kind: z.enum(['bath', 'xrf']), temperatureC: z.number().nullable(), currentA: z.number().nullable(), minutes: z.number().nullable(), sample: z.number().nullable(), thicknessUm: z.number().nullable(), at: z.string() })),
});
const reading = z
  .object({
    kind: z.enum(['bath', 'xrf']),
    temperatureC: numberIn(limits.bathTemperatureC).nullable(),
    currentA: numberIn(limits.bathCurrentA).nullable(),
    minutes: numberIn(limits.bathMinutes).nullable(),
    sample: numberIn(limits.pieceNumber).nullable(),
    thicknessUm: numberIn(limits.platedUm).nullable(),
  })
  .strict();

const ledgerRow = z.object({
  step: z.enum(['refining', 'plating', 'gold']),
  lotId: z.string().nullable(),
  batchId: z.string().nullable(),
  lineId: z.string().nullable(),
  artisanId: z.string().nullable(),
  artisanName: z.string().nullable(),
  inG: z.number(),
  outG: z.number(),
  expectedG: z.number(),
  lossPct: z.number(),
  normPct: z.number(),
  flagged: z.boolean(),
  override: z.object({ reason: z.string(), by: z.string() }).nullable(),
});
const ledgerTotal = z.object({ by: z.enum(['step', 'line', 'artisan']), key: z.string(), name: z.string(), step: z.enum(['refining', 'plating', 'gold']), inG: z.number(), outG: z.number(), lossPct: z.number(), flagged: z.boolean() });

const refinementView = z.object({
  stations: z.array(station.extend({ queue: z.array(z.object({ stationId: z.string(), lotId: z.string(), step: z.string(), pieces: z.number(), start: z.string(), end: z.string() })) })),
  lots: z.array(
    z.object({
      lotId: z.string(),
      designSku: z.string(),
      finish: z.string(),
      pieces: z.number(),
      dueAt: z.string(),
      orderId: z.string().nullable(),
      plated: z.boolean(),
      steps: z.array(z.object({ step: z.enum(['polish', 'tumble', 'clean']), done: z.number() })),
      refined: z.boolean(),
    }),
  ),
});

export const platingProcedures = {
  'plating.board': procedure(none, platingBoard, plating),
  'plating.replan': procedure(z.object({ basedOn: version }).strict(), z.object({ version: z.number(), batches: z.number() }), planners),
  'plating.previewMove': procedure(
    z.object({ basedOn: version, batchId: id, lineId: id, startAt: iso }).strict(),
    z.object({ endAt: z.string(), introduced: z.array(violation), violations: z.array(violation) }),
    planners,
  ),
  'plating.moveBatch': procedure(z.object({ basedOn: version, batchId: id, lineId: id, startAt: iso, override: z.boolean() }).strict(), z.object({ version: z.number() }), planners),
  'plating.lockBatch': procedure(z.object({ basedOn: version, batchId: id, locked: z.boolean() }).strict(), z.object({ version: z.number() }), planners),
  'plating.batch': procedure(z.object({ batchId: id }).strict(), batchDetail, plating),
  'plating.startBatch': procedure(z.object({ batchId: id }).strict(), ok, operators),
  'plating.finishBatch': procedure(z.object({ batchId: id, metalUsedG: z.number().min(0).max(100_000), override: z.object({ reason: z.string().max(500) }).strict().nullable().optional() }).strict(), ok, operators),
  'plating.logReading': procedure(z.object({ batchId: id, reading }).strict(), ok, operators),
  'plating.checkLot': procedure(
    z.object({ batchId: id, lotId: id, passed: numberIn(limits.countedPieces), rework: numberIn(limits.countedPieces), thicknessOk: z.boolean(), adhesionOk: z.boolean(), colourOk: z.boolean() }).strict(),
    ok,
    operators,
  ),
  'plating.printTraveller': procedure(z.object({ batchId: id }).strict(), z.object({ jobId: z.string() }), plating),
  'plating.settings': procedure(none, z.object({ lines: z.array(line), recipes: z.array(recipe), stations: z.array(station), calendar, lossNorms: norms }), plating),
  'plating.saveLine': procedure(line.strict(), ok, planners),
  'plating.saveRecipe': procedure(recipe.strict(), ok, planners),
  'plating.saveCalendar': procedure(calendar.strict(), ok, planners),
  'plating.saveStation': procedure(station.strict(), ok, planners),
  'plating.saveNorm': procedure(z.object({ step: z.enum(normSteps), normPct: z.number().min(0).max(100) }).strict(), ok, planners),
  'plating.ledger': procedure(z.object({ since: iso }).strict(), z.object({ rows: z.array(ledgerRow), totals: z.array(ledgerTotal), norms }), plating),
  'plating.weigh': procedure(
    z.object({ lotId: id, batchId: id.nullable(), step: z.enum(['refining', 'plating']), direction: z.enum(['in', 'out']), pieces: numberIn(limits.lotPieces), grams: numberIn(limits.weighedG) }).strict(),
    ok,
    operators,
  ),
  'plating.refinement': procedure(none, refinementView, plating),
  'plating.stepDone': procedure(z.object({ lotId: id, step: z.enum(['polish', 'tumble', 'clean']), pieces: numberIn(limits.lotPieces) }).strict(), ok, operators),
  'plating.finalCheck': procedure(z.object({ lotId: id, passed: numberIn(limits.countedPieces), rework: numberIn(limits.countedPieces) }).strict(), ok, operators),
} as const;

