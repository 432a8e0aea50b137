import { describe, expect, it } from 'vitest';
import { parseOhausLine } from './ohausLine';

describe('parseOhausLine', () => {
  it.each([
    ['        0.00 g     ', 'zero', 0, 'g', 0],
    ['       12.73 g    ?', 'motion', 12.73, 'g', 12.73],
    ['       12.72 g     ', 'stable', 12.72, 'g', 12.72],
    ['      0.4500 oz    ', 'stable', 0.45, 'oz', 12.7572854063],
    ['      0.5950 oz   ?', 'motion', 0.595, 'oz', 16.8679662594],
    ['        0.85 oz     WET WT', 'stable', 0.85, 'oz', 24.0970946563],
    ['         200 g  ', 'stable', 200, 'g', 200],
    ['         311 g ?', 'motion', 311, 'g', 311],
    ['       0.211 kg ?', 'motion', 0.211, 'kg', 211],
    ['-      12.34 g     N', 'under', -12.34, 'g', -12.34],
    ['      -12.34 g    ?', 'motion', -12.34, 'g', -12.34],
    ['     123.450 g      NET', 'stable', 123.45, 'g', 123.45],
    ['       617.3 ct    G', 'stable', 617.3, 'ct', 123.46],
  ])('"%s" is %s %d %s (%d g)', (line, status, value, unit, grams) => {
    expect(parseOhausLine(line)).toMatchObject({ kind: 'reading', status, reported: { value, unit }, grams, raw: line });
  });

  it('a stable weight is one without the ?', () => {
    expect(parseOhausLine('  5.00 g')).toMatchObject({ stable: true });
    expect(parseOhausLine('  5.00 g ?')).toMatchObject({ stable: false });
  });

  it.each(['           3 PCS  ?', '        12.5 %', '         1.2 N'])('"%s" is not a weight: refused', (line) => {
    const report = parseOhausLine(line);
    expect(report.kind).toBe('problem');
    if (report.kind === 'problem') expect(report.error.code).toBe('scale.unknownUnit');
  });

  it('ES is an error reply', () => {
    const report = parseOhausLine('ES');
    expect(report.kind).toBe('problem');
    if (report.kind === 'problem') expect(report.error.code).toBe('scale.error');
  });

  it.each(['\x00\x13\xff', 'g 12.00', '12,00 g', '12.00', 'ST,+00123.45  g', '--------'])('"%s" is garbage', (line) => {
    const report = parseOhausLine(line);
    expect(report.kind).toBe('problem');
    if (report.kind === 'problem') expect(report.error.code).toBe('scale.garbage');
  });

  it('blank lines carry nothing', () => {
    expect(parseOhausLine('   ').kind).toBe('ignored');
  });
});
