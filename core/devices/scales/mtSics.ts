import { errorReply, garbage, isPrintable, readingReport, signedStatus, type ScaleReport } from './report';

// MT-SICS (Mettler Toledo Standard Interface Command Set) replies, one line each, CRLF stripped.
// A reply starts with the command it answers; the second token is its status:
//   S S <value> <unit>   stable weight          S D <value> <unit>   dynamic (in motion)
//   S I                  not executable now     S + / S -            over / under the range
//   Z A                  zeroed                 T S <value> <unit>   tared, with the tare weight
//   Z|T I, +, -          refused: busy, above or below the zero/tare range
//   ES / ET / EL         syntax error, transmission error, logical error (any command)
// SI and SIR answer with the same `S S` / `S D` lines as S.

const number = String.raw`(-?\d+(?:\.\d+)?|-?\.\d+)`;
const weightLine = new RegExp(String.raw`^S\s+([SD])\s+${number}\s+(\S+)$`);
const tareDone = new RegExp(String.raw`^TI?\s+[SD]\s+${number}\s+(\S+)$`);

const refusals: Record<string, string> = {
  I: 'busy or not stable in time',
  '+': 'above the allowed range',
  '-': 'below the allowed range',
  L: 'a logical error',
};

const generalErrors: Record<string, string> = {
  ES: 'a syntax error: it did not recognise the command (is it set to MT-SICS?)',
  ET: 'a transmission error: the command arrived garbled (check the baud rate and parity)',
  EL: 'a logical error: it cannot carry out the command',
};

export function parseMtSicsLine(line: string): ScaleReport {
  const raw = line;
  const text = line.trim();
  if (text === '') return { kind: 'ignored', raw };
  if (!isPrintable(text)) return garbage(raw, 'not printable');

  const weight = weightLine.exec(text);
  if (weight) {
    const value = Number(weight[2]);
    return readingReport(signedStatus(weight[1] === 'S', value), { value, unit: weight[3]! }, raw);
  }
  if (/^S\s+I$/.test(text)) return { kind: 'busy', raw };
  if (/^S\s+\+$/.test(text)) return readingReport('over', null, raw);
  if (/^S\s+-$/.test(text)) return readingReport('under', null, raw);
  if (/^S\s+L$/.test(text)) return errorReply(raw, 'a logical error: it cannot weigh now');

  if (/^ZI?\s+[ADS]$/.test(text)) return { kind: 'reply', command: 'zero', ok: true, detail: 'zeroed', raw };
  if (tareDone.test(text)) return { kind: 'reply', command: 'tare', ok: true, detail: 'tared', raw };
  const refused = /^(ZI?|TI?)\s+([I+\-L])$/.exec(text);
  if (refused) return { kind: 'reply', command: refused[1]!.startsWith('Z') ? 'zero' : 'tare', ok: false, detail: refusals[refused[2]!]!, raw };

  const general = generalErrors[text];
  if (general) return errorReply(raw, general);
  // Identification and reset answers (`I4 A "0123456789"` after `@`) say nothing about weight.
  if (/^I\d+\s+[A-Z]\b/.test(text)) return { kind: 'ignored', raw };
  return garbage(raw, 'not an MT-SICS reply');
}
