import { describe, expect, it } from 'vitest';
import { check, parseInstance, type Batch, type Instance } from './index';

// The rule checker on a small hand-made instance (Monday 30 November 2026, Nairobi, UTC+3):
// a valid schedule, then one broken schedule per rule.

export const handInstance: Instance = parseInstance({
  version: 1,
  start: '2026-11-30T07:00:00+03:00',
  calendar: { timeZone: 'Africa/Nairobi', shifts: [{ weekdays: [1, 2, 3, 4, 5], start: '06:00', end: '15:00' }], closed: ['2026-12-01'] },
  lines: [
    { id: 'A', finishes: ['gold-1.0', 'rhodium-0.5'], capacityDm2: 10, maxPieces: 20, cycleMinutes: { 'gold-1.0': 30, 'rhodium-0.5': 20 }, changeoverMinutes: { default: 40, 'gold-1.0->rhodium-0.5': 60 } },
    { id: 'B', finishes: ['gold-1.0'], capacityDm2: 5, maxPieces: 10, cycleMinutes: { 'gold-1.0': 45 }, changeoverMinutes: { default: 30 } },
  ],
  lots: [
    { id: 'L1', finish: 'gold-1.0', pieces: 10, areaDm2PerPiece: 0.5, readyAt: '2026-11-30T04:00:00Z', dueAt: '2026-11-30T06:00:00Z', weight: 2 },
    { id: 'L2', finish: 'gold-1.0', pieces: 6, areaDm2PerPiece: 0.5, readyAt: '2026-11-30T04:30:00Z', dueAt: '2026-11-30T07:00:00Z', weight: 1 },
    { id: 'L3', finish: 'rhodium-0.5', pieces: 8, areaDm2PerPiece: 0.25, readyAt: '2026-11-30T04:00:00Z', dueAt: '2026-11-30T05:00:00Z', weight: 3 },
  ],
});

const b = (line: string, finish: string, start: string, end: string, items: [string, number][]): Batch => ({
  line,
  finish,
  start: `2026-11-30T${start}:00.000Z`,
  end: `2026-11-30T${end}:00.000Z`,
  items: items.map(([lot, pieces]) => ({ lot, pieces })),
});
const gold = 'gold-1.0';
const rhodium = 'rhodium-0.5';

/** The best schedule: rhodium first on A, both gold lots on B back to back. */
const best = [b('A', rhodium, '04:00', '04:20', [['L3', 8]]), b('B', gold, '04:00', '04:45', [['L1', 10]]), b('B', gold, '04:45', '05:30', [['L2', 6]])];

const rules = (batches: Batch[]) => [...new Set(check(handInstance, { batches }).violations.map((v) => v.rule))].sort();

describe('the schedule checker', () => {
  it('accepts a valid schedule and gives its objective', () => {
    const result = check(handInstance, { batches: best });
    expect(result.violations).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.objective).toEqual({ weightedTardinessMinutes: 0, changeovers: 0, makespan: '2026-11-30T05:30:00.000Z' });
  });

  it('counts weighted tardiness from each lot’s last batch and lets a changeover pass the night', () => {
    // Gold at the end of Monday's shift, rhodium first thing Wednesday (Tuesday is closed): 60 min changeover overnight.
    const batches = [
      b('A', gold, '11:30', '12:00', [['L1', 10], ['L2', 6]]),
      { ...b('A', rhodium, '03:00', '03:20', [['L3', 8]]), start: '2026-12-02T03:00:00.000Z', end: '2026-12-02T03:20:00.000Z' },
    ];
    const result = check(handInstance, { batches });
    expect(result.violations).toEqual([]);
    // L1: 6 h late x 2; L2: 5 h late x 1; L3: 2 days 22 h 20 min late x 3.
    expect(result.objective).toEqual({ weightedTardinessMinutes: 360 * 2 + 300 + (2 * 1440 - 120 + 20) * 3, changeovers: 1, makespan: '2026-12-02T03:20:00.000Z' });
  });

  it('finish: a line that cannot run it, or a lot of another finish', () => {
    const onB = check(handInstance, { batches: [b('A', gold, '04:30', '05:00', [['L1', 10], ['L2', 6]]), b('B', rhodium, '04:00', '04:45', [['L3', 8]])] });
    expect(onB.violations).toEqual([expect.objectContaining({ rule: 'finish', batch: 1, line: 'B' })]);
    const mixed = check(handInstance, { batches: [b('A', gold, '04:30', '05:00', [['L2', 6], ['L3', 8]]), b('B', gold, '04:00', '04:45', [['L1', 10]])] });
    expect(mixed.violations).toEqual([expect.objectContaining({ rule: 'finish', batch: 0, line: 'A', lot: 'L3' })]);
  });

  it('capacity: more pieces or area than the rack', () => {
    const result = check(handInstance, { batches: [best[0]!, b('B', gold, '04:30', '05:15', [['L1', 10], ['L2', 6]])] });
    expect(result.violations.map((v) => [v.rule, v.batch, v.line])).toEqual([
      ['capacity', 1, 'B'],
      ['capacity', 1, 'B'],
    ]);
  });

  it('duration: not the line’s cycle for the finish', () => {
    expect(rules([best[0]!, b('B', gold, '04:00', '04:50', [['L1', 10]]), b('B', gold, '04:50', '05:35', [['L2', 6]])])).toEqual(['duration']);
  });

  it('shift: a batch running past the end of the shift', () => {
    expect(rules([best[0]!, best[1]!, b('B', gold, '11:30', '12:15', [['L2', 6]])])).toEqual(['shift']);
  });

  it('early: before a lot is ready, or before the planning start', () => {
    const beforeReady = check(handInstance, { batches: [b('A', gold, '04:00', '04:30', [['L2', 6]]), b('A', rhodium, '05:30', '05:50', [['L3', 8]]), best[1]!] });
    expect(beforeReady.violations).toEqual([expect.objectContaining({ rule: 'early', batch: 0, line: 'A', lot: 'L2' })]);
    expect(rules([b('A', rhodium, '03:30', '03:50', [['L3', 8]]), best[1]!, best[2]!])).toEqual(['early']);
  });

  it('overlap: two batches at once on a line', () => {
    expect(rules([best[0]!, best[1]!, b('B', gold, '04:30', '05:15', [['L2', 6]])])).toEqual(['overlap']);
  });

  it('changeover: the default between finishes, and the pair’s own time', () => {
    expect(rules([best[0]!, best[1]!, b('A', gold, '04:30', '05:00', [['L2', 6]])])).toEqual(['changeover']);
    // Gold then rhodium needs 60 min on A: 45 min (more than the 40 min default) is not enough.
    expect(rules([b('A', gold, '04:30', '05:00', [['L2', 6]]), b('A', rhodium, '05:45', '06:05', [['L3', 8]]), best[1]!])).toEqual(['changeover']);
  });

  it('pieces: every piece of every lot exactly once', () => {
    const missing = check(handInstance, { batches: [best[0]!, best[1]!] });
    expect(missing.violations).toEqual([expect.objectContaining({ rule: 'pieces', lot: 'L2' })]);
    expect(rules([...best, b('A', gold, '05:30', '06:00', [['L1', 1]])])).toEqual(['pieces']);
  });

  it('unknown: a line or lot not in the instance', () => {
    const result = check(handInstance, { batches: [...best, b('C', gold, '06:00', '06:30', [['L1', 1]]), b('A', gold, '06:00', '06:30', [['L9', 1]])] });
    expect(result.violations.filter((v) => v.rule === 'unknown').map((v) => v.line ?? v.lot)).toEqual(['C', 'A']);
  });
});
