import { Bus } from '../app/bus';
import { createContext } from '../app/context';
import { receiveLot } from '../lots/service';
import { withStore } from '../sync/faults/stations';
import { syncOnce } from '../sync/sync';

const unsynced = { rejected: 0, conflicts: 0 };

/** A working session at the receiving desk: sync, receive lots as its clerk, sync again (offline: no sync at all). */
export function deskSession(file: string, lots: number, { offline = false } = {}) {
  return withStore(file, async (db) => {
    const first = offline ? unsynced : await syncOnce(db);
    const clerk = await db.selectFrom('users').select('id').where('username', '=', 'wanjiru').executeTakeFirstOrThrow();
    const ctx = createContext({ db, bus: new Bus(), now: () => new Date(), statusChanged: () => undefined }, null, clerk.id);
    const ids: string[] = [];
    for (let i = 0; i < lots; i++) ids.push(await receiveLot(ctx, { designSku: 'BR-CUF-001', artisanId: 'A-00001', finish: 'polished', deliveryCode: null, quantity: 10, weightG: null, state: 'in_qc' }));
    const last = offline ? unsynced : await syncOnce(db);
    return { ids, refused: first.rejected + last.rejected, conflicts: first.conflicts + last.conflicts };
  });
}
