import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../db/store';
import { demoStoreFile } from '../testing/tempStore';
import { continuedIds } from './batchIds';
import { readBoard } from './boardView';
import { planPublished } from './events';
import { replan } from './plan';
import { readBatch } from './run';
import { personAt } from './testing';

// A planned batch keeps its id through re-plans while it goes on, so its printed traveller still
// scans; a traveller of a batch a re-plan took apart says where its lots went.

const held = (finish: string, ...items: [string, number][]) => ({ finish, items: items.map(([lotId, pieces]) => ({ lotId, pieces })) });

describe('which new batch goes on as which old one', () => {
  const old = [
    { id: 'PB-R1-6-001', ...held('gold-1.0', ['L-1', 30], ['L-2', 10]) },
    { id: 'PB-R1-6-002', ...held('gold-1.0', ['L-3', 20]) },
    { id: 'PB-R1-6-003', ...held('silver-1.0', ['L-4', 8]) },
  ];

  it('the same lots keep the id; a batch holding more than half of an old one goes on as it; a minority share does not', () => {
    const next = [
      held('gold-1.0', ['L-3', 20], ['L-5', 40]), // all of 002
      held('gold-1.0', ['L-1', 30]), // 30 of 001's 40
      held('gold-1.0', ['L-2', 10]), // 10 of 40: a new batch
      held('silver-1.0', ['L-4', 4]), // half of 003 is not more than half
    ];
    expect(continuedIds(old, next)).toEqual(['PB-R1-6-002', 'PB-R1-6-001', null, null]);
  });

  it('never across finishes, and one id to one batch: merged, the batch goes on as the old one it shares most with', () => {
    expect(continuedIds(old, [held('gold-2.5', ['L-1', 30], ['L-2', 10])])).toEqual([null]);
    expect(continuedIds(old, [held('gold-1.0', ['L-1', 30], ['L-2', 10], ['L-3', 20])])).toEqual(['PB-R1-6-001']);
    // Two equal shares: the first id, whichever order the old batches come in.
    const twins = [
      { id: 'PB-B', ...held('gold-1.0', ['L-8', 10]) },
      { id: 'PB-A', ...held('gold-1.0', ['L-7', 10]) },
    ];
    const next = [held('gold-1.0', ['L-7', 10], ['L-8', 10])];
    expect(continuedIds(twins, next)).toEqual(['PB-A']);
    expect(continuedIds([...twins].reverse(), next)).toEqual(['PB-A']);
  });
});

describe('a batch planned again exactly as it was', () => {
  it('keeps its own id even where a bigger old batch, first by id, shares as many of its pieces', () => {
    // PB-A holds L-1 and L-2 (15 pieces), PB-B holds L-1 alone (10). The new batch is PB-B again,
    // and also holds 10 of PB-A's 15: more than half, an equal share, and PB-A comes first by id.
    const old = [
      { id: 'PB-A', ...held('gold-1.0', ['L-1', 10], ['L-2', 5]) },
      { id: 'PB-B', ...held('gold-1.0', ['L-1', 10]) },
    ];
    expect(continuedIds(old, [held('gold-1.0', ['L-1', 10]), held('gold-1.0', ['L-2', 5], ['L-3', 20])])).toEqual(['PB-B', null]);
  });
});

describe('re-planning a store', () => {
  let store: Store;
  const at = new Date();
  beforeEach(async () => {
    store = await openStore(await demoStoreFile());
  });
  afterEach(() => store.close());
  const now = () => at;
  const planned = async () => (await readBoard(store.db, now())).batches.filter((b) => b.state === 'planned');
  const contents = (b: { finish: string; items: { lotId: string; pieces: number }[] }) => JSON.stringify([b.finish, b.items.map((i) => [i.lotId, i.pieces])]);

  it('a batch planned again with the same lots keeps its id: its traveller still opens it', async () => {
    const akinyi = await personAt(store.db, 'akinyi', now);
    await replan(akinyi, (await readBoard(store.db, now())).version, 300);
    const before = await planned();
    const { version } = await replan(akinyi, (await readBoard(store.db, now())).version, 300);
    const after = await planned();
    const same = after.filter((b) => before.some((o) => contents(o) === contents(b)));
    expect(same.length).toBeGreaterThan(0);
    // Batches alike (a lot split evenly) may trade ids among themselves: the ids of each kind are the old ones of that kind.
    const idsOf = (batches: typeof after, kind: string) => batches.filter((b) => contents(b) === kind).map((b) => b.id).sort();
    for (const kind of new Set(same.map(contents))) if (idsOf(before, kind).length === idsOf(after, kind).length) expect(idsOf(after, kind)).toEqual(idsOf(before, kind));
    // A batch of lots no old batch held most of is new to this version.
    for (const b of after.filter((x) => !before.some((o) => o.id === x.id))) expect(b.id).toMatch(new RegExp(`^PB-\\w+-${version}-\\d{3}$`));
    for (const b of same) expect((await readBatch(store.db, b.id)).items.map((i) => i.lotId)).toEqual(b.items.map((i) => i.lotId));
  });

  it("a removed batch's traveller says which batches hold its lots now; one never planned is simply not there", async () => {
    const akinyi = await personAt(store.db, 'akinyi', now);
    // a: a batch whose lots no running batch holds; b and c: two more planned batches holding none of them.
    const all = (await readBoard(store.db, now())).batches;
    const shares = (x: (typeof all)[number], y: (typeof all)[number]) => x.items.some((i) => y.items.some((j) => j.lotId === i.lotId));
    // (Which batches are planned or running depends on the hour the demo is seeded at: any finish will do.)
    const planned = all.filter((x) => x.state === 'planned');
    const a = planned.find((x) => !all.some((o) => o.state === 'running' && shares(o, x)));
    const [b, c] = planned.filter((x) => x !== a && !shares(x, a!));
    expect(c).toBeDefined();
    const version = (await readBoard(store.db, now())).version;
    // A plan (as a planner's station publishes it) that splits a's lots between b and c's successors.
    const lots = a!.items;
    const batch = (id: string, base: typeof a, extra: typeof lots) => ({ id, lineId: base!.lineId, finish: base!.finish, startAt: base!.startAt, endAt: base!.endAt, locked: false, expectedMetalG: 1, items: [...base!.items, ...extra] });
    await akinyi.write(({ record }) =>
      record(planPublished, { basedOn: version, batches: [batch('PB-X-9-001', b, lots.slice(0, 1)), batch('PB-X-9-002', c, lots.slice(1))].filter((x) => x.items.length > 0) }),
    );
    const holders = lots.length > 1 ? 'PB-X-9-001, PB-X-9-002' : 'PB-X-9-001';
    await expect(readBatch(store.db, a!.id)).rejects.toMatchObject({ code: 'plating.batchReplanned', params: { batch: a!.id, batches: holders } });
    await expect(readBatch(store.db, 'PB-NEVER-1-001')).rejects.toMatchObject({ code: 'plating.batchNotFound' });

    // Re-planned again with none of its lots left to plan: it says so, naming them.
    await akinyi.write(({ record }) => record(planPublished, { basedOn: version + 1, batches: [] }));
    await expect(readBatch(store.db, a!.id)).rejects.toMatchObject({ code: 'plating.batchReplannedAway', params: { lots: lots.map((l) => l.lotId).sort().join(', ') } });
  });
});
