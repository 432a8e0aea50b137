import { seededRandom } from '../../demo/random';
import { Calendar } from './calendar';
import type { Instance } from './types';

/**
 * Random plating instances for tests and the bench, the same for the same seed.
 *
 * - `lots` lots, `lines` lines (default 6), `finishes` finishes (default 4, of gold-0.1, gold-0.5,
 *   gold-1.0, gold-2.5, rose-gold-1.0, rhodium-0.5, silver-3.0, gold-0.175).
 * - Lines: line i runs finishes i and i+1 (mod the number of finishes) and each other one with chance 0.4; a rack of
 *   20-40 dm² and 80-200 pieces; cycle = handling (15-25 min, per line) + plating minutes by
 *   Faraday (1.576 x µm / (0.5 A/dm² x 0.65 efficiency)); changeover 30-60 min by default, 90 min
 *   between gold and a white metal (rhodium, silver) either way.
 * - Calendar: Africa/Nairobi, Monday-Friday 07:00-15:00 and 15:00-23:00, Saturday 07:00-13:00,
 *   with 12 December (Jamhuri Day) closed. Start: Monday 30 November 2026, 07:00.
 * - Lots: 5-60 pieces of 0.03-0.3 dm² each (jewellery of 3-30 cm²), weight 1-5, a finish drawn
 *   with the first finishes commoner.
 * - Times as in the batch-scheduling literature (e.g. Mönch et al. 2005, after Potts and Van
 *   Wassenhove): P is the estimated working time the lines need for all lots (batches needed x
 *   mean cycle / lines). Ready times are uniform over the first `releaseSpread` x P of working time;
 *   due dates are ready time + a uniform draw from [P(1 - tau - R/2), P(1 - tau + R/2)] (floored at
 *   one cycle) of working time. Tightness `tau` (default 0.5) makes due dates earlier; range `R`
 *   (default 0.6) spreads them.
 */
export interface GeneratorOptions {
  lots: number;
  lines?: number;
  finishes?: number;
  seed?: number;
  tau?: number;
  R?: number;
  releaseSpread?: number;
}

const allFinishes = [
  ['gold-1.0', 1.0],
  ['gold-0.5', 0.5],
  ['rhodium-0.5', 0.5],
  ['gold-2.5', 2.5],
  ['rose-gold-1.0', 1.0],
  ['gold-0.1', 0.1],
  ['silver-3.0', 3.0],
  ['gold-0.175', 0.175],
] as const;

const minute = 60_000;
const white = (finish: string) => finish.startsWith('rhodium') || finish.startsWith('silver');

export function generateInstance(options: GeneratorOptions): Instance {
  const { lots: lotCount, lines: lineCount = 6, finishes: finishCount = 4, seed = 1, tau = 0.5, R = 0.6, releaseSpread = 0.5 } = options;
  const random = seededRandom(seed);
  const finishes = allFinishes.slice(0, Math.min(Math.max(1, finishCount), allFinishes.length));
  const start = '2026-11-30T07:00:00+03:00';
  const calendar: Instance['calendar'] = {
    timeZone: 'Africa/Nairobi',
    shifts: [
      { weekdays: [1, 2, 3, 4, 5], start: '07:00', end: '15:00' },
      { weekdays: [1, 2, 3, 4, 5], start: '15:00', end: '23:00' },
      { weekdays: [6], start: '07:00', end: '13:00' },
    ],
    closed: ['2026-12-12', '2027-12-12'],
  };

  const lines: Instance['lines'] = Array.from({ length: lineCount }, (_, i) => {
    const runs = finishes.filter((_, f) => i % finishes.length === f || (i + 1) % finishes.length === f || random.chance(0.4));
    const handling = random.int(15, 25);
    const changeoverMinutes: Record<string, number> = { default: random.int(30, 60) };
    for (const [a] of runs) for (const [b] of runs) if (a !== b && white(a) !== white(b)) changeoverMinutes[`${a}->${b}`] = 90;
    return {
      id: `L${i + 1}`,
      finishes: runs.map(([f]) => f),
      capacityDm2: random.int(20, 40),
      maxPieces: random.int(80, 200),
      cycleMinutes: Object.fromEntries(runs.map(([f, um]) => [f, handling + Math.ceil((1.576 * um) / (0.5 * 0.65))])),
      changeoverMinutes,
    };
  });

  const drafts = Array.from({ length: lotCount }, (_, j) => {
    const f = Math.min(finishes.length - 1, Math.floor(finishes.length * random.next() ** 1.5));
    return { id: `LOT-${String(j + 1).padStart(5, '0')}`, finish: finishes[f]![0], pieces: random.int(5, 60), areaDm2PerPiece: Math.round((0.03 + random.next() * 0.27) * 1000) / 1000, weight: random.int(1, 5) };
  });

  const meanOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const capacity = meanOf(lines.map((l) => l.capacityDm2));
  const maxPieces = meanOf(lines.map((l) => l.maxPieces));
  const cycle = meanOf(lines.flatMap((l) => Object.values(l.cycleMinutes)));
  const batches = drafts.reduce((n, d) => n + Math.max(d.pieces / maxPieces, (d.pieces * d.areaDm2PerPiece) / capacity), 0) / 0.85;
  const P = ((batches * cycle) / lineCount) * minute;

  const cal = new Calendar(calendar, Date.parse(start));
  const iso = (ms: number) => new Date(ms).toISOString();
  const lots: Instance['lots'] = drafts.map((d) => {
    const ready = cal.afterWorking(Date.parse(start), Math.round((random.next() * releaseSpread * P) / minute) * minute);
    const slack = Math.round(Math.max(cycle * minute, P * (1 - tau - R / 2 + random.next() * R)) / minute) * minute;
    return { ...d, readyAt: iso(ready), dueAt: iso(cal.afterWorking(ready, slack)) };
  });
  return { version: 1, start, calendar, lines, lots };
}
