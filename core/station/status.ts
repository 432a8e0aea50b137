import type { BackupStatus } from '../backup/contract';
import type { Status } from '../api/contract';
import type { Db } from '../db/schema';
import { defaultIdleMinutes } from '../auth/sessions';
import type { DeviceStatus } from '../devices/status';
import { syncSummary } from '../sync/status';
import { updateReady } from '../updates/notice';
import { getStation } from './service';

/** The status bar: station, sync backlog of this station's events, each device's last check, the last backups and a downloaded update. */
export async function readStatus(db: Db, devices: DeviceStatus[], head: number | null, backup: BackupStatus): Promise<Status> {
  const station = await getStation(db);
  return {
    station: station ?? { code: '', name: '', demo: false, canChangeCode: true, sessionIdleMinutes: defaultIdleMinutes },
    sync: await syncSummary(db, head),
    devices,
    backup,
    update: { readyVersion: updateReady() },
  };
}
