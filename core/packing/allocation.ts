import { sql } from 'kysely';
import type { Db, Trx } from '../db/schema';

// Which finished lots go to which customer order line. Not stored: worked out from the facts
// every station holds (finished stock, open order lines, what is packed, a supervisor's pinned
// allocations), so every station agrees, and stock that finishes or an order that arrives changes
// the answer at once. Pinned allocations come first; then order lines take stock by due date
// (earliest first), each from lots in bins first and the oldest first, a lot split where one line needs only part.

export interface AllocatedLot {
  lotId: string;
  bin: string | null;
  quantity: number;
  pinned: boolean;
}

export interface LineAllocation {
  lineNo: number;
  designSku: string;
  finish: string;
  /** Pieces still to pack: ordered, less those already in a box (open or shipped). */
  need: number;
  lots: AllocatedLot[];
}

export interface OrderAllocation {
  lines: LineAllocation[];
  /** Per lot of this order's items: pieces held for other orders (pinned, or due earlier), and the first such order. */
  heldElsewhere: Map<string, { quantity: number; orderId: string }>;
  finished: Map<string, number>;
}

interface Claim {
  orderId: string;
  lineNo: number;
  dueOn: string;
  need: number;
}

const lineKey = (orderId: string, lineNo: number) => `${orderId}#${lineNo}`;

export async function allocateOrder(db: Db | Trx, orderId: string): Promise<OrderAllocation> {
  const order = await db.selectFrom('customer_orders').select(['id', 'due_on']).where('id', '=', orderId).executeTakeFirstOrThrow();
  const own = await db.selectFrom('customer_order_lines').selectAll().where('order_id', '=', orderId).orderBy('line_no').execute();
  const result: OrderAllocation = { lines: [], heldElsewhere: new Map(), finished: new Map() };
  const items = [...new Map(own.map((l) => [`${l.design_sku}|${l.finish}`, { sku: l.design_sku, finish: l.finish }])).values()];
  const byLine = new Map<string, LineAllocation>();
  for (const item of items) {
    const stock = await db
      .selectFrom('lots')
      .leftJoin('lot_bins', 'lot_bins.lot_id', 'lots.id')
      .select(['lots.id', 'lots.finished', 'lot_bins.bin'])
      .where('lots.design_sku', '=', item.sku)
      .where('lots.finish', '=', item.finish)
      .where('lots.finished', '>', 0)
      // Stock put away in a bin first (it can be found), then the oldest lot.
      .orderBy(sql`lot_bins.bin IS NULL`)
      .orderBy('lots.id')
      .execute();
    // Open lines of this item due no later than this order (they come first), and this order's own.
    const claims: Claim[] = (
      await db
        .selectFrom('customer_order_lines as l')
        .innerJoin('customer_orders as o', 'o.id', 'l.order_id')
        .select(['l.order_id', 'l.line_no', 'l.quantity', 'o.due_on'])
        .select((eb) =>
          eb
            .selectFrom('packed_items as p')
            .select((e) => e.fn.sum<number>('p.quantity').as('n'))
            .whereRef('p.order_id', '=', 'l.order_id')
            .whereRef('p.line_no', '=', 'l.line_no')
            .as('packed'),
        )
        .where('l.design_sku', '=', item.sku)
        .where('l.finish', '=', item.finish)
        .where('o.status', '!=', 'shipped')
        .where((eb) => eb.or([eb('o.due_on', '<', order.due_on), eb.and([eb('o.due_on', '=', order.due_on), eb('o.id', '<=', orderId)])]))
        .orderBy('o.due_on')
        .orderBy('o.id')
        .orderBy('l.line_no')
        .execute()
    ).map((r) => ({ orderId: r.order_id, lineNo: r.line_no, dueOn: r.due_on, need: r.quantity - Number(r.packed ?? 0) }));
    const claimOf = new Map(claims.map((c) => [lineKey(c.orderId, c.lineNo), c]));
    const available = new Map(stock.map((s) => [s.id, s.finished]));
    for (const s of stock) result.finished.set(s.id, s.finished);
    const binOf = new Map(stock.map((s) => [s.id, s.bin]));
    for (const line of own.filter((l) => l.design_sku === item.sku && l.finish === item.finish)) {
      const claim = claimOf.get(lineKey(orderId, line.line_no));
      byLine.set(lineKey(orderId, line.line_no), { lineNo: line.line_no, designSku: item.sku, finish: item.finish, need: Math.max(0, claim?.need ?? 0), lots: [] });
    }
    const give = (claim: Claim | undefined, other: { orderId: string }, lotId: string, wanted: number, pinned: boolean) => {
      const quantity = Math.min(wanted, available.get(lotId) ?? 0, claim ? claim.need : wanted);
      if (quantity <= 0) return;
      available.set(lotId, available.get(lotId)! - quantity);
      if (claim) claim.need -= quantity;
      const mine = claim && claim.orderId === orderId ? byLine.get(lineKey(claim.orderId, claim.lineNo)) : undefined;
      if (mine) mine.lots.push({ lotId, bin: binOf.get(lotId) ?? null, quantity, pinned });
      else {
        const held = result.heldElsewhere.get(lotId);
        result.heldElsewhere.set(lotId, { quantity: (held?.quantity ?? 0) + quantity, orderId: held?.orderId ?? other.orderId });
      }
    };
    // Pinned first, whatever the due date; what a pinned lot already gave its line counts against the pin.
    if (stock.length) {
      const pins = await db
        .selectFrom('allocation_pins as a')
        .innerJoin('customer_orders as o', 'o.id', 'a.order_id')
        .select(['a.lot_id', 'a.order_id', 'a.line_no', 'a.quantity'])
        .select((eb) =>
          eb
            .selectFrom('packed_items as p')
            .select((e) => e.fn.sum<number>('p.quantity').as('n'))
            .whereRef('p.lot_id', '=', 'a.lot_id')
            .whereRef('p.order_id', '=', 'a.order_id')
            .whereRef('p.line_no', '=', 'a.line_no')
            .as('packed'),
        )
        .where('a.lot_id', 'in', stock.map((s) => s.id))
        .where('o.status', '!=', 'shipped')
        .orderBy('o.due_on')
        .orderBy('a.order_id')
        .execute();
      for (const pin of pins) {
        const claim = claimOf.get(lineKey(pin.order_id, pin.line_no));
        // A later order's pin holds its pieces too; that line's own need is not known here, so the pin is its cap.
        give(claim, { orderId: pin.order_id }, pin.lot_id, pin.quantity - Number(pin.packed ?? 0), true);
      }
    }
    for (const claim of claims)
      for (const lot of stock) {
        if (claim.need <= 0) break;
        give(claim, claim, lot.id, claim.need, false);
      }
  }
  result.lines = own.map((l) => byLine.get(lineKey(orderId, l.line_no))!);
  return result;
}
