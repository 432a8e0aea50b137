import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../api/errors';
import type { Role } from '../api/roles';
import { Bus } from '../app/bus';
import { createContext, type Ctx } from '../app/context';
import type { Db, LotState } from '../db/schema';
import { hashPin } from '../auth/pin';
import { moveLot, receiveLot } from '../lots/service';
import { createStation } from '../station/service';
import { deviceSaved } from '../station/events';
import { userAdded } from '../users/events';
import {
  demoCustomers,
  demoDesigns,
  demoPlatingLines,
  demoServices,
  demoStations,
  demoUsers,
  qcChecklist,
  regions,
} from './data';
import { seededRandom, type Random } from './random';

export interface DemoLogin {
  username: string;
  pin: string;
  roles: Role[];
}

const day = 86_400_000;

export async function isEmptyStore(db: Db): Promise<boolean> {
  const station = await db.selectFrom('station').select('id').executeTakeFirst();
  const user = await db.selectFrom('users').select('id').executeTakeFirst();
  return !station && !user;
}

/** Fills an empty store with the demo headquarters. A demo store is marked and can never enroll upstream. */
export async function seedDemo(db: Db, now: Date = new Date(), seed = 2026): Promise<DemoLogin[]> {
  const random = seededRandom(seed);
  const artisanIds = await seedReferenceData(db, random, now);
  const ids = new Map<string, string>(demoUsers.map((u) => [u.username, uuidv7()]));
  const adminId = ids.get('grace')!;
  const bus = new Bus();
  const contextAt = (userId: string, at: Date): Ctx => createContext({ db, bus, now: () => at, statusChanged: () => undefined }, null, userId);

  const admin = contextAt(adminId, new Date(now.getTime() - 90 * day));
  const hashes = await Promise.all(demoUsers.map((u) => hashPin(u.pin)));
  await admin.write(async ({ record }) => {
    for (const [i, u] of demoUsers.entries())
      await record(userAdded, { id: ids.get(u.username)!, username: u.username, name: u.name, roles: [...u.roles], pinHash: hashes[i]! });
    await record(deviceSaved, { id: uuidv7(), kind: 'scale', name: 'Bench scale', driver: 'simulated', address: '' });
    await record(deviceSaved, { id: uuidv7(), kind: 'label_printer', name: 'Lot label printer', driver: 'simulated', address: '' });
    await record(deviceSaved, { id: uuidv7(), kind: 'receipt_printer', name: 'Receipt printer', driver: 'simulated', address: '' });
    await record(deviceSaved, { id: uuidv7(), kind: 'scanner', name: 'Handheld scanner', driver: 'keyboard', address: '' });
  });
  await seedPastLots(random, now, artisanIds, (username, at) => contextAt(ids.get(username)!, at));
  return demoUsers.map((u) => ({ username: u.username, pin: u.pin, roles: [...u.roles] }));
}

async function seedReferenceData(db: Db, random: Random, now: Date): Promise<string[]> {
  const isoDay = (offsetDays: number) => new Date(now.getTime() + offsetDays * day).toISOString().slice(0, 10);
  const artisanIds: string[] = [];
  await db.transaction().execute(async (trx) => {
    // Checked inside the transaction, so a second request sent at the same time is refused clearly.
    if (!(await isEmptyStore(trx))) throw new AppError('setup.notEmpty', 'This store already has data; the demo goes only into an empty store');
    await createStation(trx, { code: 'R1', name: 'Receiving desk', demo: true, at: now.toISOString() });
    await trx.insertInto('site_stations').values(demoStations).execute();
    let n = 1;
    for (const [region, names] of Object.entries(regions)) {
      for (let i = 0; i < 6; i++, n++) {
        const id = `A-${String(n).padStart(5, '0')}`;
        artisanIds.push(id);
        await trx
          .insertInto('artisans')
          .values({
            id,
            name: `${random.pick(names.first)} ${random.pick(names.last)}`,
            phone: `+2547${random.int(10_000_000, 99_999_999)}`,
            region,
            joined_on: isoDay(-random.int(60, 1500)),
          })
          .execute();
      }
    }
    for (const d of demoDesigns) {
      const checklist = d.materials.flatMap((m) => qcChecklist[m] ?? []);
      await trx
        .insertInto('designs')
        .values({
          sku: d.sku,
          name: d.name,
          materials: JSON.stringify(d.materials),
          finishes: JSON.stringify(d.finishes),
          unit_weight_g: d.unitWeightG,
          weight_tolerance_pct: d.tolerancePct,
          plating_area_cm2: d.platingAreaCm2,
          qc_checklist: JSON.stringify(checklist),
        })
        .execute();
    }
    for (const line of demoPlatingLines)
      await trx
        .insertInto('plating_lines')
        .values({ id: line.id, name: line.name, finishes: JSON.stringify(line.finishes), capacity_dm2: line.capacityDm2, max_pieces: line.maxPieces })
        .execute();

    // Open artisan orders, and delivery notices for some of them waiting at the desk.
    let orderNo = 1;
    let noticeNo = 101;
    for (const artisanId of artisanIds) {
      const orders: { id: string; sku: string; quantity: number }[] = [];
      for (let k = random.int(1, 2); k > 0; k--) {
        const design = random.pick(demoDesigns);
        const id = `AO-26-${String(orderNo++).padStart(5, '0')}`;
        const quantity = random.int(2, 12) * 10;
        orders.push({ id, sku: design.sku, quantity });
        await trx
          .insertInto('artisan_orders')
          .values({ id, artisan_id: artisanId, design_sku: design.sku, finish: random.pick(design.finishes), quantity, unit_price_kes: design.priceKes, due_on: isoDay(random.int(-5, 30)), status: 'open' })
          .execute();
      }
      if (noticeNo < 113 && random.chance(0.25)) {
        const code = `DN-26-${String(noticeNo++).padStart(6, '0')}`;
        await trx.insertInto('delivery_notices').values({ code, artisan_id: artisanId, sent_at: new Date(now.getTime() - random.int(1, 48) * 3600_000).toISOString(), status: 'expected' }).execute();
        for (const [i, order] of orders.entries())
          await trx.insertInto('delivery_notice_lines').values({ notice_code: code, line_no: i + 1, artisan_order_id: order.id, design_sku: order.sku, quantity: order.quantity }).execute();
      }
    }

    for (let i = 1; i <= 20; i++) {
      const customer = random.pick(demoCustomers);
      const id = `CO-26-${String(4000 + i)}`;
      await trx
        .insertInto('customer_orders')
        .values({
          id,
          customer: customer.customer,
          country: customer.country,
          ship_to: JSON.stringify({ name: customer.customer, city: customer.city, country: customer.country }),
          service: demoServices[customer.country] ?? demoServices.default!,
          currency: customer.currency,
          due_on: isoDay(random.int(3, 40)),
          status: 'open',
        })
        .execute();
      for (let line = 1; line <= random.int(1, 3); line++) {
        const design = random.pick(demoDesigns);
        await trx
          .insertInto('customer_order_lines')
          .values({ order_id: id, line_no: line, design_sku: design.sku, finish: random.pick(design.finishes), quantity: random.int(1, 10) * 5, unit_price_minor: Math.round(design.priceKes * 9) })
          .execute();
      }
    }
  });
  return artisanIds;
}

// A lot's past: received, then pieces moved along the line as far as this lot has come.
const journeys: { path: LotState[]; weight: number }[] = [
  { path: ['in_qc'], weight: 3 },
  { path: ['in_qc', 'refining'], weight: 2 },
  { path: ['in_qc', 'refining', 'plating'], weight: 2 },
  { path: ['in_qc', 'refining', 'plating', 'finished'], weight: 3 },
  { path: ['in_qc', 'refining', 'finished', 'packed', 'shipped'], weight: 2 },
];

async function seedPastLots(random: Random, now: Date, artisanIds: string[], as: (username: string, at: Date) => Ctx): Promise<void> {
  const weights = journeys.flatMap((j) => Array<LotState[]>(j.weight).fill(j.path));
  for (let i = 0; i < 120; i++) {
    const design = random.pick(demoDesigns);
    const quantity = random.int(2, 12) * 10;
    let at = new Date(now.getTime() - (120 - i) * 0.5 * day - random.int(0, 6) * 3600_000);
    const weightG = Math.round(quantity * design.unitWeightG * (1 + (random.next() - 0.5) * 0.04) * 10) / 10;
    const lotId = await receiveLot(as('wanjiru', at), {
      designSku: design.sku,
      artisanId: random.pick(artisanIds),
      finish: random.pick(design.finishes),
      deliveryCode: null,
      quantity,
      weightG,
      state: 'in_qc',
    });
    const path = random.pick(weights);
    let remaining = quantity;
    for (let step = 1; step < path.length; step++) {
      at = new Date(at.getTime() + random.int(2, 20) * 3600_000);
      if (at > now) break;
      const from = path[step - 1]!;
      if (from === 'in_qc' && random.chance(0.3)) {
        const rejected = random.int(1, Math.max(1, Math.floor(remaining / 10)));
        await moveLot(as('otieno', at), { lotId, from, to: 'returned', quantity: rejected, reason: 'Casting porosity' });
        remaining -= rejected;
      }
      const user = from === 'in_qc' ? 'otieno' : from === 'finished' || from === 'packed' ? 'mwangi' : 'kiprop';
      await moveLot(as(user, at), { lotId, from, to: path[step]!, quantity: remaining, reason: null });
    }
  }
}
