import { describe, expect, it } from 'vitest';
import { codeLetter, inspectionLevels, samplingPlan, tabulatedAqls, type InspectionMode } from './index';
import { codeLetters, letterRow, masterTables } from './tables';

// The tables checked against published copies, typed in here by hand as those copies print them
// (never generated from ./tables.ts):
// - Table I: ISO 2859-1 Table 1 / Z1.4 Table I as reprinted in a public MIL-STD-105E table sheet
//   and in GOST R ISO 2859-1 Table A.1 (the two agree).
// - Table II-A and II-B at the common AQLs: a public transcription of MIL-STD-105E for general
//   level II (one row per lot size range: code letter, sample size, then per AQL the rejection
//   number, or the arrow the table prints: v use the first plan below, ^ the first plan above).
// - The order of plans along each row of II-A, from a public reprint of the whole master table.
// - Tables II-A, II-B and II-C in full: the MIL-STD-105E / Z1.4 tables of the R package AQLSchemes
//   (J. Lawson), as kept in GitHub fjgonzalezmgt/AQLSchemesCust, file R/AAZ14Single.R (matrices
//   ANSIASQSingle{Normal,Tightened,Reduced}{ss,ac,re}: for each code letter and AQL, the sample
//   size, Ac and Re of the plan the arrows lead to). Every letter and every AQL, the three tables.
// - Table II-C also: the worked example of Montgomery's textbook.

const ranges = `
  lot size       S-1 S-2 S-3 S-4  I  II III
  2      8        A   A   A   A   A  A   B
  9      15       A   A   A   A   A  B   C
  16     25       A   A   B   B   B  C   D
  26     50       A   B   B   C   C  D   E
  51     90       B   B   C   C   C  E   F
  91     150      B   B   C   D   D  F   G
  151    280      B   C   D   E   E  G   H
  281    500      B   C   D   E   F  H   J
  501    1200     C   C   E   F   G  J   K
  1201   3200     C   D   E   G   H  K   L
  3201   10000    C   D   F   G   J  L   M
  10001  35000    C   D   F   H   K  M   N
  35001  150000   D   E   G   J   L  N   P
  150001 500000   D   E   G   J   M  P   Q
  500001 -        D   E   H   K   N  Q   R
`;
const printedLevels = ['S-1', 'S-2', 'S-3', 'S-4', 'I', 'II', 'III'] as const;

describe('Table I: sample size code letters', () => {
  const rows = ranges.trim().split('\n').slice(1).map((line) => line.trim().split(/\s+/));

  it.each(rows.map((r) => [r[0], r[1], r.slice(2)] as const))('lots of %s to %s pieces', (from, to, letters) => {
    const sizes = [Number(from), to === '-' ? 10_000_000 : Number(to)];
    if (to !== '-') sizes.push(Math.floor((Number(from) + Number(to)) / 2));
    for (const size of sizes) printedLevels.forEach((level, i) => expect(codeLetter(size, level), `${size} at ${level}`).toBe(letters[i]));
  });

  it('covers every level the standard names', () => {
    expect([...inspectionLevels].sort()).toEqual([...printedLevels].sort());
  });
});

const commonAqls = [0.65, 1.0, 1.5, 2.5, 4.0, 6.5, 10, 15];

// General level II, single sampling: lot sizes, code letter, sample size, then Re (or arrow) for
// AQL 0.65 1.0 1.5 2.5 4.0 6.5 10 15.
const normalLevelII = `
  2      8       A  2     v  v  v  v  v  1  ^  v
  9      15      B  3     v  v  v  v  1  ^  v  2
  16     25      C  5     v  v  v  1  ^  v  2  3
  26     50      D  8     v  v  1  ^  v  2  3  4
  51     90      E  13    v  1  ^  v  2  3  4  6
  91     150     F  20    1  ^  v  2  3  4  6  8
  151    280     G  32    ^  v  2  3  4  6  8  11
  281    500     H  50    v  2  3  4  6  8  11 15
  501    1200    J  80    2  3  4  6  8  11 15 22
  1201   3200    K  125   3  4  6  8  11 15 22 ^
  3201   10000   L  200   4  6  8  11 15 22 ^  ^
  10001  35000   M  315   6  8  11 15 22 ^  ^  ^
  35001  150000  N  500   8  11 15 22 ^  ^  ^  ^
  150001 500000  P  800   11 15 22 ^  ^  ^  ^  ^
  500001 -       Q  1250  15 22 ^  ^  ^  ^  ^  ^
`;

const tightenedLevelII = `
  2      8       A  2     v  v  v  v  v  v  v  v
  9      15      B  3     v  v  v  v  v  1  v  v
  16     25      C  5     v  v  v  v  1  v  v  2
  26     50      D  8     v  v  v  1  v  v  2  3
  51     90      E  13    v  v  1  v  v  2  3  4
  91     150     F  20    v  1  v  v  2  3  4  6
  151    280     G  32    1  v  v  2  3  4  6  9
  281    500     H  50    v  v  2  3  4  6  9  13
  501    1200    J  80    v  2  3  4  6  9  13 19
  1201   3200    K  125   2  3  4  6  9  13 19 ^
  3201   10000   L  200   3  4  6  9  13 19 ^  ^
`;

interface PrintedRow {
  from: number;
  to: number;
  letter: string;
  n: number;
  cells: string[];
}

function printed(text: string): PrintedRow[] {
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const [from, to, letter, n, ...cells] = line.trim().split(/\s+/);
      return { from: Number(from), to: to === '-' ? 1_000_000 : Number(to), letter: letter!, n: Number(n), cells };
    });
}

/**
 * Where the printed table sends a cell: itself, or the first number in the arrow's direction down
 * its column. This sheet prints an up arrow at A, AQL 10, where nothing is above: the first number the
 * other way is taken, where ISO 2859-1's table prints a down arrow (tables.ts follows the latter).
 */
function follow(rows: PrintedRow[], row: number, column: number): PrintedRow {
  const cell = rows[row]!.cells[column]!;
  if (/^\d+$/.test(cell)) return rows[row]!;
  const step = cell === '^' ? -1 : 1;
  for (const direction of [step, -step])
    for (let r = row + direction; r >= 0 && r < rows.length; r += direction) if (/^\d+$/.test(rows[r]!.cells[column]!)) return rows[r]!;
  throw new Error('no plan in the column');
}

describe.each([
  ['II-A', 'normal', normalLevelII],
  ['II-B', 'tightened', tightenedLevelII],
] as const)('Table %s (%s inspection) at the common AQLs, cell by cell as printed (level II)', (_table, inspection, text) => {
  const rows = printed(text);
  it.each(rows.map((r, i) => [r.letter, r.from, r.to, i] as const))('code letter %s (lots %i to %i)', (_letter, _from, to, index) => {
    commonAqls.forEach((aql, column) => {
      const target = follow(rows, index, column);
      const re = Number(target.cells[column]);
      const plan = samplingPlan({ lotSize: to, aql, level: 'II', inspection });
      expect(plan, `AQL ${aql}`).toEqual({ codeLetter: target.letter, sampleSize: Math.min(target.n, to), accept: re - 1, reject: re, inspectAll: target.n >= to });
    });
  });
});

describe('Table II-A across all 26 AQL columns', () => {
  // The plans along each row, left to right, as the reprint of the whole master table lists them.
  const series = ['0 1', '1 2', '2 3', '3 4', '5 6', '7 8', '10 11', '14 15', '21 22', '30 31', '44 45'];
  const expected: Record<string, string[]> = {
    A: series.slice(0, 10),
    B: series,
    C: series,
    D: series,
    E: series,
    R: series.slice(1, 9),
  };
  for (const letter of 'FGHJKLMNPQ') expected[letter] = series.slice(0, 9);

  it.each(Object.keys(expected).sort())('row %s holds the printed plans in order', (letter) => {
    const row = letterRow(masterTables.normal, codeLetters.indexOf(letter as 'A'));
    const plans = row.filter((c) => Array.isArray(c)).map((c) => (c as number[]).join(' '));
    expect(plans).toEqual(expected[letter]);
  });

  it('has 0 1 in each row at the column the reprint shows (A at 6.5 ... Q at 0.010)', () => {
    const zeroOneAt: Record<string, number> = { A: 6.5, B: 4.0, C: 2.5, D: 1.5, E: 1.0, F: 0.65, G: 0.4, H: 0.25, J: 0.15, K: 0.1, L: 0.065, M: 0.04, N: 0.025, P: 0.015, Q: 0.01 };
    for (const [letter, aql] of Object.entries(zeroOneAt)) {
      const cell = letterRow(masterTables.normal, codeLetters.indexOf(letter as 'A'))[tabulatedAqls.indexOf(aql)];
      expect(cell, letter).toEqual([0, 1]);
    }
  });

  it('prints the sample sizes of the standard', () => {
    expect(masterTables.normal.sampleSizes).toEqual([2, 3, 5, 8, 13, 20, 32, 50, 80, 125, 200, 315, 500, 800, 1250, 2000]);
    expect(masterTables.tightened.sampleSizes).toEqual([2, 3, 5, 8, 13, 20, 32, 50, 80, 125, 200, 315, 500, 800, 1250, 2000, 3150]);
    expect(masterTables.reduced.sampleSizes).toEqual([2, 2, 2, 3, 5, 8, 13, 20, 32, 50, 80, 125, 200, 315, 500, 800]);
  });

  it('lists every AQL the standard tabulates, 0.010 to 1000', () => {
    expect(tabulatedAqls).toEqual([0.01, 0.015, 0.025, 0.04, 0.065, 0.1, 0.15, 0.25, 0.4, 0.65, 1, 1.5, 2.5, 4, 6.5, 10, 15, 25, 40, 65, 100, 150, 250, 400, 650, 1000]);
    for (const table of Object.values(masterTables)) for (const row of table.rows) expect(row.split(' ')).toHaveLength(26);
  });
});

describe('Table II-B beyond the common AQLs', () => {
  it('uses the tightened acceptance numbers 8, 12, 18, 27 and 41 where normal has 7, 10, 14, 21 and 30', () => {
    const plans = letterRow(masterTables.tightened, codeLetters.indexOf('B'))
      .filter((c) => Array.isArray(c))
      .map((c) => (c as number[]).join(' '));
    expect(plans).toEqual(['0 1', '1 2', '2 3', '3 4', '5 6', '8 9', '12 13', '18 19', '27 28', '41 42']);
  });

  it('has letter S (3150) only in the tightened table, with 1 2 under 0.025', () => {
    const s = letterRow(masterTables.tightened, codeLetters.indexOf('S'));
    expect(s.filter((c) => c !== null)).toEqual([[1, 2]]);
    expect(s[tabulatedAqls.indexOf(0.025)]).toEqual([1, 2]);
  });
});

// Table II-C at the common AQLs as AQLSchemes gives it (R/AAZ14Single.R, the reduced matrices): per
// code letter, for AQL 0.65 1.0 1.5 2.5 4.0 6.5, the sample size of the plan used and its Ac/Re.
const reducedSource = `
  A  8 0/1      5 0/1      3 0/1      2 0/1      2 0/1      2 0/1
  B  8 0/1      5 0/1      3 0/1      2 0/1      2 0/1      2 0/1
  C  8 0/1      5 0/1      3 0/1      2 0/1      2 0/1      3 0/2
  D  8 0/1      5 0/1      3 0/1      2 0/1      5 0/2      3 0/2
  E  8 0/1      5 0/1      3 0/1      8 0/2      5 0/2      5 1/3
  F  8 0/1      5 0/1      13 0/2     8 0/2      8 1/3      8 1/4
  G  8 0/1      20 0/2     13 0/2     13 1/3     13 1/4     13 2/5
  H  32 0/2     20 0/2     20 1/3     20 1/4     20 2/5     20 3/6
  J  32 0/2     32 1/3     32 1/4     32 2/5     32 3/6     32 5/8
  K  50 1/3     50 1/4     50 2/5     50 3/6     50 5/8     50 7/10
  L  80 1/4     80 2/5     80 3/6     80 5/8     80 7/10    80 10/13
  M  125 2/5    125 3/6    125 5/8    125 7/10   125 10/13  80 10/13
  N  200 3/6    200 5/8    200 7/10   200 10/13  125 10/13  80 10/13
  P  315 5/8    315 7/10   315 10/13  200 10/13  125 10/13  80 10/13
  Q  500 7/10   500 10/13  315 10/13  200 10/13  125 10/13  80 10/13
  R  800 10/13  500 10/13  315 10/13  200 10/13  125 10/13  80 10/13
`;

// Letters A, B and C (all sampling 2) from AQL 10 to 1000, same source: A takes the normal plans, B
// has 2/4 and 3/5, C the gap series; C at 1000 points up to B. Every plan here samples 2.
const reducedSmallLetters = `
  A  0/2  0/2  1/2  2/3  3/4  5/6  7/8   10/11  14/15  21/22  30/31
  B  0/2  0/2  1/3  2/4  3/5  5/6  7/8   10/11  14/15  21/22  30/31
  C  0/2  1/3  1/4  2/5  3/6  5/8  7/10  10/13  14/17  21/24  30/31
`;

// Table II-C in full, same source: "n:Ac/Re" for each of the 26 AQLs.
const reducedFullSource = `
  A  500:0/1 315:0/1 200:0/1 125:0/1 80:0/1 50:0/1 32:0/1 20:0/1 13:0/1 8:0/1 5:0/1 3:0/1 2:0/1 2:0/1 2:0/1 2:0/2 2:0/2 2:1/2 2:2/3 2:3/4 2:5/6 2:7/8 2:10/11 2:14/15 2:21/22 2:30/31
  B  500:0/1 315:0/1 200:0/1 125:0/1 80:0/1 50:0/1 32:0/1 20:0/1 13:0/1 8:0/1 5:0/1 3:0/1 2:0/1 2:0/1 2:0/1 2:0/2 2:0/2 2:1/3 2:2/4 2:3/5 2:5/6 2:7/8 2:10/11 2:14/15 2:21/22 2:30/31
  C  500:0/1 315:0/1 200:0/1 125:0/1 80:0/1 50:0/1 32:0/1 20:0/1 13:0/1 8:0/1 5:0/1 3:0/1 2:0/1 2:0/1 3:0/2 2:0/2 2:1/3 2:1/4 2:2/5 2:3/6 2:5/8 2:7/10 2:10/13 2:14/17 2:21/24 2:30/31
  D  500:0/1 315:0/1 200:0/1 125:0/1 80:0/1 50:0/1 32:0/1 20:0/1 13:0/1 8:0/1 5:0/1 3:0/1 2:0/1 5:0/2 3:0/2 3:1/3 3:1/4 3:2/5 3:3/6 3:5/8 3:7/10 3:10/13 3:14/17 3:21/24 2:21/24 2:30/31
  E  500:0/1 315:0/1 200:0/1 125:0/1 80:0/1 50:0/1 32:0/1 20:0/1 13:0/1 8:0/1 5:0/1 3:0/1 8:0/2 5:0/2 5:1/3 5:1/4 5:2/5 5:3/6 5:5/8 5:7/10 5:10/13 5:14/17 5:21/24 3:21/24 2:21/24 2:30/31
  F  500:0/1 315:0/1 200:0/1 125:0/1 80:0/1 50:0/1 32:0/1 20:0/1 13:0/1 8:0/1 5:0/1 13:0/2 8:0/2 8:1/3 8:1/4 8:2/5 8:3/6 8:5/8 8:7/10 8:10/13 5:10/13 5:14/17 5:21/24 3:21/24 2:21/24 2:30/31
  G  500:0/1 315:0/1 200:0/1 125:0/1 80:0/1 50:0/1 32:0/1 20:0/1 13:0/1 8:0/1 20:0/2 13:0/2 13:1/3 13:1/4 13:2/5 13:3/6 13:5/8 13:7/10 13:10/13 8:10/13 5:10/13 5:14/17 5:21/24 3:21/24 2:21/24 2:30/31
  H  500:0/1 315:0/1 200:0/1 125:0/1 80:0/1 50:0/1 32:0/1 20:0/1 13:0/1 32:0/2 20:0/2 20:1/3 20:1/4 20:2/5 20:3/6 20:5/8 20:7/10 20:10/13 13:10/13 8:10/13 5:10/13 5:14/17 5:21/24 3:21/24 2:21/24 2:30/31
  J  500:0/1 315:0/1 200:0/1 125:0/1 80:0/1 50:0/1 32:0/1 20:0/1 50:0/2 32:0/2 32:1/3 32:1/4 32:2/5 32:3/6 32:5/8 32:7/10 32:10/13 20:10/13 13:10/13 8:10/13 5:10/13 5:14/17 5:21/24 3:21/24 2:21/24 2:30/31
  K  500:0/1 315:0/1 200:0/1 125:0/1 80:0/1 50:0/1 32:0/1 80:0/2 50:0/2 50:1/3 50:1/4 50:2/5 50:3/6 50:5/8 50:7/10 50:10/13 32:10/13 20:10/13 13:10/13 8:10/13 5:10/13 5:14/17 5:21/24 3:21/24 2:21/24 2:30/31
  L  500:0/1 315:0/1 200:0/1 125:0/1 80:0/1 50:0/1 125:0/2 80:0/2 80:1/3 80:1/4 80:2/5 80:3/6 80:5/8 80:7/10 80:10/13 50:10/13 32:10/13 20:10/13 13:10/13 8:10/13 5:10/13 5:14/17 5:21/24 3:21/24 2:21/24 2:30/31
  M  500:0/1 315:0/1 200:0/1 125:0/1 80:0/1 200:0/2 125:0/2 125:1/3 125:1/4 125:2/5 125:3/6 125:5/8 125:7/10 125:10/13 80:10/13 50:10/13 32:10/13 20:10/13 13:10/13 8:10/13 5:10/13 5:14/17 5:21/24 3:21/24 2:21/24 2:30/31
  N  500:0/1 315:0/1 200:0/1 125:0/1 315:0/2 200:0/2 200:1/3 200:1/4 200:2/5 200:3/6 200:5/8 200:7/10 200:10/13 125:10/13 80:10/13 50:10/13 32:10/13 20:10/13 13:10/13 8:10/13 5:10/13 5:14/17 5:21/24 3:21/24 2:21/24 2:30/31
  P  500:0/1 315:0/1 200:0/1 500:0/2 315:0/2 315:1/3 315:1/4 315:2/5 315:3/6 315:5/8 315:7/10 315:10/13 200:10/13 125:10/13 80:10/13 50:10/13 32:10/13 20:10/13 13:10/13 8:10/13 5:10/13 5:14/17 5:21/24 3:21/24 2:21/24 2:30/31
  Q  500:0/1 315:0/1 800:0/2 500:0/2 500:1/3 500:1/4 500:2/5 500:3/6 500:5/8 500:7/10 500:10/13 315:10/13 200:10/13 125:10/13 80:10/13 50:10/13 32:10/13 20:10/13 13:10/13 8:10/13 5:10/13 5:14/17 5:21/24 3:21/24 2:21/24 2:30/31
  R  500:0/1 315:0/1 800:0/2 800:1/3 800:1/4 800:2/5 800:3/6 800:5/8 800:7/10 800:10/13 500:10/13 315:10/13 200:10/13 125:10/13 80:10/13 50:10/13 32:10/13 20:10/13 13:10/13 8:10/13 5:10/13 5:14/17 5:21/24 3:21/24 2:21/24 2:30/31
`;

/** A lot that gets the code letter at a general level: the top of its level II range (R: level III). */
function lotFor(letter: string): { lotSize: number; level: 'II' | 'III' } {
  const upTo = [8, 15, 25, 50, 90, 150, 280, 500, 1200, 3200, 10_000, 35_000, 150_000, 500_000, 1_000_000];
  if (letter === 'R') return { lotSize: 1_000_000, level: 'III' };
  return { lotSize: upTo['ABCDEFGHJKLMNPQ'.indexOf(letter)]!, level: 'II' };
}

// Tables II-A and II-B in full, same source (R/AAZ14Single.R, the normal and tightened matrices): per
// code letter, for each of the 26 AQLs 0.010 ... 1000, "n:Ac" of the plan the arrows lead to (Re = Ac + 1).
const normalSource = `
  A  1250:0 800:0 500:0 315:0 200:0 125:0 80:0 50:0 32:0 20:0 13:0 8:0 5:0 3:0 2:0 5:1 3:1 2:1 2:2 2:3 2:5 2:7 2:10 2:14 2:21 2:30
  B  1250:0 800:0 500:0 315:0 200:0 125:0 80:0 50:0 32:0 20:0 13:0 8:0 5:0 3:0 2:0 5:1 3:1 3:2 3:3 3:5 3:7 3:10 3:14 3:21 3:30 3:44
  C  1250:0 800:0 500:0 315:0 200:0 125:0 80:0 50:0 32:0 20:0 13:0 8:0 5:0 3:0 8:1 5:1 5:2 5:3 5:5 5:7 5:10 5:14 5:21 5:30 5:44 3:44
  D  1250:0 800:0 500:0 315:0 200:0 125:0 80:0 50:0 32:0 20:0 13:0 8:0 5:0 13:1 8:1 8:2 8:3 8:5 8:7 8:10 8:14 8:21 8:30 8:44 5:44 3:44
  E  1250:0 800:0 500:0 315:0 200:0 125:0 80:0 50:0 32:0 20:0 13:0 8:0 20:1 13:1 13:2 13:3 13:5 13:7 13:10 13:14 13:21 13:30 13:44 8:44 5:44 3:44
  F  1250:0 800:0 500:0 315:0 200:0 125:0 80:0 50:0 32:0 20:0 13:0 32:1 20:1 20:2 20:3 20:5 20:7 20:10 20:14 20:21 13:21 13:30 13:44 8:44 5:44 3:44
  G  1250:0 800:0 500:0 315:0 200:0 125:0 80:0 50:0 32:0 20:0 50:1 32:1 32:2 32:3 32:5 32:7 32:10 32:14 32:21 20:21 13:21 13:30 13:44 8:44 5:44 3:44
  H  1250:0 800:0 500:0 315:0 200:0 125:0 80:0 50:0 32:0 80:1 50:1 50:2 50:3 50:5 50:7 50:10 50:14 50:21 32:21 20:21 13:21 13:30 13:44 8:44 5:44 3:44
  J  1250:0 800:0 500:0 315:0 200:0 125:0 80:0 50:0 125:1 80:1 80:2 80:3 80:5 80:7 80:10 80:14 80:21 50:21 32:21 20:21 13:21 13:30 13:44 8:44 5:44 3:44
  K  1250:0 800:0 500:0 315:0 200:0 125:0 80:0 200:1 125:1 125:2 125:3 125:5 125:7 125:10 125:14 125:21 80:21 50:21 32:21 20:21 13:21 13:30 13:44 8:44 5:44 3:44
  L  1250:0 800:0 500:0 315:0 200:0 125:0 315:1 200:1 200:2 200:3 200:5 200:7 200:10 200:14 200:21 125:21 80:21 50:21 32:21 20:21 13:21 13:30 13:44 8:44 5:44 3:44
  M  1250:0 800:0 500:0 315:0 200:0 500:1 315:1 315:2 315:3 315:5 315:7 315:10 315:14 315:21 200:21 125:21 80:21 50:21 32:21 20:21 13:21 13:30 13:44 8:44 5:44 3:44
  N  1250:0 800:0 500:0 315:0 800:1 500:1 500:2 500:3 500:5 500:7 500:10 500:14 500:21 315:21 200:21 125:21 80:21 50:21 32:21 20:21 13:21 13:30 13:44 8:44 5:44 3:44
  P  1250:0 800:0 500:0 1250:1 800:1 800:2 800:3 800:5 800:7 800:10 800:14 800:21 500:21 315:21 200:21 125:21 80:21 50:21 32:21 20:21 13:21 13:30 13:44 8:44 5:44 3:44
  Q  1250:0 800:0 2000:1 1250:1 1250:2 1250:3 1250:5 1250:7 1250:10 1250:14 1250:21 800:21 500:21 315:21 200:21 125:21 80:21 50:21 32:21 20:21 13:21 13:30 13:44 8:44 5:44 3:44
  R  1250:0 800:0 2000:1 2000:2 2000:3 2000:5 2000:7 2000:10 2000:14 2000:21 1250:21 800:21 500:21 315:21 200:21 125:21 80:21 50:21 32:21 20:21 13:21 13:30 13:44 8:44 5:44 3:44
`;
const tightenedSource = `
  A  2000:0 1250:0 800:0 500:0 315:0 200:0 125:0 80:0 50:0 32:0 20:0 13:0 8:0 5:0 3:0 8:1 5:1 3:1 2:1 2:2 2:3 2:5 2:8 2:12 2:18 2:27
  B  2000:0 1250:0 800:0 500:0 315:0 200:0 125:0 80:0 50:0 32:0 20:0 13:0 8:0 5:0 3:0 8:1 5:1 3:1 3:2 3:3 3:5 3:8 3:12 3:18 3:27 3:41
  C  2000:0 1250:0 800:0 500:0 315:0 200:0 125:0 80:0 50:0 32:0 20:0 13:0 8:0 5:0 13:1 8:1 5:1 5:2 5:3 5:5 5:8 5:12 5:18 5:27 5:41 3:41
  D  2000:0 1250:0 800:0 500:0 315:0 200:0 125:0 80:0 50:0 32:0 20:0 13:0 8:0 20:1 13:1 8:1 8:2 8:3 8:5 8:8 8:12 8:18 8:27 8:41 5:41 3:41
  E  2000:0 1250:0 800:0 500:0 315:0 200:0 125:0 80:0 50:0 32:0 20:0 13:0 32:1 20:1 13:1 13:2 13:3 13:5 13:8 13:12 13:18 13:27 13:41 8:41 5:41 3:41
  F  2000:0 1250:0 800:0 500:0 315:0 200:0 125:0 80:0 50:0 32:0 20:0 50:1 32:1 20:1 20:2 20:3 20:5 20:8 20:12 20:18 13:18 13:27 13:41 8:41 5:41 3:41
  G  2000:0 1250:0 800:0 500:0 315:0 200:0 125:0 80:0 50:0 32:0 80:1 50:1 32:1 32:2 32:3 32:5 32:8 32:12 32:18 20:18 13:18 13:27 13:41 8:41 5:41 3:41
  H  2000:0 1250:0 800:0 500:0 315:0 200:0 125:0 80:0 50:0 125:1 80:1 50:1 50:2 50:3 50:5 50:8 50:12 50:18 32:18 20:18 13:18 13:27 13:41 8:41 5:41 3:41
  J  2000:0 1250:0 800:0 500:0 315:0 200:0 125:0 80:0 200:1 125:1 80:1 80:2 80:3 80:5 80:8 80:12 80:18 50:18 32:18 20:18 13:18 13:27 13:41 8:41 5:41 3:41
  K  2000:0 1250:0 800:0 500:0 315:0 200:0 125:0 315:1 200:1 125:1 125:2 125:3 125:5 125:8 125:12 125:18 80:18 50:18 32:18 20:18 13:18 13:27 13:41 8:41 5:41 3:41
  L  2000:0 1250:0 800:0 500:0 315:0 200:0 500:1 315:1 200:1 200:2 200:3 200:5 200:8 200:12 200:18 125:18 80:18 50:18 32:18 20:18 13:18 13:27 13:41 8:41 5:41 3:41
  M  2000:0 1250:0 800:0 500:0 315:0 800:1 500:1 315:1 315:2 315:3 315:5 315:8 315:12 315:18 200:18 125:18 80:18 50:18 32:18 20:18 13:18 13:27 13:41 8:41 5:41 3:41
  N  2000:0 1250:0 800:0 500:0 1250:1 800:1 500:1 500:2 500:3 500:5 500:8 500:12 500:18 315:18 200:18 125:18 80:18 50:18 32:18 20:18 13:18 13:27 13:41 8:41 5:41 3:41
  P  2000:0 1250:0 800:0 2000:1 1250:1 800:1 800:2 800:3 800:5 800:8 800:12 800:18 500:18 315:18 200:18 125:18 80:18 50:18 32:18 20:18 13:18 13:27 13:41 8:41 5:41 3:41
  Q  2000:0 1250:0 3150:1 2000:1 1250:1 1250:2 1250:3 1250:5 1250:8 1250:12 1250:18 800:18 500:18 315:18 200:18 125:18 80:18 50:18 32:18 20:18 13:18 13:27 13:41 8:41 5:41 3:41
  R  2000:0 1250:0 3150:1 2000:1 2000:2 2000:3 2000:5 2000:8 2000:12 2000:18 1250:18 800:18 500:18 315:18 200:18 125:18 80:18 50:18 32:18 20:18 13:18 13:27 13:41 8:41 5:41 3:41
`;

describe.each([
  ['II-A', 'normal', normalSource],
  ['II-B', 'tightened', tightenedSource],
] as const)('Table %s (%s) against AQLSchemes, every letter and every AQL', (_table, inspection, text) => {
  it.each(text.trim().split('\n').map((line) => line.trim().split(/\s+/)))('code letter %s', (letter, ...cells) => {
    const { lotSize, level } = lotFor(letter);
    tabulatedAqls.forEach((aql, i) => {
      const [n, accept] = cells[i]!.split(':').map(Number) as [number, number];
      expect(samplingPlan({ lotSize, aql, level, inspection }), `${letter} at ${aql}`).toMatchObject({ sampleSize: Math.min(n, lotSize), accept, reject: accept + 1 });
    });
  });
});

describe('Table II-C (reduced, Z1.4-2003 with the gap between Ac and Re) against AQLSchemes', () => {
  const rows = reducedSource.trim().split('\n').map((line) => line.trim().split(/\s+/));

  it.each(rows.map((r) => [r[0]!, r.slice(1)] as const))('code letter %s at AQL 0.65 to 6.5', (letter, cells) => {
    const { lotSize, level } = lotFor(letter);
    expect(codeLetter(lotSize, level)).toBe(letter);
    [0.65, 1.0, 1.5, 2.5, 4.0, 6.5].forEach((aql, i) => {
      const n = Number(cells[2 * i]);
      const [accept, reject] = cells[2 * i + 1]!.split('/').map(Number);
      const plan = samplingPlan({ lotSize, aql, level, inspection: 'reduced' });
      expect(plan, `${letter} at ${aql}`).toMatchObject({ sampleSize: Math.min(n, lotSize), accept, reject, inspectAll: n >= lotSize });
    });
  });

  it.each(reducedSmallLetters.trim().split('\n').map((line) => line.trim().split(/\s+/)))('code letter %s at AQL 10 to 1000', (letter, ...cells) => {
    const { lotSize, level } = lotFor(letter);
    [10, 15, 25, 40, 65, 100, 150, 250, 400, 650, 1000].forEach((aql, i) => {
      const [accept, reject] = cells[i]!.split('/').map(Number);
      expect(samplingPlan({ lotSize, aql, level, inspection: 'reduced' }), `${letter} at ${aql}`).toMatchObject({ sampleSize: 2, accept, reject });
    });
  });

  it.each(reducedFullSource.trim().split('\n').map((line) => line.trim().split(/\s+/)))('code letter %s at every AQL', (letter, ...cells) => {
    const { lotSize, level } = lotFor(letter);
    tabulatedAqls.forEach((aql, i) => {
      const [n, accept, reject] = cells[i]!.split(/[:/]/).map(Number) as [number, number, number];
      expect(samplingPlan({ lotSize, aql, level, inspection: 'reduced' }), `${letter} at ${aql}`).toMatchObject({ sampleSize: Math.min(n, lotSize), accept, reject });
    });
  });

  it('gives the textbook example: lot 2000, level II, AQL 0.65 is 125 (2, 3) normal, 125 (1, 2) tightened, 50 (1, 3) reduced', () => {
    const plan = (inspection: InspectionMode) => samplingPlan({ lotSize: 2000, aql: 0.65, inspection });
    expect(plan('normal')).toEqual({ codeLetter: 'K', sampleSize: 125, accept: 2, reject: 3, inspectAll: false });
    expect(plan('tightened')).toEqual({ codeLetter: 'K', sampleSize: 125, accept: 1, reject: 2, inspectAll: false });
    expect(plan('reduced')).toEqual({ codeLetter: 'K', sampleSize: 50, accept: 1, reject: 3, inspectAll: false });
  });
});
