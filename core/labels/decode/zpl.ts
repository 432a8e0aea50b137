import iconv from 'iconv-lite';
import { gs1Bracketed, parseGs1Bracketed } from '../barcodes';
import type { DecodedPrint } from './types';

// A ZPL II reader for what labels and carriers send: field data (^FD/^FV) with ^FH hex escapes and
// the ^CI character set, as text or as the value of the barcode command that opened the field.

const barcodeCommands: Record<string, string> = { BC: 'code128', BQ: 'qrcode', BX: 'datamatrix', B3: 'code39', BE: 'ean13', BU: 'upca', B7: 'pdf417', BD: 'maxicode', BO: 'aztec' };

export interface ZplField {
  label: number;
  /** ^FO position in dots, and the ^A font (name, height, width) the field was set in. */
  x: number;
  y: number;
  font: { name: string; h: number; w: number } | null;
  /** ^PW print width of its label. */
  printWidth: number;
  text: string;
  barcode: string | null;
}

export interface DecodedZpl extends DecodedPrint {
  /** ^XA...^XZ formats: one per label. */
  labels: number;
  fields: ZplField[];
}

export interface ZplCommand {
  prefix: '^' | '~';
  /** Two letters (FO, BC...), or A for a font (^A0N,30,30 -> params "0N,30,30"). */
  name: string;
  params: string;
}

/** The commands of a ZPL stream in order; field data stays as bytes (one char per byte, latin1). */
export function* zplCommands(bytes: Buffer): Generator<ZplCommand> {
  const s = bytes.toString('latin1');
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c !== '^' && c !== '~') {
      i++;
      continue;
    }
    let name = s.slice(i + 1, i + 3).toUpperCase();
    let start = i + 3;
    if (name[0] === 'A' && name !== 'A@') {
      name = 'A';
      start = i + 2;
    }
    let end = start;
    while (end < s.length && s[end] !== '^' && s[end] !== '~') end++;
    i = end;
    yield { prefix: c, name, params: s.slice(start, end) };
  }
}

export function decodeZpl(bytes: Buffer): DecodedZpl {
  const out: DecodedZpl = { texts: [], barcodes: [], labels: 0, fields: [] };
  let at = { x: 0, y: 0 };
  let font: ZplField['font'] = null;
  let printWidth = 0;
  let charset = 0;
  let hexIndicator: string | null = null;
  let barcode: string | null = null;
  let field: string | null = null;
  for (const { prefix, name, params } of zplCommands(bytes)) {
    if (prefix === '~') continue;
    switch (name) {
      case 'XA':
        out.labels++;
        break;
      case 'FO': {
        const [x, y] = params.split(',').map((n) => Number(n) || 0);
        at = { x: x ?? 0, y: y ?? 0 };
        break;
      }
      case 'A': {
        const [nameAndOrientation, h, w] = params.split(',');
        font = { name: nameAndOrientation![0]!, h: Number(h), w: Number(w) };
        break;
      }
      case 'PW':
        printWidth = Number(params);
        break;
      case 'CI':
        charset = Number(params.split(',')[0]);
        break;
      case 'FH':
        hexIndicator = params.trim()[0] ?? '_';
        break;
      case 'FD':
      case 'FV':
        field = params;
        break;
      case 'FS': {
        if (field !== null) {
          const value = fieldText(field, hexIndicator, charset);
          if (barcode === null) out.texts.push(value);
          else out.barcodes.push({ type: barcode, value: barcodeValue(barcode, value) });
          out.fields.push({ label: out.labels, ...at, font: barcode === null ? font : null, printWidth, text: value, barcode });
        }
        field = null;
        hexIndicator = null;
        barcode = null;
        break;
      }
      default:
        if (barcodeCommands[name]) {
          barcode = barcodeCommands[name]!;
          // ^BC mode D (UCC/EAN) or U (UCC case): GS1-128.
          if (name === 'BC' && /^[DU]$/.test((params.split(',')[5] ?? '').trim())) barcode = 'gs1-128';
        }
    }
  }
  return out;
}

/** ^FD bytes as text: ^FH hex escapes undone, then decoded in the ^CI character set (28: UTF-8). */
export function fieldText(field: string, hexIndicator: string | null, charset: number): string {
  const raw = hexIndicator ? field.replace(new RegExp(`\\${hexIndicator}([0-9A-Fa-f]{2})`, 'g'), (_, h: string) => String.fromCharCode(parseInt(h, 16))) : field;
  const bytes = Buffer.from(raw, 'latin1');
  return charset === 28 ? bytes.toString('utf8') : iconv.decode(bytes, charset === 27 ? 'CP1252' : 'CP850');
}

export function barcodeValue(type: string, data: string): string {
  if (type === 'qrcode') return data.replace(/^[HQML][AM],/, '');
  if (type === 'gs1-128') return gs1Bracketed(parseGs1Bracketed(data.replace(/\s/g, '')));
  return data;
}
