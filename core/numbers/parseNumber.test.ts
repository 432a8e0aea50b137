import { describe, expect, it } from 'vitest';
import { parseNumber, type NumberRule } from './parseNumber';

// What a person types into a number field and what the field must make of it, written out by
// hand: a value, or the reason it is refused. Nothing near the text is ever guessed.

const passCount: NumberRule = { min: 0, max: 500, decimals: 0 };
const grams: NumberRule = { min: 0.01, max: 50_000, decimals: 2, unit: 'g' };
const offset: NumberRule = { min: -50, max: 50, decimals: 1, unit: 'mm', optional: true };

const cases: [string, NumberRule, number | null | string][] = [
  ['18', passCount, 18],
  ['18O', passCount, 'notANumber'],
  ['5o', passCount, 'notANumber'],
  ['abc', passCount, 'notANumber'],
  ['-50', passCount, 'notANumber'],
  ['1e3', passCount, 'notANumber'],
  ['1.2.3', passCount, 'notANumber'],
  [' ', passCount, 'missing'],
  ['', passCount, 'missing'],
  ['0x10', passCount, 'notANumber'],
  ['Infinity', passCount, 'notANumber'],
  ['NaN', passCount, 'notANumber'],
  ['+5', passCount, 'notANumber'],
  ['5 0', passCount, 'notANumber'],
  ['١٢', passCount, 'notANumber'],
  ['１２', passCount, 'notANumber'],
  ['18.0', passCount, 'decimals'],
  ['5,000', passCount, 'decimals'],
  ['501', passCount, 'range'],
  ['500', passCount, 500],
  ['0', passCount, 0],
  ['007', passCount, 7],
  [' 42 ', passCount, 42],
  ['267,3', grams, 267.3],
  ['267.3', grams, 267.3],
  ['267,35', grams, 267.35],
  ['267,355', grams, 'decimals'],
  ['5,000', grams, 'decimals'],
  ['267,', grams, 'notANumber'],
  [',5', grams, 'notANumber'],
  ['-50', grams, 'notANumber'],
  ['0', grams, 'range'],
  ['50000', grams, 50_000],
  ['50000,01', grams, 'range'],
  ['abc', grams, 'notANumber'],
  ['', offset, null],
  ['-2,5', offset, -2.5],
  ['-0', offset, 0],
  ['-50,1', offset, 'range'],
  ['--2', offset, 'notANumber'],
  ['2-', offset, 'notANumber'],
];

describe('parseNumber', () => {
  it.each(cases)('%j in a field of %j reads as %j', (text, rule, expected) => {
    const reading = parseNumber(text, rule);
    if (typeof expected === 'string') expect(reading).toEqual({ ok: false, problem: expected });
    else expect(reading).toEqual({ ok: true, value: expected });
  });

  it('never gives NaN, an infinity or minus zero for any text', () => {
    const texts = ['', '.', ',', '-', '-.', '1.', '.1', 'e', '1e', '9'.repeat(400), `0,${'0'.repeat(400)}1`];
    const wide: NumberRule = { min: -Number.MAX_VALUE, max: Number.MAX_VALUE, decimals: 500, optional: true };
    for (const text of texts) {
      const reading = parseNumber(text, wide);
      if (reading.ok && reading.value !== null) expect(Number.isFinite(reading.value) && !Object.is(reading.value, -0), text).toBe(true);
    }
  });
});
