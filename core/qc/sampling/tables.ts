// The tables of ANSI/ASQ Z1.4-2003 used for single sampling, as data, laid out as the standard prints
// them (its normal and tightened master tables are those of ISO 2859-1 and MIL-STD-105E). The
// cross-checks against independently published copies are in tables.test.ts and plans.test.ts; every
// cell of II-A, II-B and II-C (the plan each letter and AQL leads to) agrees with the MIL-STD-105E /
// Z1.4 tables of the R package AQLSchemes (Lawson), and the layout of II-A, arrows included, with a
// transcription of ISO 2859-1 Table 2-A.

/** Sample size code letters, smallest sample first (S exists only in the tightened table). */
export const codeLetters = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'Q', 'R', 'S'] as const;

/** The AQL columns of Tables II-A/B/C and VIII, in order. */
export const tabulatedAqlValues: readonly number[] = [
  0.01, 0.015, 0.025, 0.04, 0.065, 0.1, 0.15, 0.25, 0.4, 0.65, 1, 1.5, 2.5, 4, 6.5, 10, 15, 25, 40, 65, 100, 150, 250, 400, 650, 1000,
];

/** Table I: for each lot size range (up to and including upTo), the letters for I, II, III, S-1, S-2, S-3, S-4. */
export const lotSizeRanges: readonly { upTo: number; letters: string }[] = [
  // letters in the order of inspectionLevels: I II III S-1 S-2 S-3 S-4
  { upTo: 8, letters: 'AABAAAA' },
  { upTo: 15, letters: 'ABCAAAA' },
  { upTo: 25, letters: 'BCDAABB' },
  { upTo: 50, letters: 'CDEABBC' },
  { upTo: 90, letters: 'CEFBBCC' },
  { upTo: 150, letters: 'DFGBBCD' },
  { upTo: 280, letters: 'EGHBCDE' },
  { upTo: 500, letters: 'FHJBCDE' },
  { upTo: 1200, letters: 'GJKCCEF' },
  { upTo: 3200, letters: 'HKLCDEG' },
  { upTo: 10000, letters: 'JLMCDFG' },
  { upTo: 35000, letters: 'KMNCDFH' },
  { upTo: 150000, letters: 'LNPDEGJ' },
  { upTo: 500000, letters: 'MPQDEGJ' },
  { upTo: Infinity, letters: 'NQRDEHK' },
];

/** A cell of a master table: a plan [Ac, Re], an arrow, or nothing printed. */
export type Cell = readonly [accept: number, reject: number] | 'down' | 'up' | null;

export interface MasterTable {
  /** Sample size per code letter (index as codeLetters). */
  sampleSizes: readonly number[];
  /** One string per code letter, 26 cells (one per AQL column) separated by spaces: "Ac/Re", v (use the first plan below), ^ (use the first plan above), - (nothing printed). */
  rows: readonly string[];
}

// Table II-A: single sampling plans for normal inspection (master table). Every arrow points at a plan:
// A at AQL 10 points down (to C) and R at 0.015 up (to P), as the ISO 2859-1 transcription prints them.
const normal: MasterTable = {
  sampleSizes: [2, 3, 5, 8, 13, 20, 32, 50, 80, 125, 200, 315, 500, 800, 1250, 2000],
  rows: [
    'v v v v v v v v v v v v v v 0/1 v v 1/2 2/3 3/4 5/6 7/8 10/11 14/15 21/22 30/31', // A
    'v v v v v v v v v v v v v 0/1 ^ v 1/2 2/3 3/4 5/6 7/8 10/11 14/15 21/22 30/31 44/45', // B
    'v v v v v v v v v v v v 0/1 ^ v 1/2 2/3 3/4 5/6 7/8 10/11 14/15 21/22 30/31 44/45 ^', // C
    'v v v v v v v v v v v 0/1 ^ v 1/2 2/3 3/4 5/6 7/8 10/11 14/15 21/22 30/31 44/45 ^ ^', // D
    'v v v v v v v v v v 0/1 ^ v 1/2 2/3 3/4 5/6 7/8 10/11 14/15 21/22 30/31 44/45 ^ ^ ^', // E
    'v v v v v v v v v 0/1 ^ v 1/2 2/3 3/4 5/6 7/8 10/11 14/15 21/22 ^ ^ ^ ^ ^ ^', // F
    'v v v v v v v v 0/1 ^ v 1/2 2/3 3/4 5/6 7/8 10/11 14/15 21/22 ^ ^ ^ ^ ^ ^ ^', // G
    'v v v v v v v 0/1 ^ v 1/2 2/3 3/4 5/6 7/8 10/11 14/15 21/22 ^ ^ ^ ^ ^ ^ ^ ^', // H
    'v v v v v v 0/1 ^ v 1/2 2/3 3/4 5/6 7/8 10/11 14/15 21/22 ^ ^ ^ ^ ^ ^ ^ ^ ^', // J
    'v v v v v 0/1 ^ v 1/2 2/3 3/4 5/6 7/8 10/11 14/15 21/22 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^', // K
    'v v v v 0/1 ^ v 1/2 2/3 3/4 5/6 7/8 10/11 14/15 21/22 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^', // L
    'v v v 0/1 ^ v 1/2 2/3 3/4 5/6 7/8 10/11 14/15 21/22 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^', // M
    'v v 0/1 ^ v 1/2 2/3 3/4 5/6 7/8 10/11 14/15 21/22 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^', // N
    'v 0/1 ^ v 1/2 2/3 3/4 5/6 7/8 10/11 14/15 21/22 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^', // P
    '0/1 ^ v 1/2 2/3 3/4 5/6 7/8 10/11 14/15 21/22 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^', // Q
    '^ ^ 1/2 2/3 3/4 5/6 7/8 10/11 14/15 21/22 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^', // R
  ],
};

// Table II-B: single sampling plans for tightened inspection (master table). Letter S (3150) exists
// only here, with its one plan under 0.025; R at 0.015 points up to Q.
const tightened: MasterTable = {
  sampleSizes: [2, 3, 5, 8, 13, 20, 32, 50, 80, 125, 200, 315, 500, 800, 1250, 2000, 3150],
  rows: [
    'v v v v v v v v v v v v v v v v v v 1/2 2/3 3/4 5/6 8/9 12/13 18/19 27/28', // A
    'v v v v v v v v v v v v v v 0/1 v v 1/2 2/3 3/4 5/6 8/9 12/13 18/19 27/28 41/42', // B
    'v v v v v v v v v v v v v 0/1 v v 1/2 2/3 3/4 5/6 8/9 12/13 18/19 27/28 41/42 ^', // C
    'v v v v v v v v v v v v 0/1 v v 1/2 2/3 3/4 5/6 8/9 12/13 18/19 27/28 41/42 ^ ^', // D
    'v v v v v v v v v v v 0/1 v v 1/2 2/3 3/4 5/6 8/9 12/13 18/19 27/28 41/42 ^ ^ ^', // E
    'v v v v v v v v v v 0/1 v v 1/2 2/3 3/4 5/6 8/9 12/13 18/19 ^ ^ ^ ^ ^ ^', // F
    'v v v v v v v v v 0/1 v v 1/2 2/3 3/4 5/6 8/9 12/13 18/19 ^ ^ ^ ^ ^ ^ ^', // G
    'v v v v v v v v 0/1 v v 1/2 2/3 3/4 5/6 8/9 12/13 18/19 ^ ^ ^ ^ ^ ^ ^ ^', // H
    'v v v v v v v 0/1 v v 1/2 2/3 3/4 5/6 8/9 12/13 18/19 ^ ^ ^ ^ ^ ^ ^ ^ ^', // J
    'v v v v v v 0/1 v v 1/2 2/3 3/4 5/6 8/9 12/13 18/19 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^', // K
    'v v v v v 0/1 v v 1/2 2/3 3/4 5/6 8/9 12/13 18/19 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^', // L
    'v v v v 0/1 v v 1/2 2/3 3/4 5/6 8/9 12/13 18/19 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^', // M
    'v v v 0/1 v v 1/2 2/3 3/4 5/6 8/9 12/13 18/19 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^', // N
    'v v 0/1 v v 1/2 2/3 3/4 5/6 8/9 12/13 18/19 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^', // P
    'v 0/1 v v 1/2 2/3 3/4 5/6 8/9 12/13 18/19 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^', // Q
    '0/1 ^ v 1/2 2/3 3/4 5/6 8/9 12/13 18/19 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^', // R
    '- - 1/2 - - - - - - - - - - - - - - - - - - - - - - -', // S
  ],
};

// Table II-C: single sampling plans for reduced inspection (master table), Z1.4-2003 edition: the
// rejection number may exceed Ac + 1; a count between them accepts the lot but ends reduced inspection.
// Letters A, B and C all sample 2; from AQL 25 (A) and 40 (B) on, their plans are not the gap series
// (A has the normal plans, B 2/4 and 3/5 then the normal plans), and C at 1000 points up to B's 30/31.
const reduced: MasterTable = {
  sampleSizes: [2, 2, 2, 3, 5, 8, 13, 20, 32, 50, 80, 125, 200, 315, 500, 800],
  rows: [
    'v v v v v v v v v v v v v v 0/1 v v 1/2 2/3 3/4 5/6 7/8 10/11 14/15 21/22 30/31', // A
    'v v v v v v v v v v v v v 0/1 ^ v 0/2 1/3 2/4 3/5 5/6 7/8 10/11 14/15 21/22 30/31', // B
    'v v v v v v v v v v v v 0/1 ^ v 0/2 1/3 1/4 2/5 3/6 5/8 7/10 10/13 14/17 21/24 ^', // C
    'v v v v v v v v v v v 0/1 ^ v 0/2 1/3 1/4 2/5 3/6 5/8 7/10 10/13 14/17 21/24 ^ ^', // D
    'v v v v v v v v v v 0/1 ^ v 0/2 1/3 1/4 2/5 3/6 5/8 7/10 10/13 14/17 21/24 ^ ^ ^', // E
    'v v v v v v v v v 0/1 ^ v 0/2 1/3 1/4 2/5 3/6 5/8 7/10 10/13 ^ ^ ^ ^ ^ ^', // F
    'v v v v v v v v 0/1 ^ v 0/2 1/3 1/4 2/5 3/6 5/8 7/10 10/13 ^ ^ ^ ^ ^ ^ ^', // G
    'v v v v v v v 0/1 ^ v 0/2 1/3 1/4 2/5 3/6 5/8 7/10 10/13 ^ ^ ^ ^ ^ ^ ^ ^', // H
    'v v v v v v 0/1 ^ v 0/2 1/3 1/4 2/5 3/6 5/8 7/10 10/13 ^ ^ ^ ^ ^ ^ ^ ^ ^', // J
    'v v v v v 0/1 ^ v 0/2 1/3 1/4 2/5 3/6 5/8 7/10 10/13 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^', // K
    'v v v v 0/1 ^ v 0/2 1/3 1/4 2/5 3/6 5/8 7/10 10/13 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^', // L
    'v v v 0/1 ^ v 0/2 1/3 1/4 2/5 3/6 5/8 7/10 10/13 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^', // M
    'v v 0/1 ^ v 0/2 1/3 1/4 2/5 3/6 5/8 7/10 10/13 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^', // N
    'v 0/1 ^ v 0/2 1/3 1/4 2/5 3/6 5/8 7/10 10/13 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^', // P
    '0/1 ^ v 0/2 1/3 1/4 2/5 3/6 5/8 7/10 10/13 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^', // Q
    '^ ^ 0/2 1/3 1/4 2/5 3/6 5/8 7/10 10/13 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^', // R
  ],
};

export const masterTables = { normal, tightened, reduced } as const;

function parseCell(text: string): Cell {
  if (text === 'v') return 'down';
  if (text === '^') return 'up';
  if (text === '-') return null;
  const [accept, reject] = text.split('/').map(Number);
  return [accept!, reject!];
}

const parsed = new Map<MasterTable, Cell[][]>();

/** The cells of one code letter's row (index as codeLetters); empty past the table's last letter. */
export function letterRow(table: MasterTable, letter: number): readonly Cell[] {
  let rows = parsed.get(table);
  if (!rows) parsed.set(table, (rows = table.rows.map((row) => row.split(' ').map(parseCell))));
  return rows[letter] ?? [];
}

/**
 * Table VIII: the rows of "number of sample units from the last 10 lots" (each row's smallest total),
 * 20-29 up to "31 500 and over" as Z1.4-2003 prints them. The limit numbers are computed by the
 * table's own construction (see limitNumbers.ts) and checked against a reprint in plans.test.ts.
 */
export const limitNumberRows: readonly number[] = [20, 30, 50, 80, 130, 200, 320, 500, 800, 1250, 2000, 3150, 5000, 8000, 12500, 20000, 31500];
