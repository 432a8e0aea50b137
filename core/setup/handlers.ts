import { v7 as uuidv7 } from 'uuid';
import { handlers } from '../api/handler';
import { AppError } from '../api/errors';
import { createContext } from '../app/context';
import { hashPin } from '../auth/pin';
import { isEmptyStore, seedDemo } from '../demo/seed';
import { createStation, getStation } from '../station/service';
import { userAdded } from '../users/events';

// First start: an empty store offers the demo headquarters or a first admin. Both are refused
// once the store holds anything, so these public procedures cannot be used to take over a station.
export const setupHandlers = handlers({
  'setup.state': async (_input, ctx) => {
    const station = await getStation(ctx.db);
    const user = await ctx.db.selectFrom('users').select('id').executeTakeFirst();
    return { hasUsers: !!user, demo: station?.demo ?? false, station };
  },
  'setup.loadDemo': async (_input, ctx) => {
    const users = await seedDemo(ctx.db, ctx.now());
    ctx.statusChanged();
    return { users };
  },
  'setup.createAdmin': async (input, ctx) => {
    if (!(await isEmptyStore(ctx.db))) throw new AppError('setup.notEmpty', 'This store is already set up');
    const id = uuidv7();
    const pinHash = await hashPin(input.pin);
    await ctx.db.transaction().execute((trx) =>
      createStation(trx, { code: input.stationCode, name: input.stationName, demo: false, at: ctx.now().toISOString() }),
    );
    await createContext({ db: ctx.db, bus: ctx.bus, now: ctx.now, statusChanged: ctx.statusChanged }, null, id).write(({ record }) =>
      record(userAdded, { id, username: input.username, name: input.name, roles: ['admin', 'supervisor'], pinHash }),
    );
    return { ok: true as const };
  },
});
