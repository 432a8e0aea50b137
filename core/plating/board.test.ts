import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../db/store';
import { demoStoreFile } from '../testing/tempStore';
import { readBoard } from './boardView';
import { lockBatch, moveBatch, previewMove, replan } from './plan';
import { saveLine } from './settingsService';
import { readSettings } from './settings';
import { personAt, storeFacts } from './testing';

// The planner's board on a real demo store: plan, move, lock, re-plan, all persisted and versioned.

let store: Store;
let at: Date;
beforeEach(async () => {
  store = await openStore(await demoStoreFile());
  at = new Date();
});
afterEach(() => store.close());

// One moment per test: the refinement queue's ready times are counted from now.
const now = () => at;

describe('the plan', () => {
  it('the demo store holds a published plan that passes every rule of the checker', async () => {
    const board = await readBoard(store.db, now());
    expect(board.version).toBeGreaterThan(0);
    const planned = board.batches.filter((b) => b.state === 'planned');
    expect(planned.length).toBeGreaterThan(0);
    const akinyi = await personAt(store.db, 'akinyi', now);
    const { version } = await replan(akinyi, board.version, 300);
    const after = await readBoard(store.db, now());
    expect(after.version).toBe(version);
    expect(after.violations).toEqual([]);
    // Each batch lies on a line that runs its finish, and holds lots of that finish.
    const lines = new Map(after.lines.map((l) => [l.id, l]));
    for (const b of after.batches.filter((x) => x.state === 'planned')) expect(lines.get(b.lineId)!.finishes).toContain(b.finish);
    expect(after.goldPerDay.reduce((s, d) => s + d.grams, 0)).toBeGreaterThan(0);
  });

  it('a change made on an old version is refused and changes nothing', async () => {
    const board = await readBoard(store.db, now());
    const akinyi = await personAt(store.db, 'akinyi', now);
    const before = await storeFacts(store.db);
    await expect(replan(akinyi, board.version - 1)).rejects.toMatchObject({ code: 'plating.planChanged', params: { current: board.version, basedOn: board.version - 1 } });
    const batch = board.batches.find((b) => b.state === 'planned')!;
    await expect(lockBatch(akinyi, board.version - 1, batch.id, true)).rejects.toMatchObject({ code: 'plating.planChanged' });
    expect(await storeFacts(store.db)).toEqual(before);
  });
});

describe('moving a batch', () => {
  it('onto another batch is refused with the rule it breaks; overridden, it moves and the version goes up', async () => {
    const board = await readBoard(store.db, now());
    const planned = board.batches.filter((b) => b.state === 'planned');
    const a = planned.find((x) => planned.some((y) => y.lineId === x.lineId && y.id !== x.id))!;
    const b = planned.find((y) => y.lineId === a.lineId && y.id !== a.id)!;
    const akinyi = await personAt(store.db, 'akinyi', now);
    const move = { basedOn: board.version, batchId: a.id, lineId: b.lineId, startAt: b.startAt };
    const preview = await previewMove(akinyi, move);
    expect(preview.introduced.map((v) => v.rule)).toContain('overlap');
    // In a planner's words: both batches by id and the time on Nairobi's clock (UTC+3), never a list index or UTC.
    const overlap = preview.introduced.find((v) => v.rule === 'overlap')!.message;
    const nairobi = new Date(Date.parse(b.startAt) + 3 * 3600_000).toISOString().slice(11, 16);
    expect(overlap).toContain(a.id);
    expect(overlap).toContain(b.id);
    expect(overlap).toContain(`${nairobi} to`);
    expect(overlap).not.toMatch(/T\d\d:\d\d|Batch \d+ /);
    const before = await storeFacts(store.db);
    await expect(moveBatch(akinyi, { ...move, override: false })).rejects.toMatchObject({ code: 'plating.moveBreaksRule', params: { rule: 'overlap' } });
    expect(await storeFacts(store.db)).toEqual(before);
    const { version } = await moveBatch(akinyi, { ...move, override: true });
    expect(version).toBe(board.version + 1);
    const moved = (await readBoard(store.db, now())).batches.find((x) => x.id === a.id)!;
    expect(moved.startAt).toBe(b.startAt);
    const event = await store.db.selectFrom('events').select('payload').where('type', '=', 'plating.batchMoved').executeTakeFirstOrThrow();
    expect(JSON.parse(event.payload).overridden[0]).toMatch(/overlaps/);
  });

  it('to a free slot later on the same line keeps every rule, and the end follows the line’s cycle', async () => {
    const board = await readBoard(store.db, now());
    const planned = board.batches.filter((b) => b.state === 'planned');
    const last = planned.filter((b) => b.lineId === planned[0]!.lineId).at(-1)!;
    const akinyi = await personAt(store.db, 'akinyi', now);
    // The next day at 08:00 Nairobi, after everything else on the line and its changeover.
    const day = new Date(Date.parse(board.objective.makespan!) + 86_400_000 + 3 * 3600_000).toISOString().slice(0, 10);
    let start = new Date(`${day}T08:00:00+03:00`);
    if (start.getUTCDay() === 0) start = new Date(start.getTime() + 86_400_000);
    const preview = await previewMove(akinyi, { basedOn: board.version, batchId: last.id, lineId: last.lineId, startAt: start.toISOString() });
    expect(preview.introduced).toEqual([]);
    expect(Date.parse(preview.endAt) - start.getTime()).toBe(Date.parse(last.endAt) - Date.parse(last.startAt));
  });
});

describe('locks and re-planning', () => {
  it('a locked batch keeps its id, line and time through a re-plan; the rest is planned around it', async () => {
    const akinyi = await personAt(store.db, 'akinyi', now);
    await replan(akinyi, (await readBoard(store.db, now())).version, 300);
    const board = await readBoard(store.db, now());
    const target = board.batches.filter((b) => b.state === 'planned').at(-1)!;
    const { version } = await lockBatch(akinyi, board.version, target.id, true);
    await replan(akinyi, version, 300);
    const after = await readBoard(store.db, now());
    const kept = after.batches.find((b) => b.id === target.id)!;
    expect(kept).toMatchObject({ lineId: target.lineId, startAt: target.startAt, endAt: target.endAt, locked: true });
    expect(after.violations).toEqual([]);
    expect(after.version).toBe(version + 1);
  });
});

describe('settings that would break the plan', () => {
  it('removing a finish a planned batch needs from its line is refused, naming the batch', async () => {
    const board = await readBoard(store.db, now());
    const batch = board.batches.find((b) => b.state === 'planned')!;
    const settings = await readSettings(store.db);
    const line = settings.lines.find((l) => l.id === batch.lineId)!;
    const akinyi = await personAt(store.db, 'akinyi', now);
    const before = await storeFacts(store.db);
    await expect(saveLine(akinyi, { ...line, finishes: line.finishes.filter((f) => f !== batch.finish).concat(line.finishes.length === 1 ? ['silver-1.0'] : []) })).rejects.toMatchObject({
      code: 'plating.editBreaksPlan',
    });
    expect(await storeFacts(store.db)).toEqual(before);
    // A harmless edit (a longer changeover default well inside the gaps) goes through.
    await saveLine(akinyi, { ...line, name: `${line.name} ` });
  });
});
