import type { Db, Trx } from '../db/schema';
import { depositGrams } from './faraday';
import { planRefinement, refinementDone, shiftFit } from './refinement';
import type { PlatingSettings } from './settings';

// The lots the plating office works on: pieces in refining, with the customer order each serves
// (its due date and priority) and, for plated finishes, their ready time after refinement.

export interface WaitingLot {
  lotId: string;
  designSku: string;
  designName: string;
  artisanId: string;
  finish: string;
  /** Pieces in refining now. */
  pieces: number;
  areaCm2PerPiece: number;
  unitWeightG: number;
  materials: string[];
  order: { id: string; customer: string; dueOn: string } | null;
  dueAt: string;
  weight: number;
  readyAt: string;
  plated: boolean;
}

/** A customer order is due at the day's shipping cut-off, 17:00 in Nairobi. */
export const dueAtOf = (dueOn: string) => new Date(`${dueOn}T17:00:00+03:00`).toISOString();

const day = 86_400_000;

export async function waitingLots(db: Db | Trx, settings: PlatingSettings, now: Date): Promise<WaitingLot[]> {
  const rows = await db
    .selectFrom('lots')
    .innerJoin('designs', 'designs.sku', 'lots.design_sku')
    .select(['lots.id', 'lots.design_sku', 'designs.name', 'lots.artisan_id', 'lots.finish', 'lots.refining', 'lots.received_at', 'designs.plating_area_cm2', 'designs.unit_weight_g', 'designs.materials'])
    .where('lots.refining', '>', 0)
    .orderBy('lots.id')
    .execute();
  // The open customer order lines each lot can fill (same design and finish), soonest first.
  const skus = [...new Set(rows.map((r) => r.design_sku))];
  const orders = new Map<string, { id: string; customer: string; due_on: string; service: string }>();
  for (let i = 0; i < skus.length; i += 500) {
    const lines = await db
      .selectFrom('customer_order_lines')
      .innerJoin('customer_orders', 'customer_orders.id', 'customer_order_lines.order_id')
      .select(['customer_orders.id', 'customer_orders.customer', 'customer_orders.due_on', 'customer_orders.service', 'customer_order_lines.design_sku', 'customer_order_lines.finish'])
      .where('customer_orders.status', '=', 'open')
      .where('customer_order_lines.design_sku', 'in', skus.slice(i, i + 500))
      .execute();
    for (const line of lines) {
      const key = `${line.design_sku}|${line.finish}`;
      const soonest = orders.get(key);
      if (!soonest || line.due_on < soonest.due_on) orders.set(key, line);
    }
  }
  const recipes = new Set(settings.recipes.map((r) => r.finish));
  const done = await refinementDone(db, rows.map((r) => r.id));
  const lots = rows.map((r): WaitingLot => {
    const order = orders.get(`${r.design_sku}|${r.finish}`);
    return {
      lotId: r.id,
      designSku: r.design_sku,
      designName: r.name,
      artisanId: r.artisan_id,
      finish: r.finish,
      pieces: r.refining,
      areaCm2PerPiece: r.plating_area_cm2,
      unitWeightG: r.unit_weight_g,
      materials: JSON.parse(r.materials) as string[],
      order: order ? { id: order.id, customer: order.customer, dueOn: order.due_on } : null,
      // Stock not yet sold is due three weeks after it came in, and weighs less than a customer's order.
      dueAt: order ? dueAtOf(order.due_on) : new Date(new Date(r.received_at).getTime() + 21 * day).toISOString(),
      weight: !order ? 1 : /express/i.test(order.service) ? 3 : 2,
      readyAt: now.toISOString(),
      plated: recipes.has(r.finish),
    };
  });
  const { readyAt } = planRefinement(
    lots.map((l) => ({ lotId: l.lotId, pieces: l.pieces, dueAt: l.dueAt, materials: l.materials, done: done.get(l.lotId) ?? {} })),
    settings.stations,
    now,
    shiftFit(settings.calendar, now),
  );
  // A lot still in refinement is ready at its queue's end rounded up to the half hour, so a plan made
  // on it does not break as the queue's forecast slides by minutes; a refined lot is ready now.
  for (const lot of lots) {
    const at = readyAt.get(lot.lotId)?.getTime() ?? now.getTime();
    lot.readyAt = new Date(at <= now.getTime() ? Math.ceil(now.getTime() / 60_000) * 60_000 : Math.ceil(at / 1_800_000) * 1_800_000).toISOString();
  }
  return lots;
}

/** Metal a batch lays down by Faraday: the recipe's thickness over the metal area of its pieces. */
export function expectedMetalG(settings: PlatingSettings, finish: string, items: readonly { areaCm2PerPiece: number; pieces: number }[]): number {
  const recipe = settings.recipes.find((r) => r.finish === finish);
  if (!recipe) return 0;
  const area = items.reduce((sum, i) => sum + i.areaCm2PerPiece * i.pieces, 0);
  return Math.round(depositGrams(recipe.metal, recipe.thicknessUm, area) * 1000) / 1000;
}
