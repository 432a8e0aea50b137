import { errorReply, garbage, isPrintable, readingReport, signedStatus, type ScaleReport } from './report';
import type { Spellings } from './units';

// A&D standard format, one line each, CRLF stripped: a two-letter header, an optional comparison
// header, a signed fixed-width number and a three-character unit, e.g. `ST,+00123.45  g`.
//   ST stable weight   US unstable   QT stable count (unit PC)   OL out of range
// Overload data is a sentinel (`+9999999E+19`, `+999999.9`), not a weight.
// Errors answer commands: `EC,E01` (undefined command) and so on.

/** A&D's `t` is the tola. Its tael (`tl`) has several national definitions and is refused. */
const andSpellings: Spellings = { t: 'tola' };

const line = /^(ST|US|QT|OL),(?:(?:OK|LO|HI|--),)?([+-])([0-9. ]*[0-9.](?:E[+-]?\d+)?)\s*([A-Za-z%]*)$/;

const errorCodes: Record<string, string> = {
  E00: 'a communication error',
  E01: 'an undefined command',
  E02: 'not ready to take the command',
  E03: 'a timeout while receiving the command',
  E04: 'too many characters in the command',
  E06: 'a format error in the command',
  E07: 'a parameter setting error',
  E11: 'a stability error: it could not settle',
};

export function parseAndLine(text: string): ScaleReport {
  const raw = text;
  const trimmed = text.trim();
  // With acknowledgements on, the balance answers commands with ACK (0x06) alone on a line.
  if (trimmed === '' || trimmed === '\x06') return { kind: 'ignored', raw };
  if (!isPrintable(trimmed)) return garbage(raw, 'not printable');

  const error = /^EC,(E\d\d)$/.exec(trimmed);
  if (error) return errorReply(raw, errorCodes[error[1]!] ?? `error ${error[1]}`);

  const match = line.exec(trimmed);
  if (!match) return garbage(raw, 'not an A&D data line');
  const [, header, sign, digits, unit] = match as unknown as [string, string, string, string, string];
  if (header === 'OL') return readingReport(sign === '-' ? 'under' : 'over', null, raw);
  const value = Number(`${sign}${digits.replace(/ /g, '')}`);
  if (!Number.isFinite(value)) return garbage(raw, 'not a number');
  return readingReport(signedStatus(header !== 'US', value), { value, unit }, raw, andSpellings);
}
