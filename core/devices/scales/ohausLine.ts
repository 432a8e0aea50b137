import { errorReply, garbage, isPrintable, readingReport, signedStatus, type ScaleReport } from './report';

// Ohaus print lines, CRLF stripped: a right-justified weight (with `-` when negative), its unit,
// `?` when the weight is not stable, then an optional legend (G, N, NET, T, WET WT...):
//   `     12.73 g    ?`   `    -0.4500 oz`   `  0.85 oz     NET`
// An unknown command is answered with `ES`.

const line = /^(-)?\s*(\d+(?:\.\d*)?|\.\d+)\s+([A-Za-z%]+)\s*(\?)?\s*([A-Za-z/ ]*)$/;

export function parseOhausLine(text: string): ScaleReport {
  const raw = text;
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'ignored', raw };
  if (!isPrintable(trimmed)) return garbage(raw, 'not printable');
  if (trimmed === 'ES') return errorReply(raw, 'it did not recognise the command');

  const match = line.exec(trimmed);
  if (!match) return garbage(raw, 'not an Ohaus weight line');
  const value = Number(`${match[1] ?? ''}${match[2]}`);
  return readingReport(signedStatus(match[4] !== '?', value), { value, unit: match[3]! }, raw);
}
