import { describe, expect, it } from 'vitest';
import { parseMtSicsLine } from './mtSics';

describe('parseMtSicsLine: weights (S, SI and the SIR stream all answer S S / S D)', () => {
  it.each([
    ['S S     100.00 g', 'stable', 100, 'g', 100],
    ['S S      0.0000 g', 'zero', 0, 'g', 0],
    ['S D     100.03 g', 'motion', 100.03, 'g', 100.03],
    ['S S    -12.34 g', 'under', -12.34, 'g', -12.34],
    ['S D     -0.02 g', 'motion', -0.02, 'g', -0.02],
    ['S S      1.2345 kg', 'stable', 1.2345, 'kg', 1234.5],
    ['S S     617.25 ct', 'stable', 617.25, 'ct', 123.45],
    ['S S      35.27 oz', 'stable', 35.27, 'oz', 999.887680619],
    ['S S  12500.0 mg', 'stable', 12500, 'mg', 12.5],
    ['S S       3.2150 ozt', 'stable', 3.215, 'ozt', 99.997677912],
  ])('"%s" is %s %d %s (%d g)', (line, status, value, unit, grams) => {
    expect(parseMtSicsLine(line)).toMatchObject({ kind: 'reading', status, reported: { value, unit }, grams, raw: line });
  });

  it('only S S is stable; S D is not', () => {
    expect(parseMtSicsLine('S S 5.00 g')).toMatchObject({ stable: true });
    expect(parseMtSicsLine('S D 5.00 g')).toMatchObject({ stable: false });
  });

  it('S + and S - are over and under the range, with no weight', () => {
    expect(parseMtSicsLine('S +')).toMatchObject({ kind: 'reading', status: 'over', grams: null, reported: null, stable: false });
    expect(parseMtSicsLine('S -')).toMatchObject({ kind: 'reading', status: 'under', grams: null, reported: null, stable: false });
  });

  it('S I is "not executable now": busy, not an error and not a weight', () => {
    expect(parseMtSicsLine('S I')).toEqual({ kind: 'busy', raw: 'S I' });
  });

  it('a weight in a unit it does not know is refused', () => {
    const report = parseMtSicsLine('S S      3.20 tl');
    expect(report.kind).toBe('problem');
    if (report.kind === 'problem') expect(report.error.code).toBe('scale.unknownUnit');
  });
});

describe('parseMtSicsLine: zero and tare replies', () => {
  it('Z A is zeroed', () => {
    expect(parseMtSicsLine('Z A')).toMatchObject({ kind: 'reply', command: 'zero', ok: true });
  });

  it('T S carries the tare weight', () => {
    expect(parseMtSicsLine('T S     45.10 g')).toMatchObject({ kind: 'reply', command: 'tare', ok: true });
  });

  it.each([
    ['Z I', 'zero', 'busy'],
    ['Z +', 'zero', 'above'],
    ['Z -', 'zero', 'below'],
    ['T I', 'tare', 'busy'],
    ['T +', 'tare', 'above'],
    ['T -', 'tare', 'below'],
  ])('"%s" refuses to %s (%s)', (line, command, why) => {
    const report = parseMtSicsLine(line);
    expect(report).toMatchObject({ kind: 'reply', command, ok: false });
    if (report.kind === 'reply') expect(report.detail).toContain(why);
  });
});

describe('parseMtSicsLine: errors and noise', () => {
  it.each([
    ['ES', 'syntax'],
    ['ET', 'transmission'],
    ['EL', 'logical'],
    ['S L', 'logical'],
  ])('"%s" is an error reply (%s)', (line, meaning) => {
    const report = parseMtSicsLine(line);
    expect(report.kind).toBe('problem');
    if (report.kind === 'problem') {
      expect(report.error.code).toBe('scale.error');
      expect(report.error.message).toContain(meaning);
      expect(report.error.params.reply).toBe(line);
    }
  });

  it('the answer to @ and blank lines carry nothing', () => {
    expect(parseMtSicsLine('I4 A "B021002593"').kind).toBe('ignored');
    expect(parseMtSicsLine('').kind).toBe('ignored');
    expect(parseMtSicsLine('   ').kind).toBe('ignored');
  });

  it.each(['\x00\xff\x13#', 'S S 100,00 g', 'ST,+00123.45  g', 'S X 12 g', 'S S g', 'hello', 'S S 1.2.3 g'])('"%s" is garbage', (line) => {
    const report = parseMtSicsLine(line);
    expect(report.kind).toBe('problem');
    if (report.kind === 'problem') expect(report.error.code).toBe('scale.garbage');
  });

  it('tolerates a stray CR', () => {
    expect(parseMtSicsLine('S S     100.00 g\r')).toMatchObject({ kind: 'reading', grams: 100 });
  });
});
