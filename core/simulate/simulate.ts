import { sql } from 'kysely';
import { AppError } from '../kernel/errors';
import { Bus } from '../app/bus';
import { createContext } from '../app/context';
import { lotStates, type Db, type LotState } from '../db/schema';
import { seededRandom } from '../demo/random';
import type { Role } from '../api/roles';
import type { Authority } from '../events/define';
import { leavingQuarantine, lotMoved, lotReceived } from '../lots/events';
import { moveLot, receiveLot } from '../lots/service';
import { boxShipped, lotPutAway } from '../packing/events';
import { batchStarted, planPublished, refinementStepDone } from '../plating/events';
import { qcDecided } from '../qc/events';
import { nextStates } from '../lots/transitions';
import { simulatePacking } from '../packing/simulate';
import { simulateInspection } from '../qc/demo';
import { simulatePlating } from '../plating/simulate';

export interface SimulationReport {
  received: number;
  moved: number;
  inspected: number;
  plating: number;
  packing: number;
}

/**
 * Random valid operations of a day at HQ, as this station's users: lots received from the
 * site's artisans, and pieces moved along the line. Grows with each feature.
 */
export async function simulateDay(db: Db, ops: number, seed: number, now: () => Date = () => new Date()): Promise<SimulationReport> {
  const random = seededRandom(seed);
  const users = (await db.selectFrom('users').select(['id', 'roles']).where('disabled', '=', 0).execute()).map((u) => ({ id: u.id, roles: JSON.parse(u.roles) as Role[] }));
  const designs = await db.selectFrom('designs').select(['sku', 'finishes']).execute();
  const artisans = await db.selectFrom('artisans').select('id').execute();
  if (!users.length || !designs.length || !artisans.length)
    throw new AppError('simulate.empty', 'This store has no users, designs or artisans yet: seed it or sync it first');
  const report: SimulationReport = { received: 0, moved: 0, inspected: 0, plating: 0, packing: 0 };
  const bus = new Bus();
  // Each kind of work is done by one of the people who may make its facts, as the upstream checks.
  const as = (...facts: { authority: Authority }[]) => {
    const able = users.filter((u) => facts.every((f) => f.authority.by !== 'person' || f.authority.roles === 'anyone' || f.authority.roles.some((r) => u.roles.includes(r))));
    if (able.length === 0) throw new AppError('simulate.empty', 'This store has no user who may do this work: seed it or sync it first');
    return createContext({ db, bus, now, statusChanged: () => undefined }, null, random.pick(able).id);
  };
  for (let i = 0; i < ops; i++) {
    if (random.chance(0.2) && (await simulateInspection(as(qcDecided, lotMoved), random))) {
      report.inspected++;
      continue;
    }
    if (random.chance(0.15) && (await simulatePlating(as(planPublished, batchStarted, refinementStepDone), random))) {
      report.plating++;
      continue;
    }
    if (random.chance(0.15) && (await simulatePacking(as(boxShipped, lotPutAway), random))) {
      report.packing++;
      continue;
    }
    const candidates = random.chance(0.3) ? [] : await movableLots(db, random.int(0, 1_000_000));
    if (candidates.length === 0) {
      const design = random.pick(designs);
      await receiveLot(as(lotReceived), {
        designSku: design.sku,
        artisanId: random.pick(artisans).id,
        finish: random.pick(JSON.parse(design.finishes) as string[]),
        deliveryCode: null,
        quantity: random.int(1, 20) * 5,
        weightG: null,
        state: random.chance(0.95) ? 'in_qc' : 'quarantine',
      });
      report.received++;
      continue;
    }
    const lot = random.pick(candidates);
    const held = lotStates.filter((s) => lot[s] > 0 && nextStates(s).length > 0);
    const from: LotState = random.pick(held);
    const to = random.pick(nextStates(from));
    const move = { lotId: lot.id, from, to, quantity: random.int(1, lot[from]), reason: null };
    // Out of quarantine only a supervisor moves pieces, as the upstream checks (lotMoved's stricter rule).
    await moveLot(as(lotMoved, { authority: { by: 'person', roles: leavingQuarantine(move) ?? 'anyone' } }), move);
    report.moved++;
  }
  return report;
}

/** A handful of lots that still have pieces that can move, starting from a random place. */
async function movableLots(db: Db, pivot: number) {
  const movable = sql<boolean>`(in_qc + quarantine + rework + refining + plating + finished + packed) > 0`;
  const query = db.selectFrom('lots').select(['id', ...lotStates]).where(movable).limit(20);
  const after = await query.where(sql`rowid`, '>=', pivot % 1000).execute();
  return after.length ? after : query.execute();
}
