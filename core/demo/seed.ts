import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../kernel/errors';
import type { Role } from '../api/roles';
import { Bus } from '../app/bus';
import { createContext, type Ctx } from '../app/context';
import type { Db, LotState } from '../db/schema';
import { moveLot, receiveLot } from '../lots/service';
import { createStation } from '../station/service';
import { deviceSaved } from '../station/events';
import { record } from '../events/log';
import { seedPlating } from '../plating/demo';
import { demoReferenceFacts } from './reference';
import { seedQcDemo } from '../qc/demo';
import { demoDesigns, demoUsers } from './data';
import { seededRandom, type Random } from './random';
import { seedPackingDemo } from '../packing/demo';
import { demoPrinterSetups, settleDemoPrints } from '../printing/demo';
import { printerSet } from '../printing/events';

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
  const ids = new Map<string, string>(demoUsers.map((u) => [u.username, uuidv7()]));
  const adminId = ids.get('grace')!;
  const { facts, artisanIds } = await demoReferenceFacts(random, now, ids);
  const setupAt = new Date(now.getTime() - 90 * day);
  // Station, users, devices and reference data in one transaction: a crash leaves an empty store, never half a demo.
  await db.transaction().execute(async (trx) => {
    // Checked inside the transaction, so a second request sent at the same time is refused clearly.
    if (!(await isEmptyStore(trx))) throw new AppError('setup.notEmpty', 'This store already has data; the demo goes only into an empty store');
    await createStation(trx, { code: 'R1', name: 'Receiving desk', demo: true, at: now.toISOString() });
    const actor = { userId: adminId, station: 'R1', now: () => setupAt };
    for (const f of facts) await record(trx, actor, f.definition, f.payload as never);
    await record(trx, actor, deviceSaved, { id: uuidv7(), kind: 'scale', name: 'Bench scale', driver: 'simulated', address: '' });
    const labelPrinter = uuidv7();
    const receiptPrinter = uuidv7();
    await record(trx, actor, deviceSaved, { id: labelPrinter, kind: 'label_printer', name: 'Lot label printer', driver: 'simulated', address: '' });
    await record(trx, actor, deviceSaved, { id: receiptPrinter, kind: 'receipt_printer', name: 'Receipt printer', driver: 'simulated', address: '' });
    for (const setup of demoPrinterSetups(labelPrinter, receiptPrinter)) await record(trx, actor, printerSet, setup);
    await record(trx, actor, deviceSaved, { id: uuidv7(), kind: 'scanner', name: 'Handheld scanner', driver: 'keyboard', address: '' });
  });
  const bus = new Bus();
  const contextAt = (userId: string, at: Date): Ctx => createContext({ db, bus, now: () => at, statusChanged: () => undefined }, null, userId);
  await seedPastLots(random, now, artisanIds, (username, at) => contextAt(ids.get(username)!, at));
  await seedQcDemo(now, artisanIds, (username, at) => contextAt(ids.get(username)!, at));
  await seedPlating(db, now, (username, at) => contextAt(ids.get(username)!, at));
  await seedPackingDemo(now, artisanIds, (username, at) => contextAt(ids.get(username)!, at));
  await settleDemoPrints(db);
  return demoUsers.map((u) => ({ username: u.username, pin: u.pin, roles: [...u.roles] }));
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
