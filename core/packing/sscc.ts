import { AppError } from '../kernel/errors';
import type { Db, Trx } from '../db/schema';
import { readScannedCode, sscc } from '../labels/barcodes';

// A box's SSCC: extension digit, the company's GS1 prefix, the shipping station's number (3
// digits) and that station's serial, then the check digit. Each station numbers only the boxes it
// ships, so two stations never issue the same SSCC whatever the network does; the extension digit
// carries the serial's highest digit (a 7-digit prefix leaves a station 10 million SSCCs, a
// 10-digit one 10,000, after which its numbers come round again).

export const gs1PrefixPattern = /^\d{7,10}$/;

const secondCharacters = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * A station code of one or two characters as a number under 962, one per code (R1 -> 640): the
 * first letter times 37, plus the second character's place (none 0, digits 1-10, letters 11-36).
 * Null for longer codes, which 3 digits cannot tell apart.
 */
export function stationNumber(code: string): number | null {
  if (!/^[A-Z][A-Z0-9]?$/.test(code)) return null;
  const second = code.length === 2 ? secondCharacters.indexOf(code[1]!) + 1 : 0;
  return (code.charCodeAt(0) - 65) * 37 + second;
}

/** The SSCC of a station's nth box (n from 1), or null where the station's code is too long for one. */
export function boxSscc(prefix: string, station: string, serial: number): string | null {
  const number = stationNumber(station);
  if (number === null) return null;
  if (!gs1PrefixPattern.test(prefix)) throw new AppError('packing.badGs1Prefix', `"${prefix}" is not a GS1 company prefix of 7 to 10 digits`, { prefix: prefix.slice(0, 20) });
  const low = 10 ** (13 - prefix.length);
  const n = serial % (low * 10);
  return sscc(Math.floor(n / low), prefix, number * low + (n % low));
}

/** The serial this station gives its next box: one past the highest it gave, as the boxes this store holds say. */
export async function nextSerial(trx: Trx, station: string): Promise<number> {
  const { top } = await trx
    .selectFrom('boxes')
    .select((eb) => eb.fn.max('sscc_serial').as('top'))
    .where('sscc_station', '=', station)
    .executeTakeFirstOrThrow();
  return Number(top ?? 0) + 1;
}

/** The company's GS1 prefix, or null until an admin sets it (boxes then ship without an SSCC). */
export async function gs1Prefix(trx: Db | Trx): Promise<string | null> {
  const row = await trx.selectFrom('packing_settings').select('gs1_prefix').where('id', '=', 1).executeTakeFirst();
  return row?.gs1_prefix ?? null;
}

/**
 * The box a scanned SSCC (GS1 AI 00, as the labels print it or in brackets) stands for; null for
 * any other code. An SSCC with a wrong check digit is refused by the reading, never looked up.
 */
export async function boxBySscc(db: Db | Trx, raw: string): Promise<{ boxId: string; orderId: string } | null> {
  const read = readScannedCode(raw);
  const code = read.kind === 'gs1' ? read.elements.find((e) => e.ai === '00')?.value : undefined;
  if (!code) return null;
  const box = await db.selectFrom('boxes').select(['id', 'order_id']).where('sscc', '=', code).executeTakeFirst();
  if (!box) throw new AppError('packing.ssccNotFound', `No box has the SSCC ${code}`, { code });
  return { boxId: box.id, orderId: box.order_id };
}
