import { describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/errors';
import { toGrams, unitOf } from './units';

describe('toGrams', () => {
  it.each([
    [1, 'g', 1],
    [0.211, 'kg', 211],
    [250, 'mg', 0.25],
    [5, 'ct', 1],
    [1, 'oz', 28.349523125],
    [1, 'lb', 453.59237],
    [1, 'lbs', 453.59237],
    [1, 'ozt', 31.1034768],
    [1, 'dwt', 1.55517384],
    [1, 'GN', 0.06479891],
    [1, 'gr', 0.06479891],
    [2, 'mom', 7.5],
    [0.001, 'tonne', 1000],
    [-12.5, 'g', -12.5],
  ])('%d %s is %d g', (value, unit, grams) => {
    expect(toGrams(value, unit)).toBe(grams);
  });

  it('converts a protocol spelling only where that protocol uses it (A&D t is the tola)', () => {
    expect(toGrams(1, 't', { t: 'tola' })).toBe(11.6638038);
    expect(() => toGrams(1, 't')).toThrow(AppError);
  });

  it.each(['taels', 'tl', 'ton', 'PC', 'PCS', '%', 'N', 'G', 'KG', '', 'grams'])('refuses "%s" with scale.unknownUnit, never guessing', (unit) => {
    try {
      unitOf(unit);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('scale.unknownUnit');
      expect((error as AppError).message).toContain(`"${unit}"`);
    }
  });

  it('does not take inherited object keys for units', () => {
    expect(() => unitOf('constructor')).toThrow(/does not convert/);
    expect(() => unitOf('__proto__')).toThrow(/does not convert/);
  });
});
