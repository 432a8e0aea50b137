import { describe, expect, it } from 'vitest';
import { parseAndLine } from './andLine';

describe('parseAndLine', () => {
  it.each([
    ['ST,+00123.45  g', 'stable', 123.45, 'g', 123.45],
    ['US,+00123.40  g', 'motion', 123.4, 'g', 123.4],
    ['US,-00183.96  g', 'motion', -183.96, 'g', -183.96],
    ['ST,-00000.52  g', 'under', -0.52, 'g', -0.52],
    ['ST,+00000.00  g', 'zero', 0, 'g', 0],
    ['ST,+0001.234 kg', 'stable', 1.234, 'kg', 1234],
    ['ST,+00617.25 ct', 'stable', 617.25, 'ct', 123.45],
    ['ST,+0004.3546 oz', 'stable', 4.3546, 'oz', 123.450833400],
    ['ST,+003.9690ozt', 'stable', 3.969, 'ozt', 123.449699419],
    ['ST,+00032.92mom', 'stable', 32.92, 'mom', 123.45],
    ['ST,+0079.377dwt', 'stable', 79.377, 'dwt', 123.445033898],
    ['ST,+1905.103 GN', 'stable', 1905.103, 'GN', 123.448597838],
    ['ST,+00010.58  t', 'stable', 10.58, 't', 123.403044204],
    ['ST,OK,+0001.234 kg', 'stable', 1.234, 'kg', 1234],
    ['ST,+   123.45  g', 'stable', 123.45, 'g', 123.45],
  ])('"%s" is %s %d %s (%d g)', (line, status, value, unit, grams) => {
    expect(parseAndLine(line)).toMatchObject({ kind: 'reading', status, reported: { value, unit }, grams, raw: line });
  });

  it.each(['OL,+9999999E+19', 'OL,+999999.9  g', 'OL,+99999999 PC'])('"%s" is overload, its number a sentinel', (line) => {
    expect(parseAndLine(line)).toMatchObject({ kind: 'reading', status: 'over', grams: null, reported: null });
  });

  it('OL with a minus sign is out of range below', () => {
    expect(parseAndLine('OL,-9999999E+19')).toMatchObject({ kind: 'reading', status: 'under', grams: null });
  });

  it.each(['QT,+00012345 PC', 'ST,+00123.4  %', 'ST,+00003.29 tl', 'ST,+00001.21  N'])('"%s" is not a weight unit: refused', (line) => {
    const report = parseAndLine(line);
    expect(report.kind).toBe('problem');
    if (report.kind === 'problem') expect(report.error.code).toBe('scale.unknownUnit');
  });

  it.each([
    ['EC,E01', 'undefined command'],
    ['EC,E11', 'stability'],
    ['EC,E99', 'E99'],
  ])('"%s" is an error reply', (line, meaning) => {
    const report = parseAndLine(line);
    expect(report.kind).toBe('problem');
    if (report.kind === 'problem') {
      expect(report.error.code).toBe('scale.error');
      expect(report.error.message).toContain(meaning);
    }
  });

  it('an ACK and blank lines carry nothing', () => {
    expect(parseAndLine('\x06').kind).toBe('ignored');
    expect(parseAndLine('').kind).toBe('ignored');
  });

  it.each(['ST,00123.45  g', 'XX,+00123.45  g', '123.45 g', '5  g', '\xfe\x80\x00', 'ST,+0012a.45  g', 'S S 100.00 g'])('"%s" is garbage', (line) => {
    const report = parseAndLine(line);
    expect(report.kind).toBe('problem');
    if (report.kind === 'problem') expect(report.error.code).toBe('scale.garbage');
  });
});
