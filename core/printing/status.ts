// What a printer can tell about itself, asked the way each language asks it:
// ZPL's ~HS (three host status strings) and ESC/POS's DLE EOT 1..4 (one status byte each).

export type PrinterLanguage = 'zpl' | 'escpos';

export interface PrinterStatus {
  online: boolean;
  paperOut: boolean;
  headOpen: boolean;
  paused: boolean;
  ribbonOut: boolean;
}

/** The first thing that keeps a printer from printing, as an error code (errors.printing.<code>). */
export function blocker(status: PrinterStatus): 'paperOut' | 'headOpen' | 'paused' | 'ribbonOut' | 'offline' | null {
  if (status.paperOut) return 'paperOut';
  if (status.headOpen) return 'headOpen';
  if (status.ribbonOut) return 'ribbonOut';
  if (status.paused) return 'paused';
  if (!status.online) return 'offline';
  return null;
}

const STX = 0x02;
const ETX = 0x03;
export const DLE_EOT = (n: 1 | 2 | 3 | 4) => Buffer.from([0x10, 0x04, n]);

/** The bytes that ask a printer of this language for its status. */
export function statusRequest(language: PrinterLanguage): Buffer {
  return language === 'zpl' ? Buffer.from('~HS', 'latin1') : Buffer.concat([DLE_EOT(1), DLE_EOT(2), DLE_EOT(4)]);
}

/** How many reply bytes make a whole answer (null: not yet). */
export function replyComplete(language: PrinterLanguage, reply: Buffer): boolean {
  if (language === 'escpos') return reply.length >= 3;
  return reply.filter((b) => b === ETX).length >= 3;
}

/** The three STX...ETX strings of a ~HS answer, split into their comma-separated fields. */
function hostStatusStrings(reply: Buffer): string[][] | null {
  const strings: string[][] = [];
  let start = -1;
  for (let i = 0; i < reply.length; i++) {
    if (reply[i] === STX) start = i + 1;
    else if (reply[i] === ETX && start >= 0) {
      strings.push(reply.subarray(start, i).toString('latin1').split(','));
      start = -1;
    }
  }
  return strings.length >= 2 ? strings : null;
}

/**
 * ~HS string 1: aaa,b(paper out),c(pause),dddd,eee(formats in buffer),f,g,h,iii,j,k,l;
 * string 2: mmm,n,o(head up),p(ribbon out),q,r,s,t(label waiting),uuuuuuuu,v,www.
 */
export function parseHostStatus(reply: Buffer): PrinterStatus | null {
  const strings = hostStatusStrings(reply);
  if (!strings) return null;
  const [one, two] = strings as [string[], string[]];
  if (one.length < 3 || two.length < 4) return null;
  const flag = (s: string | undefined) => s?.trim() === '1';
  return { online: true, paperOut: flag(one[1]), paused: flag(one[2]), headOpen: flag(two[2]), ribbonOut: flag(two[3]) };
}

/**
 * DLE EOT 1 (printer), 2 (offline cause) and 4 (paper roll sensor), one byte each:
 * 1: bit 3 offline; 2: bit 2 cover open, bit 5 stopped at paper end, bit 6 error; 4: bits 5-6 paper end.
 */
export function parseRealTimeStatus(reply: Buffer): PrinterStatus | null {
  if (reply.length < 3) return null;
  const [printer, offline, paper] = [reply[0]!, reply[1]!, reply[2]!];
  // Every status byte has bit 4 set and bits 0 and 7 clear: anything else is not an answer.
  if ([printer, offline, paper].some((b) => (b & 0x93) !== 0x12)) return null;
  return {
    online: (printer & 0x08) === 0,
    headOpen: (offline & 0x04) !== 0,
    paperOut: (offline & 0x20) !== 0 || (paper & 0x60) === 0x60,
    paused: false,
    ribbonOut: false,
  };
}

export function parseStatus(language: PrinterLanguage, reply: Buffer): PrinterStatus | null {
  return language === 'zpl' ? parseHostStatus(reply) : parseRealTimeStatus(reply);
}

/** The answers a printer in this state gives (the emulator's side). */
export function hostStatusReply(s: PrinterStatus, formatsInBuffer = 0): Buffer {
  const b = (v: boolean) => (v ? '1' : '0');
  const one = `030,${b(s.paperOut)},${b(s.paused)},1245,${String(formatsInBuffer).padStart(3, '0')},0,0,0,000,0,0,0`;
  const two = `000,0,${b(s.headOpen)},${b(s.ribbonOut)},0,2,4,0,00000000,1,000`;
  const three = '1234,0';
  return Buffer.from([one, two, three].map((t) => `\x02${t}\x03\r\n`).join(''), 'latin1');
}

export function realTimeStatusReply(s: PrinterStatus, n: number): number {
  const base = 0x12;
  switch (n) {
    case 1:
      return base | (s.online && !s.headOpen && !s.paperOut ? 0 : 0x08);
    case 2:
      return base | (s.headOpen ? 0x04 : 0) | (s.paperOut ? 0x20 : 0);
    case 4:
      return base | (s.paperOut ? 0x6c : 0);
    default:
      return base;
  }
}

/** ZPL ~HI: model, firmware, dots per millimetre, memory. */
export const identificationRequest = Buffer.from('~HI', 'latin1');

export function hostIdentification(dpi: 203 | 300): Buffer {
  return Buffer.from(`\x02ZD421-${dpi}dpi,V93.21.26Z,${dpi === 300 ? 12 : 8},8176KB\x03\r\n`, 'latin1');
}

/** The resolution a ~HI answer reports, or null. */
export function parseIdentification(reply: Buffer): 203 | 300 | 600 | null {
  const text = reply.toString('latin1');
  const fields = text.slice(text.indexOf('\x02') + 1, text.indexOf('\x03')).split(',');
  const dpm = Number(fields[2]);
  return dpm === 8 ? 203 : dpm === 12 ? 300 : dpm === 24 ? 600 : null;
}
