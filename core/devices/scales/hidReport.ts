import { garbage, readingReport, type ScaleReport } from './report';
import type { ScaleStatus } from './types';

// The HID point-of-sale scale data report (usage page 0x8D, HID POS Usage Tables 1.02), as
// usbscale decodes it: [0] report id, [1] status, [2] unit, [3] signed power-of-ten exponent,
// [4..5] weight, unsigned 16-bit little-endian. weight = raw x 10^exponent.

/** Report ids that carry scale data; other reports on the interface (attributes, control) are not weights. */
const dataReportIds = new Set([3, 4]);

const statuses: Record<number, ScaleStatus> = {
  1: 'fault',
  2: 'zero', // stable at zero
  3: 'motion',
  4: 'stable',
  5: 'under', // under zero
  6: 'over', // over weight limit
  7: 'calibrate', // requires calibration
  8: 'calibrate', // requires re-zeroing: also a person's job before weighing
};

/** Unit codes are the 1-based order of the weight unit usages (0x51 milligram ... 0x5C pound). */
const unitNames: Record<number, string> = {
  1: 'mg',
  2: 'g',
  3: 'kg',
  4: 'ct',
  5: 'taels', // three national taels: never converted
  6: 'gr',
  7: 'dwt',
  8: 'tonne',
  9: 'ton', // avoirdupois ton, short or long: never converted
  10: 'ozt',
  11: 'oz',
  12: 'lb',
};

export function toHex(bytes: ArrayLike<number>): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Decodes one input report as node-hid hands it over (report id first). */
export function parseHidScaleReport(bytes: ArrayLike<number>): ScaleReport {
  const raw = toHex(bytes);
  if (bytes.length < 6) return garbage(raw, `${bytes.length} bytes, a scale report has 6`);
  const [reportId, statusCode, unitCode, exponentByte, low, high] = Array.from(bytes).slice(0, 6) as [number, number, number, number, number, number];
  if (!dataReportIds.has(reportId)) return { kind: 'ignored', raw };
  const status = statuses[statusCode];
  if (!status) return garbage(raw, `status ${statusCode}`);
  const exponent = exponentByte > 127 ? exponentByte - 256 : exponentByte;
  const count = low + 256 * high;
  // Divide for negative exponents: 12345 / 100 is 123.45, 12345 * 0.01 is 123.45000000000002.
  const value = exponent < 0 ? count / 10 ** -exponent : count * 10 ** exponent;
  const unit = unitNames[unitCode] ?? `unit code ${unitCode}`;
  // The 16-bit field has no sign: below zero its magnitude is not a weight we can trust.
  if (status === 'under') return { kind: 'reading', status, stable: false, grams: null, reported: { value, unit }, raw };
  return readingReport(status, { value, unit }, raw);
}
