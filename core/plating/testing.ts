import { Bus } from '../app/bus';
import { createContext, type Ctx } from '../app/context';
import type { Role } from '../api/roles';
import type { Db } from '../db/schema';

/** A person at the plating office on a test store: the demo user by name, at a given time. */
export async function personAt(db: Db, username: string, at: () => Date = () => new Date()): Promise<Ctx> {
  const user = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  return createContext({ db, bus: new Bus(), now: at, statusChanged: () => undefined }, {
    token: 't',
    user: { id: user.id, username: user.username, name: user.name, roles: JSON.parse(user.roles) as Role[], language: 'en', disabled: false },
  });
}

/** Events and lot counts: what must not change when a change is refused. */
export async function storeFacts(db: Db) {
  const events = await db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const batches = await db.selectFrom('plating_batches').selectAll().orderBy('id').execute();
  const plan = await db.selectFrom('plating_plan').selectAll().executeTakeFirst();
  return { events: Number(events.n), batches, plan };
}
