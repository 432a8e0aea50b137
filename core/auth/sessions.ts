import { randomBytes } from 'node:crypto';
import { AppError } from '../api/errors';
import type { Db } from '../db/schema';
import type { Session } from '../app/context';
import { toUser } from '../users/service';
import { verifyPin } from './pin';

export const maxWrongPins = 5;
export const lockMinutes = 5;
const idleHours = 12;

/** Checks a PIN; five wrong in a row lock the user for a while, whatever station they try from. */
export async function login(db: Db, username: string, pin: string, now: Date): Promise<Session> {
  const row = await db.selectFrom('users').selectAll().where('username', '=', username.trim()).executeTakeFirst();
  if (!row) throw new AppError('auth.unknownUser', `No user ${username}`, { username });
  if (row.disabled) throw new AppError('auth.disabled', `${row.name} is disabled`, { name: row.name });
  if (row.locked_until && row.locked_until > now.toISOString()) {
    const minutes = Math.ceil((Date.parse(row.locked_until) - now.getTime()) / 60_000);
    throw new AppError('auth.locked', `${row.name} is locked for ${minutes} min after ${maxWrongPins} wrong PINs`, {
      name: row.name,
      minutes,
    });
  }
  if (!(await verifyPin(pin, row.pin_hash))) {
    const failed = row.failed_pins + 1;
    if (failed >= maxWrongPins) {
      const until = new Date(now.getTime() + lockMinutes * 60_000).toISOString();
      await db.updateTable('users').set({ failed_pins: 0, locked_until: until }).where('id', '=', row.id).execute();
      throw new AppError('auth.locked', `${row.name} is locked for ${lockMinutes} min after ${maxWrongPins} wrong PINs`, {
        name: row.name,
        minutes: lockMinutes,
      });
    }
    await db.updateTable('users').set({ failed_pins: failed }).where('id', '=', row.id).execute();
    throw new AppError('auth.wrongPin', `Wrong PIN; ${maxWrongPins - failed} tries left`, { left: maxWrongPins - failed });
  }
  const token = randomBytes(32).toString('hex');
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ failed_pins: 0, locked_until: null }).where('id', '=', row.id).execute();
    await trx.insertInto('sessions').values({ token, user_id: row.id, created_at: at, last_seen_at: at }).execute();
  });
  return { token, user: toUser(row) };
}

export async function resolveSession(db: Db, token: string, now: Date): Promise<Session | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.token', 'sessions.last_seen_at', 'users.id', 'users.username', 'users.name', 'users.roles', 'users.language', 'users.disabled'])
    .where('sessions.token', '=', token)
    .executeTakeFirst();
  if (!row || row.disabled) return null;
  if (Date.parse(row.last_seen_at) < now.getTime() - idleHours * 3600_000) {
    await logout(db, token);
    return null;
  }
  // Refresh at most once a minute so reads do not turn into writes.
  if (Date.parse(row.last_seen_at) < now.getTime() - 60_000)
    await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('token', '=', token).execute();
  return { token: row.token, user: toUser(row) };
}

export async function logout(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token', '=', token).execute();
}

export async function setLanguage(db: Db, userId: string, language: 'en' | 'sw'): Promise<void> {
  await db.updateTable('users').set({ language }).where('id', '=', userId).execute();
}
