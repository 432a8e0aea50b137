import type { Ctx } from '../app/context';
import type { LotState } from '../db/schema';
import type { EventPayload } from '../events/define';
import { moveLot, receiveLot } from '../lots/service';
import { carrierLabelIssued, customerOrderPlaced } from '../reference/events';
import { putAway } from './service';

// The demo packing table: three customer orders due first, with finished lots in bins for them.
// CO-26-4901 (two lines, to Berlin: customs lines) is ready to pack, partly from a split lot;
// CO-26-4902 stays in Kenya; CO-26-4903's carrier label and tracking number came from upstream.

const day = 86_400_000;

export const demoPackingOrders: Omit<EventPayload<typeof customerOrderPlaced>, 'dueOn'>[] = [
  {
    id: 'CO-26-4901',
    customer: 'Kifaru Boutique',
    country: 'DE',
    shipTo: { name: 'Kifaru Boutique', street: 'Torstraße 140', postcode: '10119', city: 'Berlin', country: 'DE' },
    service: 'DHL Express Worldwide',
    currency: 'EUR',
    lines: [
      { lineNo: 1, designSku: 'BR-CUF-001', finish: 'gold-1.0', quantity: 6, unitPriceMinor: 3400 },
      { lineNo: 2, designSku: 'BR-EAR-002', finish: 'gold-0.5', quantity: 10, unitPriceMinor: 1250 },
    ],
  },
  {
    id: 'CO-26-4902',
    customer: 'Nairobi Gift House',
    country: 'KE',
    shipTo: { name: 'Nairobi Gift House', street: 'Kimathi Street 12', city: 'Nairobi', country: 'KE' },
    service: 'G4S Courier',
    currency: 'KES',
    lines: [{ lineNo: 1, designSku: 'WD-EAR-005', finish: 'wood-natural', quantity: 8, unitPriceMinor: 32000 }],
  },
  {
    id: 'CO-26-4903',
    customer: 'Savanna & Co',
    country: 'US',
    shipTo: { name: 'Savanna & Co', street: '88 Mercer Street', postcode: '10012', city: 'New York', state: 'NY', country: 'US' },
    service: 'UPS Worldwide Saver',
    currency: 'USD',
    lines: [{ lineNo: 1, designSku: 'BR-NCK-012', finish: 'polished', quantity: 4, unitPriceMinor: 2900 }],
  },
];

// Finished lots (design, finish, pieces, bin, the way they came): gold goes through plating.
const demoStock: { sku: string; finish: string; quantity: number; bin: string }[] = [
  { sku: 'BR-CUF-001', finish: 'gold-1.0', quantity: 6, bin: 'BIN-A01' },
  { sku: 'BR-EAR-002', finish: 'gold-0.5', quantity: 4, bin: 'BIN-A02' },
  { sku: 'BR-EAR-002', finish: 'gold-0.5', quantity: 10, bin: 'BIN-B01' },
  { sku: 'WD-EAR-005', finish: 'wood-natural', quantity: 8, bin: 'BIN-C01' },
  { sku: 'BR-NCK-012', finish: 'polished', quantity: 12, bin: 'BIN-C02' },
];

export const demoCarrierTracking = '1Z999AA10123456784';

/** A carrier's label as UPS would send it for a demo order: ZPL with the tracking number as Code 128. */
export function demoCarrierZpl(order: { id: string; shipTo: Record<string, string> }, service: string, tracking: string): string {
  const to = [order.shipTo.name, order.shipTo.street, [order.shipTo.postcode, order.shipTo.city, order.shipTo.state].filter(Boolean).join(' '), order.shipTo.country].filter(Boolean).join(', ');
  return [
    '^XA^CI28^PW812^LL1218',
    `^FO40,40^A0N,40,40^FD${service.toUpperCase()}^FS`,
    `^FO40,100^A0N,28,28^FDSHIP TO: ${to}^FS`,
    `^FO40,160^A0N,28,28^FDREF: ${order.id}^FS`,
    `^FO40,220^BY3^BCN,160,Y,N,N^FD${tracking}^FS`,
    '^XZ',
  ].join('\n');
}

/** The demo orders and their stock, as the platform and the line would have made them. */
export async function seedPackingDemo(now: Date, artisanIds: string[], as: (username: string, at: Date) => Ctx): Promise<void> {
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3600_000);
  const due = (days: number) => new Date(now.getTime() + days * day).toISOString().slice(0, 10);
  await as('grace', at(30)).write(async ({ record }) => {
    for (const [i, order] of demoPackingOrders.entries()) await record(customerOrderPlaced, { ...order, dueOn: due(i + 1) });
    await record(carrierLabelIssued, { trackingNumber: demoCarrierTracking, orderId: 'CO-26-4903', carrier: 'UPS', service: 'UPS Worldwide Saver', zpl: demoCarrierZpl(demoPackingOrders[2]!, 'UPS Worldwide Saver', demoCarrierTracking) });
  });
  for (const [i, stock] of demoStock.entries()) {
    const lotId = await receiveLot(as('wanjiru', at(28)), {
      designSku: stock.sku,
      artisanId: artisanIds[i * 7 % artisanIds.length]!,
      finish: stock.finish,
      deliveryCode: null,
      quantity: stock.quantity,
      weightG: null,
      state: 'in_qc',
    });
    const path: LotState[] = stock.finish.startsWith('gold') ? ['in_qc', 'refining', 'plating', 'finished'] : ['in_qc', 'refining', 'finished'];
    for (let step = 1; step < path.length; step++)
      await moveLot(as(step === 1 ? 'otieno' : 'kiprop', at(28 - step * 6)), { lotId, from: path[step - 1]!, to: path[step]!, quantity: stock.quantity, reason: null });
    await putAway(as('mwangi', at(4)), lotId, stock.bin);
  }
}
