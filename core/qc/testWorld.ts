import { Bus } from '../app/bus';
import { createContext, type Ctx } from '../app/context';
import type { Role } from '../api/roles';
import type { Db } from '../db/schema';
import { openStore, type Store } from '../db/store';
import { record } from '../events/log';
import { receiveLot } from '../lots/service';
import { artisanRegistered, designPublished } from '../reference/events';
import { createStation } from '../station/service';
import { tempStoreFile } from '../testing/tempStore';
import { demoDefectCodes } from './demo';
import { qcDefaultsSet, qcDefectCodeSaved, qcDesignSet } from './events';
import type { InspectionViewOut } from './contract';
import { openInspection, type InspectionView } from './inspection';
import { markGood } from './service';

// A small real store for the QC tests: one station, two artisans, two designs, the demo's defect
// catalogue, and people acting at a clock the test moves.

export interface QcWorld {
  store: Store;
  file: string;
  clock: { now: Date };
  as(role: 'inspector' | 'supervisor' | 'clerk'): Ctx;
  receive(quantity: number, artisanId?: string, designSku?: string): Promise<string>;
  reopen(): Promise<void>;
}

const people = { inspector: { id: 'u-otieno', name: 'Otieno Ouma' }, supervisor: { id: 'u-halima', name: 'Halima Hassan' }, clerk: { id: 'u-wanjiru', name: 'Wanjiru Kamau' } };

export async function qcWorld(firstLots = 0): Promise<QcWorld> {
  const file = tempStoreFile();
  const clock = { now: new Date('2026-06-01T06:00:00Z') };
  const world = { file, clock, store: await openStore(file) } as QcWorld;
  const db = () => world.store.db;
  await db().transaction().execute(async (trx) => {
    await createStation(trx, { code: 'R1', name: 'QC bench', demo: false, at: clock.now.toISOString() });
    for (const [role, p] of Object.entries(people))
      await trx.insertInto('users').values({ id: p.id, username: role, name: p.name, roles: JSON.stringify([role]), pin_hash: 'x', language: 'en', disabled: 0 }).execute();
    const actor = { userId: people.supervisor.id, station: 'R1', now: () => clock.now };
    await record(trx, actor, artisanRegistered, { id: 'A-1', name: 'Nyaboke Omari', phone: '+254711000001', region: 'Kisii', joinedOn: '2024-01-01' });
    await record(trx, actor, artisanRegistered, { id: 'A-2', name: 'Kamau Njoroge', phone: '+254711000002', region: 'Kiambu', joinedOn: '2024-01-01' });
    await record(trx, actor, designPublished, { sku: 'BR-EAR-002', name: 'Kazuri Drop Earrings', materials: ['brass'], finishes: ['polished'], unitWeightG: 6.2, tolerancePct: 5, platingAreaCm2: 8.5, qcChecklist: ['Clasp opens and closes'] });
    await record(trx, actor, designPublished, { sku: 'HN-PEN-003', name: 'Ankole Horn Crescent Pendant', materials: ['ankole horn', 'brass'], finishes: ['horn-polished'], unitWeightG: 11.5, tolerancePct: 8, platingAreaCm2: 3.2, qcChecklist: [] });
    await record(trx, actor, qcDefaultsSet, { majorAql: 2.5, minorAql: 4.0, level: 'II', firstLots });
    for (const code of demoDefectCodes) await record(trx, actor, qcDefectCodeSaved, code);
    await record(trx, actor, qcDesignSet, { designSku: 'BR-EAR-002', majorAql: null, minorAql: null, level: null, lengthMm: 42, lengthToleranceMm: 1.5, imageUrl: null });
  });
  world.as = (role) => {
    const p = people[role];
    return createContext({ db: db(), bus: new Bus(), now: () => clock.now, statusChanged: () => undefined }, { token: 't', user: { id: p.id, username: role, name: p.name, roles: [role as Role], language: 'en', disabled: false } });
  };
  world.receive = (quantity, artisanId = 'A-1', designSku = 'BR-EAR-002') =>
    receiveLot(world.as('clerk'), { designSku, artisanId, finish: designSku === 'BR-EAR-002' ? 'polished' : 'horn-polished', deliveryCode: null, quantity, weightG: null, state: 'in_qc' });
  world.reopen = async () => {
    await world.store.close();
    world.store = await openStore(file);
  };
  return world;
}

export async function eventCount(db: Db): Promise<number> {
  const row = await db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The inspector marks good, one by one, every piece of the lot's sample not yet judged. */
export async function restGood(ctx: Ctx, lotId: string): Promise<InspectionView> {
  let view = await openInspection(ctx.db, lotId);
  for (const piece of view.toJudge) view = await markGood(ctx, { lotId, piece });
  return view;
}

type Caller = <T>(name: string, input?: unknown) => Promise<T>;

/** At a bench over the API: every piece not yet judged marked good; the inspection judged. */
export async function judgeAtBench(call: Caller, lotId: string): Promise<string | null> {
  let view = await call<InspectionViewOut>('qc.open', { lotId });
  for (const piece of view.toJudge) view = await call<InspectionViewOut>('qc.markGood', { lotId, piece });
  return view.inspectionId;
}

type Decided = { verdict: 'accept' | 'reject'; disposition: 'return' | 'sort' | 'rework' | null; reason: string | null };

/** At a bench over the API: every piece not yet judged marked good, then the decision on the inspection as judged. */
export async function decideAtBench(call: Caller, lotId: string, d: Decided) {
  return call('qc.decide', { lotId, inspectionId: await judgeAtBench(call, lotId), ...d });
}
