import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { AppError } from '../kernel/errors';
import { createContext, type Ctx, type Session } from '../app/context';
import type { Db } from '../db/schema';
import { lockMinutes, userLocked } from '../users/events';
import { toUser } from '../users/service';
import { nobodysHash, verifyPin } from './pin';

export const maxWrongPins = 5;
export { lockMinutes };

// One answer for a name nobody has and for a wrong PIN, with no tries left in it: a count of tries
// would itself tell a name that exists from one that does not.
const badLogin = () => new AppError('auth.badLogin', 'Wrong user name or PIN');

function locked(name: string, minutes: number): AppError {
  return new AppError('auth.locked', `${name} is locked for ${minutes} min after ${maxWrongPins} wrong PINs`, { name, minutes });
}

/**
 * Checks a PIN. Five wrong in a row lock the user for five minutes at every station of the site: the
 * lock is a fact (user.locked) that travels with sync. A disabled user hears so only after the right PIN.
 */
export async function login(ctx: Ctx, username: string, pin: string): Promise<Session> {
  const now = ctx.now();
  const row = await ctx.db.selectFrom('users').selectAll().where('username', '=', username.trim()).executeTakeFirst();
  if (!row) {
    await verifyPin(pin, nobodysHash);
    throw badLogin();
  }
  const attempt = await takeTry(ctx.db, row.id, now);
  if (attempt.lockedUntil) throw locked(row.name, Math.ceil((Date.parse(attempt.lockedUntil) - now.getTime()) / 60_000));
  if (attempt.tries > maxWrongPins) throw locked(row.name, lockMinutes);
  if (!(await verifyPin(pin, row.pin_hash))) {
    if (attempt.tries < maxWrongPins) throw badLogin();
    const until = new Date(now.getTime() + lockMinutes * 60_000).toISOString();
    // A disabled user cannot log in anywhere: the site needs no lock of theirs, and its upstream
    // would refuse a fact made by a disabled actor.
    if (!row.disabled) await createContext(ctx, null, row.id).write(({ record }) => record(userLocked, { id: row.id, until }));
    throw locked(row.name, lockMinutes);
  }
  if (row.disabled) throw new AppError('auth.disabled', `${row.name} is disabled`, { name: row.name });
  const token = randomBytes(32).toString('hex');
  const at = now.toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ failed_pins: 0 }).where('id', '=', row.id).execute();
    await trx.insertInto('sessions').values({ token, user_id: row.id, created_at: at, last_seen_at: at }).execute();
  });
  return { token, user: toUser(row) };
}

/**
 * Counts a try before its PIN is checked, in one statement, so parallel guesses each count and at
 * most five are ever checked. The first try after a lock has run out starts the count again.
 * `lockedUntil` is set while a lock (this station's or another's) still holds.
 */
async function takeTry(db: Db, userId: string, now: Date): Promise<{ tries: number; lockedUntil: string | null }> {
  const at = now.toISOString();
  const row = await db
    .updateTable('users')
    .set({ failed_pins: sql<number>`CASE WHEN locked_until <= ${at} AND failed_pins >= ${maxWrongPins} THEN 1 ELSE failed_pins + 1 END` })
    .where('id', '=', userId)
    .returning(['failed_pins', 'locked_until'])
    .executeTakeFirstOrThrow();
  return { tries: row.failed_pins, lockedUntil: row.locked_until && row.locked_until > at ? row.locked_until : null };
}
