import { describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/errors';
import { codeLetter, limitNumber, samplingPlan } from './index';

// The plan a person gets for a lot: arrows followed to the plan the standard points at (its own
// code letter and sample size), 100 % inspection when the sample is the whole lot, and clear
// refusals for what the standard does not cover.

describe('following the arrows of the master tables', () => {
  it('normal, down: code letter A at AQL 0.65 uses F, 20 pieces, Ac 0 Re 1', () => {
    expect(codeLetter(50, 'S-1')).toBe('A');
    expect(samplingPlan({ lotSize: 50, aql: 0.65, level: 'S-1' })).toEqual({ codeLetter: 'F', sampleSize: 20, accept: 0, reject: 1, inspectAll: false });
  });

  it('normal, up: code letter G at AQL 0.65 uses F above it, 20 pieces, Ac 0 Re 1', () => {
    expect(samplingPlan({ lotSize: 200, aql: 0.65 })).toEqual({ codeLetter: 'F', sampleSize: 20, accept: 0, reject: 1, inspectAll: false });
  });

  it('normal, up from the last plan of a row: K at AQL 15 uses J, 80 pieces, Ac 21 Re 22', () => {
    expect(samplingPlan({ lotSize: 2000, aql: 15 })).toEqual({ codeLetter: 'J', sampleSize: 80, accept: 21, reject: 22, inspectAll: false });
  });

  it('tightened, down: J at AQL 0.65 uses K below it, 125 pieces, Ac 1 Re 2', () => {
    expect(samplingPlan({ lotSize: 1000, aql: 0.65, inspection: 'tightened' })).toEqual({ codeLetter: 'K', sampleSize: 125, accept: 1, reject: 2, inspectAll: false });
  });

  it('tightened, down past a 0 1 plan: H at AQL 0.65 skips to K (the two cells under G\'s 0 1 point down)', () => {
    expect(samplingPlan({ lotSize: 400, aql: 0.65, inspection: 'tightened' })).toMatchObject({ codeLetter: 'K', sampleSize: 125, accept: 1, reject: 2 });
  });

  it('tightened, up: K at AQL 15 uses J, 80 pieces, Ac 18 Re 19', () => {
    expect(samplingPlan({ lotSize: 2000, aql: 15, inspection: 'tightened' })).toEqual({ codeLetter: 'J', sampleSize: 80, accept: 18, reject: 19, inspectAll: false });
  });

  it('tightened, down to the letter only Table II-B has: R at AQL 0.025 uses S, 3150 pieces, Ac 1 Re 2', () => {
    expect(samplingPlan({ lotSize: 600_000, aql: 0.025, level: 'III', inspection: 'tightened' })).toEqual({ codeLetter: 'S', sampleSize: 3150, accept: 1, reject: 2, inspectAll: false });
  });

  it('reduced, down: J at AQL 0.10 uses K, 50 pieces, Ac 0 Re 1', () => {
    expect(samplingPlan({ lotSize: 1000, aql: 0.1, inspection: 'reduced' })).toEqual({ codeLetter: 'K', sampleSize: 50, accept: 0, reject: 1, inspectAll: false });
  });

  it('reduced, up: J at AQL 0.25 uses H, 20 pieces, Ac 0 Re 1', () => {
    expect(samplingPlan({ lotSize: 1000, aql: 0.25, inspection: 'reduced' })).toEqual({ codeLetter: 'H', sampleSize: 20, accept: 0, reject: 1, inspectAll: false });
  });

  it('reduced keeps the gap: J at AQL 2.5 is 32 pieces, accept up to 2, reject from 5', () => {
    expect(samplingPlan({ lotSize: 1000, aql: 2.5, inspection: 'reduced' })).toEqual({ codeLetter: 'J', sampleSize: 32, accept: 2, reject: 5, inspectAll: false });
  });

  it('the arrows at the edges of the tables point into them (as the ISO 2859-1 transcription prints II-A)', () => {
    // Normal A at AQL 10 points down: B points down too, so C, 5 pieces, 1 2.
    expect(samplingPlan({ lotSize: 50, aql: 10, level: 'S-1' })).toEqual({ codeLetter: 'C', sampleSize: 5, accept: 1, reject: 2, inspectAll: false });
    // Normal R at AQL 0.015 points up past Q's arrow to P, 800 pieces, 0 1.
    expect(samplingPlan({ lotSize: 600_000, aql: 0.015, level: 'III' })).toEqual({ codeLetter: 'P', sampleSize: 800, accept: 0, reject: 1, inspectAll: false });
    // Tightened R at AQL 0.015 points up to Q, 1250 pieces, 0 1 (S prints nothing there).
    expect(samplingPlan({ lotSize: 600_000, aql: 0.015, level: 'III', inspection: 'tightened' })).toMatchObject({ codeLetter: 'Q', sampleSize: 1250, accept: 0, reject: 1 });
    // Reduced R at AQL 0.015 points up to P, 315 pieces, 0 1.
    expect(samplingPlan({ lotSize: 600_000, aql: 0.015, level: 'III', inspection: 'reduced' })).toMatchObject({ codeLetter: 'P', sampleSize: 315, accept: 0, reject: 1 });
  });

  it('reduced, the small letters: B at AQL 40 is 2 pieces, Ac 2 Re 4; C at 1000 points up to B, Ac 30 Re 31', () => {
    expect(samplingPlan({ lotSize: 15, aql: 40, inspection: 'reduced' })).toEqual({ codeLetter: 'B', sampleSize: 2, accept: 2, reject: 4, inspectAll: false });
    expect(samplingPlan({ lotSize: 25, aql: 1000, inspection: 'reduced' })).toEqual({ codeLetter: 'B', sampleSize: 2, accept: 30, reject: 31, inspectAll: false });
  });
});

describe('100 % inspection', () => {
  it('inspects every piece when the plan the arrow leads to needs at least the whole lot', () => {
    // 8 pieces at AQL 0.65: letter A points down to F, 20 pieces, more than the lot.
    expect(samplingPlan({ lotSize: 8, aql: 0.65 })).toEqual({ codeLetter: 'F', sampleSize: 8, accept: 0, reject: 1, inspectAll: true });
    // 20 pieces and a 20-piece plan: the sample is the lot.
    expect(samplingPlan({ lotSize: 20, aql: 0.65, level: 'S-1' })).toMatchObject({ sampleSize: 20, inspectAll: true });
  });

  it('samples when the plan is smaller than the lot', () => {
    expect(samplingPlan({ lotSize: 21, aql: 0.65, level: 'S-1' })).toMatchObject({ sampleSize: 20, inspectAll: false });
  });
});

describe('the defaults', () => {
  it('are general level II and normal inspection', () => {
    expect(samplingPlan({ lotSize: 1000, aql: 2.5 })).toEqual(samplingPlan({ lotSize: 1000, aql: 2.5, level: 'II', inspection: 'normal' }));
    expect(samplingPlan({ lotSize: 1000, aql: 2.5 })).toEqual({ codeLetter: 'J', sampleSize: 80, accept: 5, reject: 6, inspectAll: false });
  });
});

describe('what the standard does not cover', () => {
  function error(run: () => unknown): AppError {
    try {
      run();
    } catch (e) {
      return e as AppError;
    }
    throw new Error('no error');
  }

  it('refuses an AQL the tables do not list, naming it', () => {
    const e = error(() => samplingPlan({ lotSize: 500, aql: 2 }));
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('qc.aqlNotTabulated');
    expect(e.params).toEqual({ aql: 2 });
    expect(e.message).toContain('2.5');
  });

  it('refuses a lot below 2 pieces, and a fraction of a piece', () => {
    expect(error(() => samplingPlan({ lotSize: 1, aql: 2.5 }))).toMatchObject({ code: 'qc.lotSizeTooSmall', params: { lotSize: 1 } });
    expect(error(() => samplingPlan({ lotSize: 0, aql: 2.5 }))).toMatchObject({ code: 'qc.lotSizeTooSmall' });
    expect(error(() => samplingPlan({ lotSize: 12.5, aql: 2.5 }))).toMatchObject({ code: 'qc.lotSizeNotWhole' });
  });

  it('refuses an unknown level or inspection', () => {
    expect(error(() => samplingPlan({ lotSize: 500, aql: 2.5, level: 'IV' as 'I' }))).toMatchObject({ code: 'qc.levelUnknown', params: { level: 'IV' } });
    expect(error(() => samplingPlan({ lotSize: 500, aql: 2.5, inspection: 'strict' as 'normal' }))).toMatchObject({ code: 'qc.inspectionUnknown' });
  });
});

describe('Table VIII: limit numbers for reduced inspection', () => {
  // Z1.4-2003 Table VIII as reprinted in "Acceptance Sampling Tables" (Figure 1, web page
  // biz.doczj.com/doc/343077727.html). The page's extracted text gives the row heads (20-29 ... 31500 &
  // over), 120 "*" in all, and the numbers column by column; it drops the 0 cells, so the two 0s
  // written after each column's "*" run are inferred (the table's cells between "*" and its first
  // number). Per column: how many "*" from the top row, then the numbers downwards as the page gives
  // them; rows below the last number print nothing and are not checked. Three cells ("-") are left
  // out, where the reprint disagrees with its own cells of the same mean (see limitNumbers.ts).
  const rowStarts = [20, 30, 50, 80, 130, 200, 320, 500, 800, 1250, 2000, 3150, 5000, 8000, 12500, 20000, 31500];
  const reprint: [aql: number, stars: number, numbers: string][] = [
    [0.15, 9, '0 0 1 3 7 13 22 38'],
    [0.25, 8, '0 0 2 4 7 14 24 40 67'],
    [0.4, 7, '0 0 2 4 8 14 24 40 68 111'],
    [0.65, 6, '0 0 2 4 8 14 25 42 69 115 186'],
    [1.0, 5, '0 0 2 4 7 14 24 40 68 110'],
    [1.5, 4, '0 0 1 3 7 13 22 38 63 105 169'],
    [2.5, 3, '0 0 2 4 7 14 24 40 67 110 181'],
    [4.0, 2, '0 0 2 4 8 14 24 - 68 111'],
    [6.5, 1, '0 0 2 4 8 14 25 42 69 115 186'],
    [10, 0, '0 0 2 4 - 14 24 40 68 110 181'],
    [15, 0, '0 1 3 7 13 22 39 63 105'],
    [25, 0, '2 3 7 14 25 40 68 110 181'],
    [40, 0, '4 7 14 24 42 68 113 181'],
    [65, 0, '8 13 25 42 72 115 189'],
    [100, 0, '14 22 40 68 115 181'],
    [150, 0, '22 36 63 105 177 277'],
    [250, 0, '40 63 110 181 301 471'],
    [400, 0, '68 105 181 297 490'],
    [650, 0, '115 - 301'],
    [1000, 0, '181 277'],
  ];

  it.each(reprint)('AQL %s: "*" in the first %i rows, then the printed numbers', (aql, stars, numbers) => {
    rowStarts.slice(0, stars).forEach((units) => expect(limitNumber(units, aql), `${units} units`).toBeNull());
    numbers.split(' ').forEach((printed, i) => {
      const units = rowStarts[stars + i]!;
      if (printed !== '-') expect(limitNumber(units, aql), `${units} units`).toBe(Number(printed));
    });
  });

  it('has 120 "*" cells, as the reprint does, and none in its last two rows', () => {
    let stars = 0;
    for (const units of rowStarts) for (const aql of [0.01, 0.015, 0.025, 0.04, 0.065, 0.1, 0.15, 0.25, 0.4, 0.65, 1, 1.5, 2.5, 4, 6.5, 10, 15, 25, 40, 65, 100, 150, 250, 400, 650, 1000]) if (limitNumber(units, aql) === null) stars++;
    expect(stars).toBe(120);
    expect(limitNumber(20_000, 0.01)).toBe(0);
    expect(limitNumber(31_500, 0.01)).toBe(0);
  });

  it('has no number below 20 sample units, and "31500 & over" is its last row', () => {
    expect(limitNumber(19, 1000)).toBeNull();
    expect(limitNumber(29, 6.5)).toBeNull();
    expect(limitNumber(320, 0.4)).toBeNull();
    expect(limitNumber(31_499, 0.65)).toBe(115);
    expect(limitNumber(31_500, 0.65)).toBe(186);
    expect(limitNumber(1_000_000, 0.65)).toBe(186);
  });

  it('is the same across a row, and grows with the sample units', () => {
    expect(limitNumber(200, 2.5)).toBe(limitNumber(319, 2.5));
    expect(limitNumber(320, 2.5)!).toBeGreaterThan(limitNumber(319, 2.5)!);
  });

  it('refuses an AQL the table does not list', () => {
    expect(() => limitNumber(500, 3)).toThrow(AppError);
  });
});
