import type { Status } from '../api/contract';
import type { Db } from '../db/schema';
import type { DeviceStatus } from '../devices/status';
import { getStation } from './service';

/** The status bar: station, sync backlog of this station's events, and each device's last check. */
export async function readStatus(db: Db, devices: DeviceStatus[]): Promise<Status> {
  const station = await getStation(db);
  // Events pulled from upstream arrive with their upstream_seq; only this station's own wait without one.
  const pending = await db
    .selectFrom('events')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('at').as('oldest')])
    .where('local', '=', 1)
    .where('status', '=', 'applied')
    .where('upstream_seq', 'is', null)
    .executeTakeFirstOrThrow();
  return {
    station: station ?? { code: '', name: '', demo: false, canChangeCode: true },
    sync: { enrolled: false, pending: Number(pending.count), oldestPendingAt: pending.oldest ?? null },
    devices,
  };
}
