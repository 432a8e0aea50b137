import { limitNumberRows } from './tables';

// Z1.4 Table VIII (limit numbers for reduced inspection). Each printed number is the 10 % point of
// the total nonconforming that a process running exactly at the AQL would show over the row's
// smallest total sample, by the normal approximation the table was built with:
// floor(m - 1.2816 * sqrt(m)), m = AQL/100 x units. Where that is negative the table prints "*"
// (not enough units: more lots are needed). Computed rather than typed in: the only public copy found
// is a text extraction of a reprint that lost its 0 cells and part of its order. Every number that
// extraction shows is reproduced here (plans.test.ts lists them) but three, where the reprint also
// disagrees with itself: 178 at 30-49 units, AQL 650 (177 here and in its cell 130-199 at 150, the
// same mean), 7 at 130-199 units, AQL 10 (8 here and in its cell 200-319 at 6.5) and 49 at
// 1250-1999 units, AQL 4.0 (40 here and in every other cell of that mean). Where the
// printed table stops (its lower right, past about 180 nonconforming) the construction goes on.

const tenPercentPoint = 1.2816;

/** The limit number for a Table VIII row start (units) and AQL; null for the table's "*". */
export function tableLimitNumber(rowStart: number, aql: number): number | null {
  const mean = (rowStart * aql) / 100;
  const limit = Math.floor(mean - tenPercentPoint * Math.sqrt(mean));
  return limit < 0 ? null : limit;
}

/** The row of Table VIII a total sample falls in (its smallest total), or null below 20 units. */
export function limitNumberRow(samplesTotal: number): number | null {
  let row: number | null = null;
  for (const start of limitNumberRows) if (samplesTotal >= start) row = start;
  return row;
}
