import type { Db } from '../db/schema';
import { ftcWarnings, type FtcWarning } from './faraday';
import { boardBatches, checkPlanned, planningInput, planVersion, type BoardBatch, type PlanViolation } from './board';
import type { LineSettings } from './settings';

// What the planner sees: the plan on its lines, what it breaks, who it makes late, the gold it needs.

export interface Board {
  version: number;
  now: string;
  start: string;
  /** The hours of the day any shift covers (Nairobi), for the board's axis. */
  dayWindow: { from: string; to: string };
  lines: Pick<LineSettings, 'id' | 'name' | 'finishes'>[];
  batches: (BoardBatch & { metal: 'gold' | 'silver' | null })[];
  violations: PlanViolation[];
  objective: { weightedTardinessMinutes: number; changeovers: number; makespan: string | null };
  late: { lotId: string; orderId: string | null; customer: string | null; dueAt: string; completesAt: string; minutesLate: number }[];
  unplanned: { lotId: string; pieces: number; reason: 'noLine' | 'noMetal' | 'tooLarge' | 'notInPlan' }[];
  /** Lots waiting beyond the most urgent ones the scheduler plans. */
  beyondHorizon: number;
  goldPerDay: { day: string; grams: number }[];
  goldPerOrder: { orderId: string; customer: string; grams: number }[];
  warnings: (FtcWarning & { designSku: string })[];
}

const nairobiDay = (iso: string) => new Date(Date.parse(iso) + 3 * 3600_000).toISOString().slice(0, 10);
const round3 = (n: number) => Math.round(n * 1000) / 1000;

export async function readBoard(db: Db, now: Date): Promise<Board> {
  const [version, input, batches] = await Promise.all([planVersion(db), planningInput(db, now), boardBatches(db, now)]);
  const planned = batches.filter((b) => b.state === 'planned');
  const { violations, objective } = checkPlanned(input, planned);
  const metalOf = new Map(input.settings.recipes.map((r) => [r.finish, r.metal]));
  const lots = new Map(input.lots.map((l) => [l.lotId, l]));

  const completes = new Map<string, string>();
  for (const b of batches) for (const i of b.items) if ((completes.get(i.lotId) ?? '') < b.endAt) completes.set(i.lotId, b.endAt);
  const late: Board['late'] = [];
  const inPlan = new Set<string>();
  for (const b of planned) for (const i of b.items) inPlan.add(i.lotId);
  for (const lot of input.lots) {
    const end = completes.get(lot.lotId);
    if (end && end > lot.dueAt)
      late.push({ lotId: lot.lotId, orderId: lot.order?.id ?? null, customer: lot.order?.customer ?? null, dueAt: lot.dueAt, completesAt: end, minutesLate: Math.round((Date.parse(end) - Date.parse(lot.dueAt)) / 60_000) });
  }
  late.sort((a, b) => b.minutesLate - a.minutesLate);

  const perDay = new Map<string, number>();
  const perOrder = new Map<string, { customer: string; grams: number }>();
  for (const b of batches) {
    if (metalOf.get(b.finish) !== 'gold') continue;
    const grams = b.metalUsedG ?? b.expectedMetalG;
    perDay.set(nairobiDay(b.startAt), (perDay.get(nairobiDay(b.startAt)) ?? 0) + grams);
    // A batch's gold shared among its lots by their metal area.
    const areas = b.items.map((i) => (lots.get(i.lotId)?.areaCm2PerPiece ?? 0) * i.pieces);
    const total = areas.reduce((s, a) => s + a, 0);
    b.items.forEach((i, k) => {
      const order = lots.get(i.lotId)?.order;
      if (!order || total === 0) return;
      const entry = perOrder.get(order.id) ?? { customer: order.customer, grams: 0 };
      entry.grams += (grams * areas[k]!) / total;
      perOrder.set(order.id, entry);
    });
  }

  const designs = await db.selectFrom('designs').select(['sku', 'finishes', 'materials']).execute();
  const warnings: Board['warnings'] = [];
  for (const d of designs)
    for (const finish of JSON.parse(d.finishes) as string[]) {
      const recipe = input.settings.recipes.find((r) => r.finish === finish);
      if (recipe) for (const w of ftcWarnings(finish, recipe, JSON.parse(d.materials) as string[])) warnings.push({ ...w, designSku: d.sku });
    }

  return {
    version,
    now: now.toISOString(),
    start: input.instance.start,
    dayWindow: {
      from: input.settings.calendar.shifts.map((s) => s.start).sort()[0]!,
      to: input.settings.calendar.shifts.map((s) => s.end).sort().at(-1)!,
    },
    lines: input.settings.lines.map((l) => ({ id: l.id, name: l.name, finishes: l.finishes })),
    batches: batches.map((b) => ({ ...b, metal: metalOf.get(b.finish) ?? null })),
    violations,
    objective,
    late,
    unplanned: [
      ...input.unplannable,
      ...input.lots.filter((l) => !inPlan.has(l.lotId)).map((l) => ({ lotId: l.lotId, pieces: l.pieces, reason: 'notInPlan' as const })),
    ].slice(0, 200),
    beyondHorizon: input.beyond,
    goldPerDay: [...perDay].sort().map(([day, grams]) => ({ day, grams: round3(grams) })),
    goldPerOrder: [...perOrder].sort((a, b) => b[1].grams - a[1].grams).map(([orderId, v]) => ({ orderId, customer: v.customer, grams: round3(v.grams) })),
    warnings,
  };
}
