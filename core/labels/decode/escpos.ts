import iconv from 'iconv-lite';
import { gs1Bracketed, parseGs1ElementString } from '../barcodes';
import type { DecodedPrint } from './types';

// An ESC/POS reader for the commands receipt printers take from us: text in the selected code
// page, line feeds, GS k barcodes (Code 128 with its {A/{B/{C/{1 codes) and GS ( k QR codes.
// Anything it does not know is an error, so a test can never pass over bytes it did not read.

const codePages: Record<number, string> = { 0: 'CP437', 2: 'CP850', 16: 'CP1252', 18: 'CP852', 19: 'CP858' };
const linearTypes: Record<number, string> = { 0: 'upca', 1: 'upce', 2: 'ean13', 3: 'ean8', 4: 'code39', 65: 'upca', 66: 'upce', 67: 'ean13', 68: 'ean8', 69: 'code39', 70: 'itf', 72: 'code93', 73: 'code128' };
const twoD: Record<number, string> = { 48: 'pdf417', 49: 'qrcode', 50: 'maxicode', 54: 'datamatrix' };

/** Code 128 data as GS k 73 takes it: "{B" etc. choose a code set, "{1" is FNC1, in set C each byte is two digits. */
function code128Value(data: Buffer): { value: string; gs1: boolean } {
  let set = 'B';
  let value = '';
  let gs1 = false;
  for (let i = 0; i < data.length; i++) {
    const b = data[i]!;
    if (b === 0x7b) {
      const code = String.fromCharCode(data[++i]!);
      if ('ABC'.includes(code)) set = code;
      else if (code === '1') {
        if (value === '') gs1 = true;
        else value += '\x1d';
      } else if (code === '{') value += '{';
      else if (code !== 'S' && code !== '2' && code !== '3' && code !== '4') throw new Error(`Code 128 data has an unknown code {${code}`);
      continue;
    }
    value += set === 'C' ? String(b).padStart(2, '0') : String.fromCharCode(b);
  }
  return { value, gs1 };
}

export interface EscposLine {
  text: string;
  /** Font B (9 x 17) or A (12 x 24), and double width (GS ! or ESC !): what fixes how many characters fit. */
  fontB: boolean;
  doubleWidth: boolean;
}

export function decodeEscpos(bytes: Buffer): DecodedPrint & { codePages: number[]; lines: EscposLine[] } {
  const out = { texts: [] as string[], barcodes: [] as { type: string; value: string }[], codePages: [] as number[], lines: [] as EscposLine[] };
  let page = 0;
  let line = '';
  let fontB = false;
  let doubleWidth = false;
  const pending: Record<number, Buffer> = {};
  const flush = () => {
    if (line.trim()) {
      out.texts.push(line.trimEnd());
      out.lines.push({ text: line.trimEnd(), fontB, doubleWidth });
    }
    line = '';
  };
  const fail = (i: number, what: string): never => {
    throw new Error(`ESC/POS: ${what} at byte ${i}`);
  };
  let i = 0;
  const arg = () => (i < bytes.length ? bytes[i++]! : fail(i, 'command cut short'));
  while (i < bytes.length) {
    const at = i;
    const b = bytes[i++]!;
    if (b === 0x0a) flush();
    else if (b === 0x0d) continue;
    else if (b === 0x1b) {
      const cmd = String.fromCharCode(arg());
      if (cmd === '@') [page, fontB, doubleWidth] = [0, false, false];
      else if (cmd === 't') {
        page = arg();
        if (!codePages[page]) fail(at, `code page ${page} is not one Karakana sends`);
        out.codePages.push(page);
      } else if ('!EMa3-GJd{RVrU'.includes(cmd)) {
        const n = arg();
        if (cmd === '!') [fontB, doubleWidth] = [(n & 1) === 1, (n & 0x20) !== 0];
        if (cmd === 'M') fontB = (n & 1) === 1;
        if (cmd === 'd' || cmd === 'J') flush();
      } else if (cmd === '2') continue;
      else if (cmd === 'p') i += 3;
      else fail(at, `unknown command ESC ${cmd}`);
    } else if (b === 0x1d) {
      const cmd = String.fromCharCode(arg());
      if (cmd === '!') doubleWidth = (arg() & 0x70) !== 0;
      else if ('BHfhwra|'.includes(cmd)) arg();
      else if (cmd === 'L' || cmd === 'W') i += 2;
      else if (cmd === 'V') {
        const m = arg();
        if (m === 65 || m === 66) arg();
        flush();
      } else if (cmd === 'k') {
        const m = arg();
        let data: Buffer;
        if (m <= 6) {
          const end = bytes.indexOf(0, i);
          if (end < 0) fail(at, 'GS k data has no NUL end');
          data = bytes.subarray(i, end);
          i = end + 1;
        } else {
          const n = arg();
          data = bytes.subarray(i, i + n);
          i += n;
        }
        const type = linearTypes[m] ?? fail(at, `GS k barcode type ${m} is unknown`);
        if (type === 'code128') {
          const { value, gs1 } = code128Value(data);
          out.barcodes.push(gs1 ? { type: 'gs1-128', value: gs1Bracketed(parseGs1ElementString(value)) } : { type, value });
        } else out.barcodes.push({ type, value: data.toString('latin1') });
      } else if (cmd === '(') {
        if (arg() !== 0x6b) fail(at, 'GS ( other than GS ( k');
        const n = arg() + arg() * 256;
        const body = bytes.subarray(i, i + n);
        i += n;
        const [cn, fn] = [body[0]!, body[1]!];
        if (fn === 0x50) pending[cn] = body.subarray(3);
        else if (fn === 0x51) {
          const stored = pending[cn] ?? fail(at, 'a 2D code printed before its data was stored');
          out.barcodes.push({ type: twoD[cn] ?? `2d-${cn}`, value: stored.toString('utf8') });
        }
      } else if (cmd === 'v') {
        if (arg() !== 0x30) fail(at, 'GS v other than GS v 0');
        arg();
        const x = arg() + arg() * 256;
        const y = arg() + arg() * 256;
        i += x * y;
      } else fail(at, `unknown command GS ${cmd}`);
    } else if (b === 0x10) {
      if (arg() !== 0x04) fail(at, 'DLE other than DLE EOT');
      arg();
    } else if (b < 0x20) fail(at, `control byte 0x${b.toString(16)}`);
    else line += b < 0x80 ? String.fromCharCode(b) : iconv.decode(Buffer.from([b]), codePages[page]!);
  }
  flush();
  return out;
}
