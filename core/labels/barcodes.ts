import bwipjs from 'bwip-js/node';
import { AppError } from '../kernel/errors';
import { parseLotId } from '../lots/lotId';

// Barcodes: what each symbology encodes, GS1 check digits and application identifiers, and the
// same rules applied to a scanned code. bwip-js encodes (and checks GS1 data itself); printers
// encode again with their own commands from the same data.

export const symbologies = ['code128', 'gs1-128', 'qrcode', 'datamatrix'] as const;
export type Symbology = (typeof symbologies)[number];

/** GS1 mod-10 check digit of `digits` (the digits before the check digit). */
export function gs1CheckDigit(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new AppError('labels.badCode', `"${digits}" is not all digits`, { code: digits });
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[digits.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10;
}

/** An 18-digit SSCC (AI 00) for a box: extension digit, company prefix and serial, with its check digit. */
export function sscc(extension: number, companyPrefix: string, serial: number): string {
  const body = `${extension}${companyPrefix}${String(serial).padStart(16 - companyPrefix.length, '0')}`;
  if (!/^\d{17}$/.test(body)) throw new AppError('labels.badCode', `An SSCC needs 17 digits before its check digit, not "${body}"`, { code: body });
  return body + gs1CheckDigit(body);
}

interface AiRule {
  /** Fixed length of the value, or the most it may have (variable length, ends with FNC1/GS). */
  length: number;
  fixed: boolean;
  numeric: boolean;
  check?: boolean;
  title: string;
}

// The application identifiers our labels and our customers' scans use.
const ais: Record<string, AiRule> = {
  '00': { length: 18, fixed: true, numeric: true, check: true, title: 'SSCC' },
  '01': { length: 14, fixed: true, numeric: true, check: true, title: 'GTIN' },
  '02': { length: 14, fixed: true, numeric: true, check: true, title: 'GTIN of contents' },
  '10': { length: 20, fixed: false, numeric: false, title: 'batch/lot' },
  '11': { length: 6, fixed: true, numeric: true, title: 'production date' },
  '15': { length: 6, fixed: true, numeric: true, title: 'best before' },
  '17': { length: 6, fixed: true, numeric: true, title: 'expiry' },
  '21': { length: 20, fixed: false, numeric: false, title: 'serial' },
  '37': { length: 8, fixed: false, numeric: true, title: 'count' },
  '400': { length: 30, fixed: false, numeric: false, title: 'order number' },
  '410': { length: 13, fixed: true, numeric: true, check: true, title: 'ship to GLN' },
  '414': { length: 13, fixed: true, numeric: true, check: true, title: 'location GLN' },
  '420': { length: 20, fixed: false, numeric: false, title: 'ship-to postal code' },
};
for (let n = 0; n <= 5; n++) ais[`310${n}`] = { length: 6, fixed: true, numeric: true, title: 'net weight (kg)' };

export interface Gs1Element {
  ai: string;
  value: string;
}

function ruleFor(ai: string): AiRule {
  const rule = ais[ai];
  if (!rule) throw new AppError('labels.badCode', `GS1 application identifier (${ai}) is not one Karakana reads`, { code: ai });
  return rule;
}

function checkElement({ ai, value }: Gs1Element): void {
  const rule = ruleFor(ai);
  const wrongLength = rule.fixed ? value.length !== rule.length : value.length < 1 || value.length > rule.length;
  if (wrongLength) throw new AppError('labels.badCode', `GS1 (${ai}) ${rule.title} must be ${rule.fixed ? '' : 'up to '}${rule.length} characters, not ${value.length}`, { code: `(${ai})${value}` });
  if (rule.numeric && !/^\d+$/.test(value)) throw new AppError('labels.badCode', `GS1 (${ai}) ${rule.title} must be digits`, { code: `(${ai})${value}` });
  if (!rule.numeric && !/^[\x21-\x22\x25-\x3f\x41-\x5a\x5f\x61-\x7a]+$/.test(value))
    throw new AppError('labels.badCode', `GS1 (${ai}) ${rule.title} has characters GS1 does not allow`, { code: `(${ai})${value}` });
  if (rule.check && Number(value.at(-1)) !== gs1CheckDigit(value.slice(0, -1)))
    throw new AppError('labels.badCheckDigit', `GS1 (${ai}) ${rule.title} ${value} has a wrong check digit: it should end in ${gs1CheckDigit(value.slice(0, -1))}`, { code: `(${ai})${value}` });
}

/** "(00)123...(400)ORD-1" -> elements, each checked (lengths, characters, check digits). */
export function parseGs1Bracketed(text: string): Gs1Element[] {
  const elements = [...text.matchAll(/\((\d{2,4})\)([^()]*)/g)].map((m) => ({ ai: m[1]!, value: m[2]! }));
  if (!elements.length || elements.map((e) => `(${e.ai})${e.value}`).join('') !== text)
    throw new AppError('labels.badCode', `"${text}" is not GS1 data in the form (AI)value`, { code: text.slice(0, 60) });
  elements.forEach(checkElement);
  return elements;
}

/** A GS1 element string as scanners send it (FNC1 as the GS character, \x1d) -> elements, each checked. */
export function parseGs1ElementString(raw: string, separator = '\x1d'): Gs1Element[] {
  const elements: Gs1Element[] = [];
  let rest = raw;
  while (rest.length) {
    if (rest.startsWith(separator)) {
      rest = rest.slice(separator.length);
      continue;
    }
    const ai = [2, 3, 4].map((n) => rest.slice(0, n)).find((candidate) => ais[candidate]);
    if (!ai) throw new AppError('labels.badCode', `GS1 data "${raw.slice(0, 40)}" has no application identifier Karakana reads at "${rest.slice(0, 4)}"`, { code: raw.slice(0, 60) });
    const rule = ais[ai]!;
    rest = rest.slice(ai.length);
    const end = rule.fixed ? rule.length : rest.includes(separator) ? rest.indexOf(separator) : rest.length;
    elements.push({ ai, value: rest.slice(0, end) });
    rest = rest.slice(end);
  }
  elements.forEach(checkElement);
  return elements;
}

export function gs1Bracketed(elements: Gs1Element[]): string {
  return elements.map((e) => `(${e.ai})${e.value}`).join('');
}

/** The element string printers encode: FNC1 (as `fnc1`) between a variable-length value and the next AI. */
export function gs1ElementString(elements: Gs1Element[], fnc1: string): string {
  return elements.map((e, i) => e.ai + e.value + (i < elements.length - 1 && !ruleFor(e.ai).fixed ? fnc1 : '')).join('');
}

// A piece tag's code: lot id, design SKU and finish, e.g. "L-26-R1-000123/BR-CUF-001/gold-1.0".
const pieceTagPattern = /^(L-\d{2}-[A-Z][A-Z0-9]{0,3}-\d{6,})\/([A-Z0-9][A-Z0-9-]{1,23})\/([a-z0-9][a-z0-9.-]{0,23})$/;

export function pieceTagCode(lotId: string, designSku: string, finish: string): string {
  const code = `${lotId}/${designSku}/${finish}`;
  if (!pieceTagPattern.test(code)) throw new AppError('labels.badCode', `"${code}" cannot be a piece tag: lot id, design SKU and finish as Karakana writes them`, { code });
  return code;
}

export type ScannedCode =
  | { kind: 'lot'; lotId: string }
  | { kind: 'piece'; lotId: string; designSku: string; finish: string }
  | { kind: 'gs1'; elements: Gs1Element[] }
  | { kind: 'other'; code: string };

/**
 * What a scanned code is, checked as the labels print it: lot ids, piece tags, and GS1 data (with
 * the ]C1/]d2/]Q3 symbology identifier or in brackets). A GS1 code with a wrong check digit or
 * length throws labels.badCheckDigit / labels.badCode: it is never taken as something else.
 */
export function readScannedCode(raw: string): ScannedCode {
  const code = raw.replace(/[\r\n]+$/, '').trim();
  const gs1Prefix = /^\](C1|d2|Q3|e0)/.exec(code);
  if (gs1Prefix) return { kind: 'gs1', elements: parseGs1ElementString(code.slice(3)) };
  if (code.startsWith('(')) return { kind: 'gs1', elements: parseGs1Bracketed(code) };
  const piece = pieceTagPattern.exec(code);
  if (piece) return { kind: 'piece', lotId: piece[1]!, designSku: piece[2]!, finish: piece[3]! };
  if (parseLotId(code)) return { kind: 'lot', lotId: code.toUpperCase() };
  return { kind: 'other', code };
}

export type Encoded =
  | { kind: 'linear'; bars: number[]; modules: number }
  | { kind: 'matrix'; pixels: number[]; columns: number; rows: number };

/** Code 128 in code set B only (how ESC/POS printers print GS k 73 "{B..."); FNC1 where `fnc1` marks it. */
function codeSetB(data: string, gs1: boolean): string {
  const words = [...data].map((c) => {
    const code = c.charCodeAt(0);
    if (gs1 && c === '\x1d') return 102;
    if (code < 32 || code > 127) throw new AppError('labels.badCode', `Code 128 cannot carry "${c}"`, { code: data.slice(0, 60) });
    return code - 32;
  });
  return ['^104', ...(gs1 ? ['^102'] : []), ...words.map((w) => '^' + String(w).padStart(3, '0'))].join('');
}

/**
 * The symbol as bwip-js encodes it: bar widths in modules (linear) or the module grid (2D).
 * `setB`: Code 128 in code set B only, as node-thermal-printer sends it to ESC/POS printers.
 */
export function encodeBarcode(symbology: Symbology, data: string, options: { setB?: boolean } = {}): Encoded {
  let raw;
  try {
    if (symbology === 'code128') raw = options.setB ? bwipjs.raw('code128', codeSetB(data, false), 'raw') : bwipjs.raw('code128', data, {});
    else if (symbology === 'gs1-128') {
      const elements = parseGs1Bracketed(data);
      raw = options.setB ? bwipjs.raw('code128', codeSetB(gs1ElementString(elements, '\x1d'), true), 'raw') : bwipjs.raw('gs1-128', data, {});
    } else if (symbology === 'qrcode') raw = bwipjs.raw('qrcode', data, 'eclevel=M');
    else raw = bwipjs.raw('datamatrix', data, {});
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('labels.badCode', `${symbology} cannot encode "${data.slice(0, 40)}": ${(error as Error).message}`, { code: data.slice(0, 60) });
  }
  const symbol = raw[0]!;
  if ('sbs' in symbol) return { kind: 'linear', bars: symbol.sbs, modules: symbol.sbs.reduce((a, b) => a + b, 0) };
  return { kind: 'matrix', pixels: symbol.pixs, columns: symbol.pixx, rows: symbol.pixy };
}
