import type { Db, Trx } from '../db/schema';
import type { PackingBox, PackingOrder } from './order';

// What the shipping label, the packing slip and the customs declaration of one box say.

/** Where every box comes from. */
export const shipFrom = { name: 'Karakana HQ', lines: ['Enterprise Road, Industrial Area', 'Nairobi 00500'], country: 'KE' };

/**
 * Harmonized System headings by a design's first material: imitation jewellery of base metal
 * (plated or not) is 7117.19; worked horn and bone 9601.90; wooden ornaments 4420.90.
 */
const hsByMaterial: Record<string, string> = { brass: '711719', 'ankole horn': '960190', bone: '960190', 'olive wood': '442090', mahogany: '442090' };
const otherJewellery = '711790';

export interface BoxPaperwork {
  shippingLabel: Record<string, unknown>;
  packingSlip: Record<string, unknown>;
  /** Outside Kenya only. */
  customs: Record<string, unknown> | null;
}

/** An address from upstream's ship-to record: the name, the street and town lines, the country. */
function address(shipTo: Record<string, string>, fallbackName: string, country: string) {
  const town = [shipTo.postcode, shipTo.city, shipTo.state].filter(Boolean).join(' ');
  const lines = [shipTo.street, town].filter((l): l is string => !!l);
  return { name: shipTo.name ?? fallbackName, lines: lines.length ? lines : [country], country: shipTo.country ?? country };
}

/** The data of each template (core/labels/templates), exactly as their schemas ask. */
export async function boxPaperwork(
  trx: Db | Trx,
  view: PackingOrder,
  box: PackingBox,
  shipment: { service: string; trackingNumber: string; weightG: number; packer: string; at: string; sscc: string | null; box: number; boxes: number | null },
): Promise<BoxPaperwork> {
  const { order } = view;
  // One line per order line in the box (a line may come from several lots).
  const quantities = new Map<number, number>();
  for (const item of box.items) quantities.set(item.lineNo, (quantities.get(item.lineNo) ?? 0) + item.quantity);
  const lines = await Promise.all(
    [...quantities].map(async ([lineNo, quantity]) => {
      const line = view.lines.find((l) => l.lineNo === lineNo)!;
      const design = await trx.selectFrom('designs').select(['materials']).where('sku', '=', line.designSku).executeTakeFirstOrThrow();
      const price = await trx.selectFrom('customer_order_lines').select('unit_price_minor').where('order_id', '=', order.id).where('line_no', '=', lineNo).executeTakeFirstOrThrow();
      const material = (JSON.parse(design.materials) as string[])[0] ?? '';
      return { quantity, line, unitPriceMinor: price.unit_price_minor, material };
    }),
  );
  const to = address(order.shipTo, order.customer, order.country);
  const date = shipment.at.slice(0, 10);
  // "Box k" while the order is partly shipped (more boxes may follow), "box k of n" once it has shipped in full.
  const place = { box: shipment.box, ...(shipment.boxes ? { boxes: shipment.boxes } : {}), ...(shipment.sscc ? { sscc: shipment.sscc } : {}) };
  const shippingLabel = {
    from: shipFrom,
    to,
    service: shipment.service,
    weightKg: Math.round(shipment.weightG) / 1000,
    orderId: order.id,
    ...place,
    tracking: shipment.trackingNumber,
  };
  const packingSlip = {
    orderId: order.id,
    customer: order.customer,
    shipTo: [...to.lines, to.country].join(', '),
    ...place,
    packedBy: shipment.packer,
    date,
    lines: lines.map(({ line, quantity }) => ({ designSku: line.designSku, designName: line.designName, finish: line.finish, quantity })),
  };
  const customs =
    order.country === 'KE'
      ? null
      : {
          orderId: order.id,
          sender: `${shipFrom.name}, Nairobi, Kenya`,
          recipient: [to.name, ...to.lines].join(', '),
          recipientCountry: to.country,
          category: 'sale',
          currency: order.currency,
          date,
          lines: lines.map(({ line, quantity, unitPriceMinor, material }) => ({
            description: `${line.designName} (${material}, ${line.finish})`,
            hsCode: hsByMaterial[material] ?? otherJewellery,
            quantity,
            netWeightKg: Math.round(quantity * line.unitWeightG) / 1000,
            valueMinor: quantity * unitPriceMinor,
            origin: 'KE',
          })),
        };
  return { shippingLabel, packingSlip, customs };
}
