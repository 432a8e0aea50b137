import { describe, expect, it } from 'vitest';
import { exhaustiveOptimum } from './exhaustive';
import { generateInstance } from './generate';
import { check, lowerBound, parseInstance, solve, type Instance } from './index';
import { dispatchOnly } from './solve';

// The scheduler's output always passes the checker; on a tiny instance it reaches the optimum that
// exhaustive search finds; locked batches stay as they are; it is never worse than its baselines.

describe('the plating scheduler on generated instances', () => {
  it.each([
    [30, 1, 0.5],
    [120, 2, 0.7],
    [300, 3, 0.3],
    [300, 4, 0.9],
  ])('%i lots (seed %i, tightness %f): every rule holds, every piece once, and no baseline does better', (lots, seed, tau) => {
    const instance = parseInstance(JSON.parse(JSON.stringify(generateInstance({ lots, seed, tau }))));
    const schedule = solve(instance, { timeLimitMs: 400, seed });
    const result = check(instance, schedule);
    expect(result.violations).toEqual([]);
    expect(schedule.objective).toEqual(result.objective);
    const pieces = new Map<string, number>();
    for (const batch of schedule.batches) for (const item of batch.items) pieces.set(item.lot, (pieces.get(item.lot) ?? 0) + item.pieces);
    expect(pieces).toEqual(new Map(instance.lots.map((l) => [l.id, l.pieces])));
    for (const kind of ['fifo', 'edd', 'atc'] as const) {
      const baseline = dispatchOnly(instance, kind);
      expect(check(instance, baseline).valid).toBe(true);
      expect(schedule.objective.weightedTardinessMinutes).toBeLessThanOrEqual(baseline.objective.weightedTardinessMinutes + 1e-6);
    }
    expect(lowerBound(instance)).toBeLessThanOrEqual(schedule.objective.weightedTardinessMinutes + 1e-6);
  });

  it.each([1, 2, 3])('splits lots larger than any rack across batches, every piece once (seed %i)', (seed) => {
    const generated = generateInstance({ lots: 40, seed });
    for (const lot of generated.lots) lot.pieces *= 5;
    const instance = parseInstance(JSON.parse(JSON.stringify(generated)));
    const schedule = solve(instance, { timeLimitMs: 300, seed });
    expect(check(instance, schedule).violations).toEqual([]);
    const batchesOf = (lot: string) => schedule.batches.filter((b) => b.items.some((i) => i.lot === lot)).length;
    expect(Math.max(...instance.lots.map((l) => batchesOf(l.id)))).toBeGreaterThan(1);
  });

  it('gives the same schedule for the same seed when the search stops on its own', () => {
    const instance = parseInstance(JSON.parse(JSON.stringify(generateInstance({ lots: 8, seed: 5 }))));
    expect(solve(instance, { seed: 3, timeLimitMs: 60_000 })).toEqual(solve(instance, { seed: 3, timeLimitMs: 60_000 }));
  });
});

const tiny: Instance = parseInstance({
  version: 1,
  start: '2026-11-30T07:00:00+03:00',
  calendar: { timeZone: 'Africa/Nairobi', shifts: [{ weekdays: [1, 2, 3, 4, 5], start: '07:00', end: '09:00' }], closed: [] },
  lines: [
    { id: 'A', finishes: ['gold-1.0', 'rhodium-0.5'], capacityDm2: 1, maxPieces: 3, cycleMinutes: { 'gold-1.0': 30, 'rhodium-0.5': 20 }, changeoverMinutes: { default: 30 } },
    { id: 'B', finishes: ['gold-1.0'], capacityDm2: 1, maxPieces: 2, cycleMinutes: { 'gold-1.0': 40 }, changeoverMinutes: { default: 30 } },
  ],
  lots: [
    { id: 'E1', finish: 'gold-1.0', pieces: 2, areaDm2PerPiece: 0.3, readyAt: '2026-11-30T04:00:00Z', dueAt: '2026-11-30T04:30:00Z', weight: 3 },
    { id: 'E2', finish: 'gold-1.0', pieces: 2, areaDm2PerPiece: 0.2, readyAt: '2026-11-30T04:05:00Z', dueAt: '2026-11-30T05:00:00Z', weight: 1 },
    { id: 'E3', finish: 'rhodium-0.5', pieces: 2, areaDm2PerPiece: 0.4, readyAt: '2026-11-30T04:00:00Z', dueAt: '2026-11-30T04:40:00Z', weight: 2 },
    { id: 'E4', finish: 'gold-1.0', pieces: 1, areaDm2PerPiece: 0.5, readyAt: '2026-11-30T04:10:00Z', dueAt: '2026-11-30T04:50:00Z', weight: 4 },
  ],
});

describe('a tiny instance', () => {
  it('is solved to the optimum that exhaustive search finds', () => {
    const optimum = exhaustiveOptimum(tiny);
    // The optimum is not trivial: someone is late, and the dispatchers alone miss it.
    expect(optimum.weightedTardinessMinutes).toBeGreaterThan(0);
    for (const kind of ['fifo', 'edd', 'atc'] as const) expect(dispatchOnly(tiny, kind).objective.weightedTardinessMinutes).toBeGreaterThan(optimum.weightedTardinessMinutes);
    const schedule = solve(tiny, { timeLimitMs: 5_000 });
    expect(check(tiny, schedule).valid).toBe(true);
    expect(schedule.objective).toEqual({
      weightedTardinessMinutes: optimum.weightedTardinessMinutes,
      changeovers: optimum.changeovers,
      makespan: new Date(optimum.makespan).toISOString(),
    });
    expect(lowerBound(tiny)).toBeLessThanOrEqual(optimum.weightedTardinessMinutes);
  });
});

describe('locked batches', () => {
  it('stay exactly as they are, and the rest is scheduled around them', () => {
    const instance = parseInstance(JSON.parse(JSON.stringify(generateInstance({ lots: 60, seed: 9 }))));
    const onL1 = dispatchOnly(instance, 'atc').batches.filter((b) => b.line === 'L1');
    // Lock two batches of line L1, one of them dragged a week later (the same shift then).
    const week = 7 * 86_400_000;
    const moved = { ...onL1[0]!, start: new Date(Date.parse(onL1[0]!.start) + week).toISOString(), end: new Date(Date.parse(onL1[0]!.end) + week).toISOString() };
    const locked = [moved, onL1[2]!];
    const again = solve(instance, { locked, timeLimitMs: 300 });
    expect(check(instance, again).violations).toEqual([]);
    for (const batch of locked) expect(again.batches).toContainEqual(batch);
  });

  it('all locked give the same schedule back; no lots give an empty schedule', () => {
    const instance = parseInstance(JSON.parse(JSON.stringify(generateInstance({ lots: 12, seed: 4 }))));
    const schedule = solve(instance, { timeLimitMs: 200 });
    expect(solve(instance, { locked: schedule.batches, timeLimitMs: 200 })).toEqual(schedule);
    expect(solve({ ...instance, lots: [] })).toEqual({ batches: [], objective: { weightedTardinessMinutes: 0, changeovers: 0, makespan: null } });
  });

  it('are refused when they break a rule, naming the batch and line', () => {
    const instance = parseInstance(JSON.parse(JSON.stringify(generateInstance({ lots: 20, seed: 2 }))));
    const lot = instance.lots[0]!;
    const line = instance.lines.find((l) => l.finishes.includes(lot.finish))!;
    const bad = { line: line.id, finish: lot.finish, start: lot.readyAt, end: lot.readyAt, items: [{ lot: lot.id, pieces: 1 }] };
    expect(() => solve(instance, { locked: [bad] })).toThrow(expect.objectContaining({ code: 'plating.schedule.locked.broken', params: { batch: 0, line: line.id, rule: 'duration' } }));
  });
});
