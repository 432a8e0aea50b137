import { describe, expect, it } from 'vitest';
import { DoubleReadFilter } from './doubleRead';

const tag = 'L-26-R1-000123/BR-EAR-002/gold-0.5';

describe('double reads of one label', () => {
  it('drops the same code again within 300 ms, however often the scanner repeats it', () => {
    const filter = new DoubleReadFilter();
    expect([0, 40, 250, 500].map((t) => filter.accept(tag, t))).toEqual([true, false, false, false]);
  });

  it('keeps the same tag scanned again later: the next piece of the lot', () => {
    const filter = new DoubleReadFilter();
    expect([0, 300, 1200].map((t) => filter.accept(tag, t))).toEqual([true, true, true]);
  });

  it('keeps different codes however close, and a code again after another one', () => {
    const filter = new DoubleReadFilter();
    expect(filter.accept(tag, 0)).toBe(true);
    expect(filter.accept('L-26-R1-000124', 20)).toBe(true);
    expect(filter.accept(tag, 40)).toBe(true);
  });

  it('keeps the same code again at once when a person did something between', () => {
    const filter = new DoubleReadFilter();
    expect(filter.accept(tag, 0)).toBe(true);
    filter.forget();
    expect(filter.accept(tag, 100)).toBe(true);
  });
});
