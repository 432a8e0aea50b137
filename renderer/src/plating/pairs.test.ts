import { describe, expect, it } from 'vitest';
import { readPairs } from './pairs';

// What a planner types into a line's changeover or bath-efficiency list, and what it must read as,
// written out by hand.
const efficiency = { min: 0.01, max: 1, decimals: 3 };
const minutes = { min: 0, max: 1_440, decimals: 0, unit: 'minutes' as const };

describe('a list of figures by name', () => {
  it.each([
    ['gold-1.0=0,85', efficiency, { 'gold-1.0': 0.85 }],
    ['gold-1.0=0.85; silver-1.0=0,6', efficiency, { 'gold-1.0': 0.85, 'silver-1.0': 0.6 }],
    ['gold-1.0=0.85, silver-1.0=0.6', efficiency, { 'gold-1.0': 0.85, 'silver-1.0': 0.6 }],
    ['gold-1.0=0,85, silver-1.0=0,6', efficiency, { 'gold-1.0': 0.85, 'silver-1.0': 0.6 }],
    ['default=20;\nraw-brass->gold-1.0=45', minutes, { default: 20, 'raw-brass->gold-1.0': 45 }],
    ['', minutes, {}],
  ])('%j reads as %j', (text, rule, value) => {
    expect(readPairs(text, rule)).toEqual({ ok: true, value });
  });

  it.each([
    ['gold-1.0=abc', efficiency, 'gold-1.0=abc'],
    ['gold-1.0=1,5', efficiency, 'gold-1.0=1,5'],
    ['gold-1.0=0', efficiency, 'gold-1.0=0'],
    ['gold-1.0', efficiency, 'gold-1.0'],
    ['=0.5', efficiency, '=0.5'],
    ['gold-1.0=', efficiency, 'gold-1.0='],
    ['default=20; default=30', minutes, 'default=30'],
    ['default=2o', minutes, 'default=2o'],
    ['default=-5', minutes, 'default=-5'],
    ['default=1e3', minutes, 'default=1e3'],
    ['default=20,5', minutes, 'default=20,5'],
  ])('%j is refused, naming %j', (text, rule, entry) => {
    expect(readPairs(text, rule)).toEqual({ ok: false, entry });
  });
});
