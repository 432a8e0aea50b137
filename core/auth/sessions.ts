import type { Db } from '../db/schema';
import type { Session } from '../app/context';
import { toUser } from '../users/service';

/** However much it is used, a session ends this long after its login: a shift, not a week. */
export const sessionLifetimeHours = 12;
/** A station's idle time until an admin sets one (station.setSessionIdle, 5 to 720 min): a shared PC's. */
export const defaultIdleMinutes = 30;

/** The session behind a token, if it has been used within the station's idle time and is younger than its lifetime. */
export async function resolveSession(db: Db, token: string, now: Date): Promise<Session | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.token', 'sessions.created_at', 'sessions.last_seen_at', 'users.id', 'users.username', 'users.name', 'users.roles', 'users.language', 'users.disabled'])
    .where('sessions.token', '=', token)
    .executeTakeFirst();
  if (!row || row.disabled) return null;
  const { session_idle_minutes: idleMinutes } = await db.selectFrom('station').select('session_idle_minutes').executeTakeFirstOrThrow();
  const idle = Date.parse(row.last_seen_at) < now.getTime() - idleMinutes * 60_000;
  const old = Date.parse(row.created_at) <= now.getTime() - sessionLifetimeHours * 3600_000;
  if (idle || old) {
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
