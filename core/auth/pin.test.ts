import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPin, pinCost, verifyPin } from './pin';

// The oracle is Node's scrypt itself, called here with the parameters the stored text names.

describe('a PIN hash', () => {
  it('names its scheme and cost, and is scrypt of the PIN with its salt at that cost', async () => {
    const stored = await hashPin('135790');
    const [scheme, N, r, p, salt, hash] = stored.split('$');
    expect([scheme, Number(N), Number(r), Number(p)]).toEqual(['scrypt2', pinCost.N, pinCost.r, pinCost.p]);
    // A 4-digit PIN's space searched at Node's default cost (N 16384) took minutes: this one costs more.
    expect(pinCost.N * pinCost.r).toBeGreaterThan(16384 * 8);
    const expected = scryptSync('135790', Buffer.from(salt!, 'base64'), 32, { N: pinCost.N, r: pinCost.r, p: pinCost.p, maxmem: 256 * 2 ** 20 });
    expect(Buffer.from(hash!, 'base64')).toEqual(expected);
    expect(await verifyPin('135790', stored)).toBe(true);
    expect(await verifyPin('135791', stored)).toBe(false);
  });

  it('of the first scheme (scrypt, Node’s default cost) is still checked', async () => {
    const salt = Buffer.from('0123456789abcdef');
    const old = `scrypt$${salt.toString('base64')}$${scryptSync('1111', salt, 32).toString('base64')}`;
    expect(await verifyPin('1111', old)).toBe(true);
    expect(await verifyPin('1112', old)).toBe(false);
  });

  it("that names a cost far beyond today's, one scrypt refuses, or no hash, lets nobody in", async () => {
    const stored = await hashPin('135790');
    const [, , r, p, salt, hash] = stored.split('$');
    expect(await verifyPin('135790', ['scrypt2', 2 ** 24, r, p, salt, hash].join('$'))).toBe(false);
    expect(await verifyPin('135790', ['scrypt2', 3 * 2 ** 13, r, p, salt, hash].join('$'))).toBe(false);
    expect(await verifyPin('135790', ['scrypt2', pinCost.N, r, p, salt, ''].join('$'))).toBe(false);
  });
});
