import { afterEach, describe, expect, it } from 'vitest';
import { record } from '../events/log';
import { designPublished } from '../reference/events';
import { openInspection } from './inspection';
import { qcWorld, type QcWorld } from './testWorld';

// The QC bench's view of a lot gives its design's checklist in both languages, so an inspector
// who reads Swahili has the checks in Swahili; a design published without them has none.

let world: QcWorld;
afterEach(() => world?.store.close());

describe('the QC bench’s design words', () => {
  it('give the Swahili name and checklist the platform published, and null where it published none', async () => {
    world = await qcWorld(0);
    const actor = { userId: 'u-halima', station: 'R1', now: () => world.clock.now };
    await world.store.db.transaction().execute((trx) =>
      record(trx, actor, designPublished, {
        sku: 'BR-EAR-002',
        name: 'Kazuri Drop Earrings',
        materials: ['brass'],
        finishes: ['polished'],
        unitWeightG: 6.2,
        tolerancePct: 5,
        platingAreaCm2: 8.5,
        qcChecklist: ['Clasp opens and closes'],
        nameSw: 'Hereni za Kazuri',
        qcChecklistSw: ['Kifungo kinafunguka na kufungika'],
      }),
    );
    const earrings = await openInspection(world.store.db, await world.receive(20));
    expect(earrings.design).toMatchObject({ checklist: ['Clasp opens and closes'], nameSw: 'Hereni za Kazuri', checklistSw: ['Kifungo kinafunguka na kufungika'] });
    const pendant = await openInspection(world.store.db, await world.receive(20, 'A-1', 'HN-PEN-003'));
    expect(pendant.design).toMatchObject({ nameSw: null, checklistSw: null });
  });
});
