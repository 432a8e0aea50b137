import type { BenchCase } from '../benchCase';
import { latencyFigures, timeEach } from '../measure';

// The packing table on the seeded store: scanning a customer order to its pick list (the
// allocation worked out by due date over every open order of the same items and the finished
// lots), and scanning a lot label into a box (checks, the allocation again, two events). First
// the store gets the open orders of a busy season, written as rows (as the seed writes its history).

const openOrders = 20_000;
const opens = 500;
const scans = 200;
const warmup = 20;

type Pick = { lines: { pick: { lotId: string }[] }[]; order: { id: string } };

export const benchCase: BenchCase = {
  name: 'packing: order scan → pick list, lot label into the box',
  targets: { 'order scan → pick list p99': { below: 100 }, 'lot label scanned into the box p99': { below: 150 } },
  async run(env) {
    const db = env.app.store.db;
    const items = await db
      .selectFrom('lots')
      .select(['design_sku', 'finish'])
      .where('finished', '>', 0)
      .groupBy(['design_sku', 'finish'])
      .limit(5_000)
      .execute();
    if (!items.length) throw new Error('The seeded store has no finished stock to pack');
    const start = Date.now();
    const day = (offset: number) => new Date(start + offset * 86_400_000).toISOString().slice(0, 10);
    const ids: string[] = [];
    // Each run its own orders: the store may be kept between runs.
    const run = start.toString(36).toUpperCase();
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < openOrders; i += 500) {
        const orders = Array.from({ length: Math.min(500, openOrders - i) }, (_, k) => `CO-B${run}-${String(i + k).padStart(6, '0')}`);
        ids.push(...orders);
        await trx
          .insertInto('customer_orders')
          .values(orders.map((id) => ({ id, customer: 'Bench Shop', country: 'DE', ship_to: '{"city":"Berlin"}', service: 'DHL Express Worldwide', currency: 'EUR', due_on: day(env.random.int(1, 90)), status: 'open' })))
          .execute();
        const lines = orders.flatMap((id) =>
          Array.from({ length: env.random.int(1, 3) }, (_, n) => {
            const item = env.random.pick(items);
            return { order_id: id, line_no: n + 1, design_sku: item.design_sku, finish: item.finish, quantity: env.random.int(1, 10) * 5, unit_price_minor: 2500 };
          }),
        );
        await trx.insertInto('customer_order_lines').values(lines).execute();
      }
    });
    const sample = Array.from({ length: warmup + opens }, () => env.random.pick(ids));
    const openMs = await timeEach(sample, warmup, async (id) => {
      await env.call('packing.open', { code: id });
    });
    // Orders with something allocated, a box opened for each; then its first lot label scanned in.
    const ready: { boxId: string; lotId: string }[] = [];
    for (const id of ids) {
      if (ready.length >= warmup + scans) break;
      const view = await env.call<Pick>('packing.open', { code: id });
      const lot = view.lines.flatMap((l) => l.pick)[0];
      if (!lot || ready.some((r) => r.lotId === lot.lotId)) continue;
      const { boxId } = await env.call<{ boxId: string }>('packing.openBox', { orderId: id, boxType: 'medium' });
      ready.push({ boxId, lotId: lot.lotId });
    }
    const scanMs = await timeEach(ready, Math.min(warmup, ready.length - 1), async ({ boxId, lotId }) => {
      await env.call('packing.scan', { boxId, code: lotId, quantity: null });
    });
    return [
      ...latencyFigures(openMs, 'order scan → pick list'),
      ...latencyFigures(scanMs, 'lot label scanned into the box'),
      { name: 'open orders', value: openOrders, unit: 'orders' },
    ];
  },
};
