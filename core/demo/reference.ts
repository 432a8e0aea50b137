import type { EventDefinition } from '../events/define';
import { hashPin } from '../auth/pin';
import {
  artisanOrderPlaced,
  artisanRegistered,
  customerOrderPlaced,
  deliveryNoticeSent,
  designPublished,
  platingLineConfigured,
  siteStationRegistered,
} from '../reference/events';
import { userAdded } from '../users/events';
import { demoCustomers, demoDesigns, demoPlatingLines, demoServices, demoStations, demoUsers, qcChecklist, qcChecklistSw, regions } from './data';
import type { Random } from './random';

/** One fact to record: an event definition and its payload. */
export interface Fact {
  definition: EventDefinition<never>;
  payload: unknown;
}

export function fact<P>(definition: EventDefinition<P>, payload: P): Fact {
  return { definition: definition as unknown as EventDefinition<never>, payload };
}

const day = 86_400_000;

/**
 * The demo headquarters' reference data and users as the facts upstream would send: the same
 * list seeds a standalone demo station and a demo upstream.
 */
export async function demoReferenceFacts(random: Random, now: Date, userIds: Map<string, string>): Promise<{ facts: Fact[]; artisanIds: string[] }> {
  const isoDay = (offsetDays: number) => new Date(now.getTime() + offsetDays * day).toISOString().slice(0, 10);
  const facts: Fact[] = [];
  const hashes = await Promise.all(demoUsers.map((u) => hashPin(u.pin)));
  for (const [i, u] of demoUsers.entries())
    facts.push(fact(userAdded, { id: userIds.get(u.username)!, username: u.username, name: u.name, roles: [...u.roles], pinHash: hashes[i]! }));
  for (const s of demoStations) facts.push(fact(siteStationRegistered, s));

  const artisanIds: string[] = [];
  let n = 1;
  for (const [region, names] of Object.entries(regions))
    for (let i = 0; i < 6; i++, n++) {
      const id = `A-${String(n).padStart(5, '0')}`;
      artisanIds.push(id);
      facts.push(
        fact(artisanRegistered, {
          id,
          name: `${random.pick(names.first)} ${random.pick(names.last)}`,
          phone: `+2547${random.int(10_000_000, 99_999_999)}`,
          region,
          joinedOn: isoDay(-random.int(60, 1500)),
        }),
      );
    }
  for (const d of demoDesigns)
    facts.push(
      fact(designPublished, {
        sku: d.sku,
        name: d.name,
        materials: d.materials,
        finishes: d.finishes,
        unitWeightG: d.unitWeightG,
        tolerancePct: d.tolerancePct,
        platingAreaCm2: d.platingAreaCm2,
        qcChecklist: d.materials.flatMap((m) => qcChecklist[m] ?? []),
        nameSw: d.nameSw,
        qcChecklistSw: d.materials.flatMap((m) => qcChecklistSw[m] ?? []),
      }),
    );
  for (const line of demoPlatingLines) facts.push(fact(platingLineConfigured, line));

  // Open artisan orders, and delivery notices for some of them waiting at the desk.
  let orderNo = 1;
  let noticeNo = 101;
  for (const artisanId of artisanIds) {
    const orders: { id: string; sku: string; quantity: number }[] = [];
    // The first notice at the desk has three lines, so a demo delivery shows every case.
    for (let k = noticeNo === 101 && artisanIds.indexOf(artisanId) === 0 ? 3 : random.int(1, 2); k > 0; k--) {
      const design = random.pick(demoDesigns);
      const id = `AO-26-${String(orderNo++).padStart(5, '0')}`;
      const quantity = random.int(2, 12) * 10;
      orders.push({ id, sku: design.sku, quantity });
      facts.push(
        fact(artisanOrderPlaced, { id, artisanId, designSku: design.sku, finish: random.pick(design.finishes), quantity, unitPriceKes: design.priceKes, dueOn: isoDay(random.int(-5, 30)) }),
      );
    }
    if (noticeNo < 113 && (noticeNo === 101 || random.chance(0.25)))
      facts.push(
        fact(deliveryNoticeSent, {
          code: `DN-26-${String(noticeNo++).padStart(6, '0')}`,
          artisanId,
          sentAt: new Date(now.getTime() - random.int(1, 48) * 3600_000).toISOString(),
          lines: orders.map((o, i) => ({ lineNo: i + 1, artisanOrderId: o.id, designSku: o.sku, quantity: o.quantity })),
        }),
      );
  }
  // Two more three-line notices, each line a bag the weight counts for sure, so a whole delivery can
  // be received by keys in each language (e2e/receiving.spec.ts). Fixed, drawing nothing at random.
  const threeLines = [
    { code: 'DN-26-000201', artisanId: 'A-00058', lines: [['BR-CUF-001', 'polished', 20], ['BR-NCK-006', 'polished', 20], ['BN-BNG-004', 'polished', 30]] },
    { code: 'DN-26-000202', artisanId: 'A-00052', lines: [['BR-CUF-009', 'raw-brass', 30], ['BR-NCK-012', 'polished', 40], ['HN-CUF-015', 'horn-polished', 20]] },
  ] as const;
  for (const notice of threeLines) {
    const ids = notice.lines.map(([sku, finish, quantity]) => {
      const id = `AO-26-${String(orderNo++).padStart(5, '0')}`;
      const unitPriceKes = demoDesigns.find((d) => d.sku === sku)!.priceKes;
      facts.push(fact(artisanOrderPlaced, { id, artisanId: notice.artisanId, designSku: sku, finish, quantity, unitPriceKes, dueOn: isoDay(14) }));
      return id;
    });
    const lines = notice.lines.map(([designSku, , quantity], i) => ({ lineNo: i + 1, artisanOrderId: ids[i]!, designSku, quantity }));
    facts.push(fact(deliveryNoticeSent, { code: notice.code, artisanId: notice.artisanId, sentAt: new Date(now.getTime() - 3 * 3600_000).toISOString(), lines }));
  }

  for (let i = 1; i <= 20; i++) {
    const customer = random.pick(demoCustomers);
    const lines = Array.from({ length: random.int(1, 3) }, (_, k) => {
      const design = random.pick(demoDesigns);
      return { lineNo: k + 1, designSku: design.sku, finish: random.pick(design.finishes), quantity: random.int(1, 10) * 5, unitPriceMinor: Math.round(design.priceKes * 9) };
    });
    facts.push(
      fact(customerOrderPlaced, {
        id: `CO-26-${String(4000 + i)}`,
        customer: customer.customer,
        country: customer.country,
        shipTo: { name: customer.customer, city: customer.city, country: customer.country },
        service: demoServices[customer.country] ?? demoServices.default!,
        currency: customer.currency,
        dueOn: isoDay(random.int(3, 40)),
        lines,
      }),
    );
  }
  return { facts, artisanIds };
}
