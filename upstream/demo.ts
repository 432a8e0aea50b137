import { v7 as uuidv7 } from 'uuid';
import { demoCustomers, demoServices, demoUsers } from '../core/demo/data';
import { seededRandom } from '../core/demo/random';
import { demoReferenceFacts, type Fact } from '../core/demo/reference';
import { demoCarrierZpl } from '../core/packing/demo';
import { demoPlatingSetupFacts } from '../core/plating/demo';
import { demoQcSetupFacts } from '../core/qc/demo';
import { artisanOrderPlaced, carrierLabelIssued, customerOrderPlaced, deliveryNoticeSent } from '../core/reference/events';
import type { Upstream } from './service';

/**
 * A demo upstream starts holding the demo headquarters' users and reference data, as the platform
 * would, and what its QC supervisor and plating planner set up (the defect catalogue; recipes, the
 * lines' physics, the calendar), so a station that joins it can inspect and plan plating at once.
 */
export async function seedDemoUpstream(upstream: Upstream, now = new Date()): Promise<void> {
  if ((await upstream.head()) > 0) return;
  const ids = new Map<string, string>(demoUsers.map((u) => [u.username, uuidv7()]));
  const { facts } = await demoReferenceFacts(seededRandom(2026), now, ids);
  await upstream.publish(facts, ids.get('grace')!, now);
  await upstream.publish(demoQcSetupFacts(), ids.get('halima')!, now);
  await upstream.publish(demoPlatingSetupFacts(), ids.get('akinyi')!, now);
}

/**
 * What the artisans' app and the shop would send next: new artisan orders with their delivery
 * notices, and new customer orders. Only a demo upstream does this.
 */
export async function publishDemoWork(upstream: Upstream, counts: { notices: number; orders: number }, seed: number, now = new Date()): Promise<{ notices: string[]; orders: string[] }> {
  const db = upstream.store.db;
  const random = seededRandom(seed);
  const artisans = await db.selectFrom('artisans').select('id').execute();
  const designs = await db.selectFrom('designs').select(['sku', 'finishes']).execute();
  const admin = await db.selectFrom('users').select('id').where('username', '=', 'grace').executeTakeFirstOrThrow();
  const count = async (table: 'delivery_notices' | 'customer_orders' | 'artisan_orders') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  let noticeNo = 101 + (await count('delivery_notices'));
  let orderNo = 1 + (await count('artisan_orders'));
  let customerNo = 4001 + (await count('customer_orders'));
  const facts: Fact[] = [];
  const published = { notices: [] as string[], orders: [] as string[] };
  const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  for (let i = 0; i < counts.notices; i++) {
    const artisanId = random.pick(artisans).id;
    const design = random.pick(designs);
    const order = { id: `AO-26-${String(orderNo++).padStart(5, '0')}`, quantity: random.int(2, 12) * 10 };
    facts.push({ definition: artisanOrderPlaced as never, payload: { id: order.id, artisanId, designSku: design.sku, finish: random.pick(JSON.parse(design.finishes) as string[]), quantity: order.quantity, unitPriceKes: random.int(12, 120) * 10, dueOn: day(random.int(1, 20)) } });
    const code = `DN-26-${String(noticeNo++).padStart(6, '0')}`;
    facts.push({ definition: deliveryNoticeSent as never, payload: { code, artisanId, sentAt: now.toISOString(), lines: [{ lineNo: 1, artisanOrderId: order.id, designSku: design.sku, quantity: order.quantity }] } });
    published.notices.push(code);
  }
  for (let i = 0; i < counts.orders; i++) {
    const customer = random.pick(demoCustomers);
    const design = random.pick(designs);
    const id = `CO-26-${customerNo++}`;
    facts.push({
      definition: customerOrderPlaced as never,
      payload: {
        id,
        customer: customer.customer,
        country: customer.country,
        shipTo: { name: customer.customer, city: customer.city, country: customer.country },
        service: demoServices[customer.country] ?? demoServices.default!,
        currency: customer.currency,
        dueOn: day(random.int(3, 40)),
        lines: [{ lineNo: 1, designSku: design.sku, finish: random.pick(JSON.parse(design.finishes) as string[]), quantity: random.int(1, 10) * 5, unitPriceMinor: random.int(10, 90) * 100 }],
      },
    });
    published.orders.push(id);
    // Shops in the US buy their UPS label with the order: it comes down with its tracking number.
    if (customer.country === 'US') {
      const trackingNumber = `1Z9${id.replace(/\D/g, '').padStart(15, '0')}`;
      const shipTo = { name: customer.customer, city: customer.city, country: customer.country };
      facts.push({ definition: carrierLabelIssued as never, payload: { trackingNumber, orderId: id, carrier: 'UPS', service: 'UPS Worldwide Saver', zpl: demoCarrierZpl({ id, shipTo }, 'UPS Worldwide Saver', trackingNumber) } });
    }
  }
  await upstream.publish(facts, admin.id, now);
  return published;
}
