import { procedures } from '../api/contract';
import type { Call, CallResult } from '../api/dispatch';
import { toErrorBody } from '../kernel/errors';
import type { Db } from '../db/schema';
import { userVersion } from '../db/store';
import type { DeviceStatus } from '../devices/status';
import type { SyncReport } from '../sync/sync';
import type { StationLog } from './stationLog';
import { appVersion } from './versions';

// What the running station tells its log, apart from starts and backups: sync rounds, devices that
// stop or come back, sign-ins, an admin's changes and failures nobody expected.

/** A round that moved something or failed; the many empty rounds of a quiet station are left out. */
export function logSyncRound(log: StationLog, { report, error }: { report?: SyncReport; error?: unknown }): void {
  if (error) log.warn('sync', 'sync round failed', { error: toErrorBody(error) });
  else if (report && (report.pushed || report.pulled || report.rejected))
    log.info('sync', `sync round: pushed ${report.pushed}, pulled ${report.pulled}, rejected ${report.rejected}`, { cursor: report.cursor, head: report.head });
}

/** Remembers each device's state and logs a change: a scale or printer gone offline, or back. */
export function deviceWatch(log: StationLog): (states: DeviceStatus[]) => void {
  const known = new Map<string, DeviceStatus['state']>();
  return (states) => {
    for (const device of states) {
      const before = known.get(device.id);
      known.set(device.id, device.state);
      if (before === device.state || (before === undefined && device.state !== 'offline')) continue;
      const fields = { device: device.name, kind: device.kind, detail: device.detail };
      if (device.state === 'offline') log.warn('device', `${device.name} is offline`, fields);
      else log.info('device', `${device.name} is ${device.state}`, fields);
    }
  };
}

const joining = new Set(['session.login', 'setup.joinSite', 'sync.enroll']);

/** Sign-ins, joining the site and every admin's call are logged, with what they were given (secrets masked by the log). */
function audited(name: string): boolean {
  const access = (procedures as Record<string, { access: unknown } | undefined>)[name]?.access;
  return joining.has(name) || (Array.isArray(access) && access.length === 1 && access[0] === 'admin');
}

export function logCall(log: StationLog, call: Call, result: CallResult): void {
  if (!result.ok && result.error.code === 'internal') log.error('api', `${call.name} failed`, { input: call.input, error: result.error });
  else if (audited(call.name))
    log.info('api', `${call.name} ${result.ok ? 'done' : `refused: ${result.error.code}`}`, { input: call.input, ...(result.ok ? {} : { error: result.error }) });
}

/** The first line of each start: which Karakana on which store, at which schema. */
export async function logStart(log: StationLog, db: Db, storeFile: string): Promise<void> {
  log.info('station', `Karakana ${appVersion} started`, { store: storeFile, schema: await userVersion(db), pid: process.pid });
}
