import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../core/kernel/errors';
import type { Db } from '../core/db/schema';

// What the upstream's admin does on the upstream's machine (`hq upstream add-hub|revoke|stations`),
// straight on its store: a running upstream reads the same rows at every request, so each takes
// effect at once, with no restart (SQLite: another process on the same file, WAL and a busy timeout).

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** Whether a presented secret is the expected one, in time that does not tell how much of it matched. */
export function sameSecret(presented: string | null, expected: string): boolean {
  return presented !== null && timingSafeEqual(Buffer.from(hashSecret(presented), 'hex'), Buffer.from(hashSecret(expected), 'hex'));
}

const hubCodes = Array.from({ length: 99 }, (_, i) => `H${i + 1}`);

/**
 * Makes a hub: the next free hub code (H1...) and a one-time key. The hub presents the key once,
 * as its enrollment key, and is enrolled under that code as a relay; only the key's hash is kept.
 */
export async function issueHubKey(db: Db, name: string, now = new Date()): Promise<{ code: string; key: string }> {
  // Hex: a key typed after --upstream-key on a command line never starts with a dash (base64url could).
  const key = randomBytes(24).toString('hex');
  const code = await db.transaction().execute(async (trx) => {
    const rows = [...(await trx.selectFrom('upstream_stations').select('code').execute()), ...(await trx.selectFrom('upstream_hub_keys').select('code').execute())];
    const taken = new Set(rows.map((r) => r.code));
    const free = hubCodes.find((c) => !taken.has(c));
    if (!free) throw new AppError('sync.codeTaken', 'No free hub code is left');
    await trx.insertInto('upstream_hub_keys').values({ code: free, name, key_hash: hashSecret(key), issued_at: now.toISOString(), used_at: null }).execute();
    return free;
  });
  return { code, key };
}

/** Refuses a station's token from now on (and spends a hub key not yet used under that code). */
export async function revokeStation(db: Db, code: string, now = new Date()): Promise<void> {
  const at = now.toISOString();
  const revoked = await db.transaction().execute(async (trx) => {
    const station = await trx.updateTable('upstream_stations').set({ revoked_at: at }).where('code', '=', code).where('revoked_at', 'is', null).executeTakeFirst();
    const key = await trx.updateTable('upstream_hub_keys').set({ used_at: at }).where('code', '=', code).where('used_at', 'is', null).executeTakeFirst();
    return Number(station.numUpdatedRows) + Number(key.numUpdatedRows);
  });
  if (!revoked) throw new AppError('sync.unknownStation', `No station ${code} is enrolled here (or it is already revoked)`, { code });
}

export interface EnrolledStation {
  code: string;
  name: string;
  hub: boolean;
  enrolledAt: string | null;
  lastSeenAt: string | null;
  revokedAt: string | null;
}

/** Every station and hub this upstream knows, with hubs whose key is issued and not yet used (enrolledAt null). */
export async function listStations(db: Db): Promise<EnrolledStation[]> {
  const stations = await db.selectFrom('upstream_stations').selectAll().orderBy('code').execute();
  const waiting = await db.selectFrom('upstream_hub_keys').selectAll().where('used_at', 'is', null).orderBy('code').execute();
  return [
    ...stations.map((s) => ({ code: s.code, name: s.name, hub: s.relay === 1, enrolledAt: s.enrolled_at, lastSeenAt: s.last_seen_at, revokedAt: s.revoked_at })),
    ...waiting.map((k) => ({ code: k.code, name: k.name, hub: true, enrolledAt: null, lastSeenAt: null, revokedAt: null })),
  ];
}
