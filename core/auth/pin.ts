import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCallback) as (pin: string, salt: Buffer, length: number, options: ScryptOptions) => Promise<Buffer>;

/**
 * Every user's hash reaches every station of the site, so a copied store must not give a PIN away
 * quickly: scrypt is memory-hard (N·r·128 bytes a try: 32 MiB here), which keeps a search of the
 * PIN space slow on a PC's cores and on a graphics card alike. N and r are sized so one check takes
 * about 140 ms on a quiet core here (under 300 ms on a station twice as slow), and with admins'
 * and supervisors' PINs of 7 digits or more (core/users/service.ts), trying them all takes a PC
 * with 8 such cores more than a day (`npm run bench -- --only "PIN check"` measures both sides).
 */
export const pinCost = { N: 2 ** 15, r: 8, p: 1 } as const;

// The first scheme, with Node's default cost (N 16384, r 8): still read, never written.
const legacyCost = { N: 2 ** 14, r: 8, p: 1 } as const;

/** `scrypt2$N$r$p$salt$hash`: the cost travels with the hash, so a later, dearer cost leaves old ones checkable. */
export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(pin, salt, 32, withMemory(pinCost));
  return ['scrypt2', pinCost.N, pinCost.r, pinCost.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const actual = await scrypt(pin, parsed.salt, parsed.hash.length, withMemory(parsed.cost));
  return timingSafeEqual(actual, parsed.hash);
}

interface Parsed {
  cost: { N: number; r: number; p: number };
  salt: Buffer;
  hash: Buffer;
}

function parse(stored: string): Parsed | null {
  const parts = stored.split('$');
  if (parts[0] === 'scrypt' && parts.length === 3) parts.splice(1, 0, ...[legacyCost.N, legacyCost.r, legacyCost.p].map(String));
  else if (parts[0] !== 'scrypt2' || parts.length !== 6) return null;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  // A hash from a store is data: a cost far beyond today's (over 256 MiB a check) would stall the
  // station, and one scrypt refuses (N not a power of two) would fail the login instead of refusing it.
  if (!(N >= 2 && N <= 2 ** 17 && (N & (N - 1)) === 0 && r >= 1 && r <= 16 && p >= 1 && p <= 4)) return null;
  const hash = Buffer.from(parts[5]!, 'base64');
  return hash.length >= 16 ? { cost: { N, r, p }, salt: Buffer.from(parts[4]!, 'base64'), hash } : null;
}

/** scrypt's own memory cap (32 MiB) is below what the cost needs: allow it, with room. */
function withMemory(cost: { N: number; r: number; p: number }): ScryptOptions {
  return { ...cost, maxmem: 2 * 128 * cost.N * cost.r + 1024 * 1024 };
}

/**
 * What a PIN for a user name nobody has is checked against: random bytes at today's cost, which no
 * PIN matches. The refusal then takes as long as a wrong PIN's, so the time does not tell which
 * names exist (and the first such try costs no more than the next).
 */
export const nobodysHash = ['scrypt2', pinCost.N, pinCost.r, pinCost.p, randomBytes(16).toString('base64'), randomBytes(32).toString('base64')].join('$');
