import { v7 as uuidv7 } from 'uuid';
import { handlers } from '../api/handler';
import { AppError } from '../kernel/errors';
import { hashPin } from '../auth/pin';
import { isEmptyStore, seedDemo } from '../demo/seed';
import { record } from '../events/log';
import { createStation, getStation } from '../station/service';
import { initialLoad } from '../sync/status';
import { userAdded } from '../users/events';
import { assertPinFits } from '../users/service';

// First start: an empty store offers the demo headquarters or a first admin. Both are refused
// once the store holds anything, so these public procedures cannot be used to take over a station.
/** `head`: the upstream's head as the sync loop last saw it, for the first load's progress. */
export const setupHandlers = (head: () => number | null) =>
  handlers({
  'setup.state': async (_input, ctx) => {
    const station = await getStation(ctx.db);
    const user = await ctx.db.selectFrom('users').select('id').executeTakeFirst();
    return { hasUsers: !!user, demo: station?.demo ?? false, station, loading: await initialLoad(ctx.db, head()) };
  },
  'setup.loadDemo': async (_input, ctx) => {
    const users = await seedDemo(ctx.db, ctx.now());
    ctx.statusChanged();
    return { users };
  },
  'setup.createAdmin': async (input, ctx) => {
    assertPinFits(['admin'], input.pin);
    const id = uuidv7();
    const pinHash = await hashPin(input.pin);
    // Check, station and admin in one transaction: a double submit gets setup.notEmpty, and a
    // power cut cannot leave a station without its admin (which setup would then refuse forever).
    await ctx.db.transaction().execute(async (trx) => {
      if (!(await isEmptyStore(trx))) throw new AppError('setup.notEmpty', 'This store is already set up');
      await createStation(trx, { code: input.stationCode, name: input.stationName, demo: false, at: ctx.now().toISOString() });
      await record(trx, { userId: id, station: input.stationCode, now: ctx.now }, userAdded, {
        id,
        username: input.username,
        name: input.name,
        roles: ['admin', 'supervisor'],
        pinHash,
      });
    });
    ctx.statusChanged();
    return { ok: true as const };
  },
});
