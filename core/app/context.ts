import { AppError } from '../kernel/errors';
import type { User } from '../api/contract';
import type { Db, Trx } from '../db/schema';
import type { Actor, EventDefinition, EventEnvelope } from '../events/define';
import { record } from '../events/log';
import type { Bus } from './bus';

export interface Session {
  token: string;
  user: User;
}

export interface WriteTransaction {
  trx: Trx;
  actor: Actor;
  record<P>(definition: EventDefinition<P>, payload: P): Promise<EventEnvelope>;
}

/** What a procedure gets: the store, the caller, and the one way to change anything. */
export interface Ctx {
  db: Db;
  bus: Bus;
  session: Session | null;
  now(): Date;
  /** The logged-in user; procedures behind a session can rely on it. */
  user(): User;
  /** One transaction that changes domain rows through events; topics go out after it commits. */
  write<T>(fn: (tx: WriteTransaction) => Promise<T>): Promise<T>;
  /** Asks the app to publish a fresh status (sync counts, devices) to every client. */
  statusChanged(): void;
}

export interface ContextDeps {
  db: Db;
  bus: Bus;
  now: () => Date;
  statusChanged: () => void;
}

export function createContext(deps: ContextDeps, session: Session | null, actingUserId?: string): Ctx {
  const user = (): User => {
    if (!session) throw new AppError('auth.required', 'Log in first');
    return session.user;
  };
  return {
    ...deps,
    session,
    user,
    async write(fn) {
      const userId = actingUserId ?? user().id;
      const lots = new Set<string>();
      const result = await deps.db.transaction().execute(async (trx) => {
        const { code } = await trx.selectFrom('station').select('code').executeTakeFirstOrThrow();
        const actor: Actor = { userId, station: code, now: deps.now };
        return fn({
          trx,
          actor,
          async record(definition, payload) {
            const envelope = await record(trx, actor, definition, payload);
            if (envelope.lotId) lots.add(envelope.lotId);
            return envelope;
          },
        });
      });
      for (const lotId of lots) deps.bus.publish('lot.changed', { lotId });
      deps.statusChanged();
      return result;
    },
  };
}
