import { describe, expect, it } from 'vitest';
import { parseHidScaleReport } from './hidReport';

// Byte fixtures of the 6-byte HID POS scale data report:
// report id, status, unit, exponent (int8), weight low, weight high.
const bytes = (hex: string) => hex.split(' ').map((b) => parseInt(b, 16));

describe('parseHidScaleReport: every status', () => {
  it.each([
    ['03 01 02 00 00 00', 'fault', null, false],
    ['03 02 02 00 00 00', 'zero', 0, true],
    ['03 03 02 00 7b 00', 'motion', 123, false],
    ['03 04 02 00 7b 00', 'stable', 123, true],
    ['03 05 02 00 05 00', 'under', null, false],
    ['03 06 02 00 ff ff', 'over', null, false],
    ['03 07 02 00 00 00', 'calibrate', null, false],
    ['03 08 02 00 00 00', 'calibrate', null, false],
  ])('%s is %s', (hex, status, grams, stable) => {
    const report = parseHidScaleReport(bytes(hex));
    expect(report).toMatchObject({ kind: 'reading', status, grams, stable, raw: hex.replace(/ /g, '') });
  });

  it('a report id 4 is a data report too (usbscale accepts 3 and 4)', () => {
    expect(parseHidScaleReport(bytes('04 04 02 00 0a 00'))).toMatchObject({ kind: 'reading', grams: 10 });
  });

  it('keeps what an under-zero report said, without trusting its unsigned magnitude as a weight', () => {
    expect(parseHidScaleReport(bytes('03 05 02 00 05 00'))).toMatchObject({ reported: { value: 5, unit: 'g' }, grams: null });
  });
});

describe('parseHidScaleReport: every unit', () => {
  // 1000 in the unit, exponent 0, stable: 03 04 uu 00 e8 03
  it.each([
    [1, 'mg', 1],
    [2, 'g', 1000],
    [3, 'kg', 1_000_000],
    [4, 'ct', 200],
    [6, 'gr', 64.79891],
    [7, 'dwt', 1555.17384],
    [8, 'tonne', 1_000_000_000],
    [10, 'ozt', 31103.4768],
    [11, 'oz', 28349.523125],
    [12, 'lb', 453592.37],
  ])('unit code %d is %s', (code, unit, grams) => {
    const report = parseHidScaleReport([3, 4, code, 0, 0xe8, 0x03]);
    expect(report).toMatchObject({ kind: 'reading', reported: { value: 1000, unit }, grams });
  });

  it.each([
    [0, 'unit code 0'],
    [5, 'taels'],
    [9, 'ton'],
    [13, 'unit code 13'],
  ])('unit code %d (%s) is refused as unknown, never guessed', (code, unit) => {
    const report = parseHidScaleReport([3, 4, code, 0, 0xe8, 0x03]);
    expect(report.kind).toBe('problem');
    if (report.kind === 'problem') {
      expect(report.error.code).toBe('scale.unknownUnit');
      expect(report.error.params.unit).toBe(unit);
    }
  });

  it('an overload in an odd unit is still an overload', () => {
    expect(parseHidScaleReport(bytes('03 06 05 00 ff ff'))).toMatchObject({ kind: 'reading', status: 'over', grams: null });
  });
});

describe('parseHidScaleReport: exponents and weight bytes', () => {
  it.each([
    ['03 04 02 00 39 30', 12345, 12345], // 10^0
    ['03 04 02 ff 39 30', 1234.5, 1234.5], // 10^-1
    ['03 04 02 fe 39 30', 123.45, 123.45], // 10^-2
    ['03 04 02 fd 39 30', 12.345, 12.345], // 10^-3
    ['03 04 02 fc 39 30', 1.2345, 1.2345], // 10^-4
    ['03 04 02 01 39 30', 123450, 123450], // 10^1
    ['03 04 02 02 39 30', 1234500, 1234500], // 10^2
    ['03 04 02 fe ff ff', 655.35, 655.35], // the 16-bit ceiling at 10^-2
    ['03 04 03 fd 2c 01', 0.3, 300], // 300 x 10^-3 kg
    ['03 04 0b ff 9b 00', 15.5, 439.417608438], // 15.5 oz, a Dymo in ounces (10^-1)
  ])('%s reads %d in its unit', (hex, value, grams) => {
    expect(parseHidScaleReport(bytes(hex))).toMatchObject({ kind: 'reading', reported: { value }, grams });
  });

  it('reads the weight little-endian', () => {
    expect(parseHidScaleReport(bytes('03 04 02 00 00 01'))).toMatchObject({ grams: 256 });
    expect(parseHidScaleReport(bytes('03 04 02 00 01 00'))).toMatchObject({ grams: 1 });
  });

  it('ignores bytes after the sixth (some scales pad their reports)', () => {
    expect(parseHidScaleReport(bytes('03 04 02 00 0a 00 00 00'))).toMatchObject({ grams: 10 });
  });
});

describe('parseHidScaleReport: not a weight', () => {
  it('a short report is garbage', () => {
    const report = parseHidScaleReport(bytes('03 04 02'));
    expect(report.kind).toBe('problem');
    if (report.kind === 'problem') expect(report.error.code).toBe('scale.garbage');
  });

  it('an unknown status is garbage', () => {
    for (const status of [0, 9, 0xff]) {
      const report = parseHidScaleReport([3, status, 2, 0, 0, 0]);
      expect(report.kind).toBe('problem');
    }
  });

  it('another report id on the interface is ignored, not an error', () => {
    expect(parseHidScaleReport(bytes('01 04 02 00 0a 00'))).toEqual({ kind: 'ignored', raw: '010402000a00' });
  });
});
