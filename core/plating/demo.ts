import type { Ctx } from '../app/context';
import type { Db } from '../db/schema';
import { fact, type Fact } from '../demo/reference';
import { seededRandom } from '../demo/random';
import { platingLineConfigured } from '../reference/events';
import { calendarSaved, lossNormSaved, recipeSaved, refinementStationSaved } from './events';
import { moveLot, receiveLot } from '../lots/service';
import type { Random } from '../demo/random';
import { recordWeighing } from './ledger';
import { replan } from './plan';
import { recordStepDone } from './refinementService';
import { refinementDone, stepsFor } from './refinement';
import { checkPlatedLot, finishBatch, logReading, startBatch } from './run';
import type { LineSettings } from './settings';

// The demo plating office: three lines with their baths, recipes per finish, refinement
// stations, a Nairobi shift calendar, most refining lots through refinement, a published plan,
// and the first batch of the day run, read and checked, so the board and the ledger show a day.

export const demoRecipes = [
  { finish: 'gold-0.5', metal: 'gold', base: 'brass', thicknessUm: 0.5, currentDensity: 0.5, efficiency: 0.6 },
  { finish: 'gold-1.0', metal: 'gold', base: 'brass', thicknessUm: 1.0, currentDensity: 0.5, efficiency: 0.6 },
  { finish: 'gold-2.5', metal: 'gold', base: 'brass', thicknessUm: 2.5, currentDensity: 0.8, efficiency: 0.55 },
  { finish: 'silver-1.0', metal: 'silver', base: 'brass', thicknessUm: 1.0, currentDensity: 1.0, efficiency: 0.95 },
] as const;

export const demoLines: LineSettings[] = [
  { id: 'LINE-A', name: 'Line A (gold)', finishes: ['gold-0.5', 'gold-1.0', 'gold-2.5'], capacityDm2: 40, maxPieces: 400, handlingMinutes: 12, changeoverMinutes: { default: 45, 'gold-0.5->gold-1.0': 15, 'gold-1.0->gold-2.5': 20 }, bathEfficiency: { 'gold-1.0': 0.58 } },
  { id: 'LINE-B', name: 'Line B (gold, silver)', finishes: ['gold-1.0', 'gold-2.5', 'silver-1.0'], capacityDm2: 30, maxPieces: 300, handlingMinutes: 10, changeoverMinutes: { default: 60 }, bathEfficiency: {} },
  { id: 'LINE-C', name: 'Line C (small racks)', finishes: ['gold-0.5', 'gold-1.0', 'silver-1.0'], capacityDm2: 15, maxPieces: 250, handlingMinutes: 8, changeoverMinutes: { default: 40 }, bathEfficiency: {} },
];

export const demoStations = [
  { id: 'POL-1', name: 'Polishing wheel 1', step: 'polish', capacityPieces: 60, minutesPerLoad: 25 },
  { id: 'POL-2', name: 'Polishing wheel 2', step: 'polish', capacityPieces: 60, minutesPerLoad: 25 },
  { id: 'TUM-1', name: 'Tumbler', step: 'tumble', capacityPieces: 250, minutesPerLoad: 90 },
  { id: 'CLN-1', name: 'Ultrasonic cleaner', step: 'clean', capacityPieces: 150, minutesPerLoad: 20 },
] as const;

export const demoCalendar = {
  timeZone: 'Africa/Nairobi',
  shifts: [
    { weekdays: [1, 2, 3, 4, 5], start: '07:00', end: '19:00' },
    { weekdays: [6], start: '08:00', end: '14:00' },
  ],
  closed: ['2026-12-12', '2026-12-25', '2026-12-26', '2027-01-01'],
};

/** The plating office's set-up, as its planner saved it: recipes, the lines' physics, refinement stations, the calendar, loss norms. */
export function demoPlatingSetupFacts(): Fact[] {
  return [
    ...demoRecipes.map((r) => fact(recipeSaved, { ...r })),
    ...demoLines.map((l) => fact(platingLineConfigured, { ...l })),
    ...demoStations.map((s) => fact(refinementStationSaved, { ...s })),
    fact(calendarSaved, demoCalendar),
    fact(lossNormSaved, { step: 'refining', normPct: 2 }),
    fact(lossNormSaved, { step: 'plating', normPct: 1 }),
    fact(lossNormSaved, { step: 'gold', normPct: 10 }),
  ];
}

export async function seedPlating(db: Db, now: Date, as: (username: string, at: Date) => Ctx): Promise<void> {
  const random = seededRandom(7);
  await as('akinyi', new Date(now.getTime() - 3 * 86_400_000)).write(async ({ record }) => {
    for (const { definition, payload } of demoPlatingSetupFacts()) await record(definition, payload as never);
  });

  await receiveForPlating(db, now, as, random);

  // The refinement room has been at work: most lots in refining are through every step, and weighed.
  const operator = as('kiprop', new Date(now.getTime() - 2 * 3600_000));
  const refining = await db
    .selectFrom('lots')
    .innerJoin('designs', 'designs.sku', 'lots.design_sku')
    .select(['lots.id', 'lots.refining', 'designs.materials', 'designs.unit_weight_g'])
    .where('lots.refining', '>', 0)
    .orderBy('lots.id')
    .execute();
  for (const [n, lot] of refining.entries()) {
    if (n % 5 === 4) continue;
    const done = (await refinementDone(db, [lot.id])).get(lot.id) ?? {};
    for (const step of stepsFor(JSON.parse(lot.materials) as string[])) if ((done[step] ?? 0) < lot.refining) await recordStepDone(operator, lot.id, step, lot.refining - (done[step] ?? 0));
    if (n % 3 === 0) {
      const grams = Math.round(lot.refining * lot.unit_weight_g * 10) / 10;
      // One lot in six loses more on the wheel than the norm allows: the ledger flags it.
      const loss = n % 6 === 0 ? 0.035 : 0.01 + random.next() * 0.008;
      await recordWeighing(operator, { lotId: lot.id, batchId: null, step: 'refining', direction: 'in', pieces: lot.refining, grams });
      await recordWeighing(operator, { lotId: lot.id, batchId: null, step: 'refining', direction: 'out', pieces: lot.refining, grams: Math.round(grams * (1 - loss) * 10) / 10 });
    }
  }

  // This morning's plan, and its first batch run, read, weighed and checked.
  await replan(as('akinyi', new Date(now.getTime() - 2 * 3600_000)), 0, 300);
  const first = await db.selectFrom('plating_batches').select('id').where('state', '=', 'planned').orderBy('start_at').executeTakeFirst();
  const startAt = first && (await db.selectFrom('plating_batches').select('start_at').where('id', '=', first.id).executeTakeFirstOrThrow()).start_at;
  // Seeded out of hours, the first batch is still ahead: nothing has run yet.
  if (!first || !startAt || Date.parse(startAt) + 30 * 60_000 > now.getTime()) return;
  const at = (minutes: number) => as('kiprop', new Date(Date.parse(startAt) + minutes * 60_000));
  await startBatch(at(0), first.id);
  await logReading(at(5), first.id, { kind: 'bath', temperatureC: 55, currentA: 12.4, minutes: 5, sample: null, thicknessUm: null });
  const batch = await db.selectFrom('plating_batches').select(['expected_metal_g']).where('id', '=', first.id).executeTakeFirstOrThrow();
  const items = await db.selectFrom('plating_batch_items').innerJoin('lots', 'lots.id', 'plating_batch_items.lot_id').innerJoin('designs', 'designs.sku', 'lots.design_sku').select(['plating_batch_items.lot_id', 'plating_batch_items.pieces', 'designs.unit_weight_g']).where('batch_id', '=', first.id).execute();
  for (const item of items) await recordWeighing(at(1), { lotId: item.lot_id, batchId: first.id, step: 'plating', direction: 'in', pieces: item.pieces, grams: Math.round(item.pieces * item.unit_weight_g * 10) / 10 });
  await logReading(at(10), first.id, { kind: 'xrf', temperatureC: null, currentA: null, minutes: null, sample: 1, thicknessUm: 1.04 });
  await finishBatch(at(20), first.id, Math.round(batch.expected_metal_g * 1.06 * 1000) / 1000);
  for (const item of items) {
    await recordWeighing(at(22), { lotId: item.lot_id, batchId: first.id, step: 'plating', direction: 'out', pieces: item.pieces, grams: Math.round(item.pieces * item.unit_weight_g * 0.997 * 10) / 10 });
    await checkPlatedLot(at(25), first.id, { lotId: item.lot_id, passed: item.pieces, rework: 0, thicknessOk: true, adhesionOk: true, colourOk: true });
  }
}

/** This week's deliveries for the customer orders waiting on plating: accepted in QC, now in refining. */
async function receiveForPlating(db: Db, now: Date, as: (username: string, at: Date) => Ctx, random: Random): Promise<void> {
  const plated = new Set<string>(demoRecipes.map((r) => r.finish));
  const wanted = (await db.selectFrom('customer_order_lines').select(['design_sku', 'finish', 'quantity']).orderBy('order_id').execute()).filter((l) => plated.has(l.finish));
  const artisans = await db.selectFrom('artisans').select('id').orderBy('id').execute();
  const designs = await db.selectFrom('designs').select(['sku', 'finishes', 'unit_weight_g']).execute();
  for (let i = 0; i < 28; i++) {
    const line = wanted[i % Math.max(1, wanted.length)];
    const design = designs.find((d) => d.sku === line?.design_sku) ?? random.pick(designs);
    const finishes = (JSON.parse(design.finishes) as string[]).filter((f) => plated.has(f));
    if (finishes.length === 0) continue;
    const finish = line && finishes.includes(line.finish) ? line.finish : random.pick(finishes);
    const quantity = random.int(4, 24) * 10;
    const at = new Date(now.getTime() - random.int(20, 100) * 3600_000);
    const lotId = await receiveLot(as('wanjiru', at), {
      designSku: design.sku,
      artisanId: random.pick(artisans).id,
      finish,
      deliveryCode: null,
      quantity,
      weightG: Math.round(quantity * design.unit_weight_g * 10) / 10,
      state: 'in_qc',
    });
    await moveLot(as('otieno', new Date(at.getTime() + 3 * 3600_000)), { lotId, from: 'in_qc', to: 'refining', quantity, reason: null });
  }
}
