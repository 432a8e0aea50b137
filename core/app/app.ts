import { joinHandlers, type HandlerMap } from '../api/handler';
import { dispatch, type Call, type CallResult } from '../api/dispatch';
import { procedures } from '../api/contract';
import { AppError } from '../kernel/errors';
import { BackupSchedule } from '../backup/schedule';
import { resolveSession } from '../auth/sessions';
import { openStore, type Store } from '../db/store';
import { DeskScale } from '../devices/deskScale';
import { DeviceMonitor } from '../devices/monitor';
import { PrintQueue, type QueueOptions } from '../printing/queue';
import { logFileOf, StationLog } from '../logs/stationLog';
import { deviceWatch, logCall, logStart, logSyncRound } from '../logs/watch';
import { readStatus } from '../station/status';
import { SyncLoop } from '../sync/loop';
import { plainVault, type TokenVault } from '../sync/vault';
import { features } from '../features';
import { Bus } from './bus';
import { createContext } from './context';
import type { Services } from './defineFeature';

function completeHandlers(map: Partial<HandlerMap>): HandlerMap {
  const missing = Object.keys(procedures).filter((name) => !(name in map));
  if (missing.length) throw new Error(`Procedures without a handler: ${missing.join(', ')}`);
  return map as HandlerMap;
}

export interface App {
  store: Store;
  bus: Bus;
  /** The station's log beside its store (station.log). */
  log: StationLog;
  call(call: Call): Promise<CallResult>;
  close(): Promise<void>;
}

export interface AppOptions {
  now?: () => Date;
  /** How often devices are checked for the status bar; 0 turns the checks off (tests). */
  devicePollMs?: number;
  busyTimeoutMs?: number;
  /** How long a change waits at most before it goes upstream while all is well. */
  syncIntervalMs?: number;
  /** How often a station not yet enrolled looks for an enrollment made beside it (`hq sync`): 5 s. */
  enrollmentPollMs?: number;
  /** Seals the upstream token in the store (Electron's safeStorage in the desktop app). */
  vault?: TokenVault;
  /** The print queue's links and retry timing (tests: short waits, a recorded USB bus or spooler). */
  printing?: Omit<QueueOptions, 'now' | 'changed'>;
  /** Told of each SQLITE_CORRUPT or SQLITE_NOTADB a query meets (openStationApp then answers every call with store.damaged). */
  onDamaged?: (error: unknown) => void;
}

/** Opens (and migrates) a station store and serves the contract over it, for any transport. */
export async function createApp(file: string, options: AppOptions = {}): Promise<App> {
  const now = options.now ?? (() => new Date());
  const log = new StationLog(logFileOf(file), { now });
  const onMigrated = (from: number, to: number) => log.info('store', `migrated from schema ${from} to ${to}`, { store: file });
  const store = await openStore(file, { ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }), onDamaged: options.onDamaged, onMigrated });
  const bus = new Bus();
  await logStart(log, store.db, store.file);
  let pending: NodeJS.Timeout | null = null;
  const statusChanged = () => {
    // Coalesce a burst of writes into one status message.
    pending ??= setTimeout(() => {
      pending = null;
      readStatus(store.db, devices.current, loop.head, backups.status())
        .then((status) => bus.publish('status', status))
        .catch(() => undefined);
    }, 50);
  };
  const watchDevices = deviceWatch(log);
  const devices = new DeviceMonitor(store.db, () => {
    watchDevices(devices.current);
    statusChanged();
  });
  const backups = new BackupSchedule(store.db, store.file, { now, changed: statusChanged, log });
  await backups.start();
  const deskScale = new DeskScale(store.db, bus);
  const printQueue = new PrintQueue(store.db, {
    ...options.printing,
    now,
    fault: (printer, error) => log.warn('printer', `${printer}: ${error.message}`, { code: error.code, params: error.params }),
    changed: (jobId) => {
      bus.publish('printing.changed', { jobId });
      statusChanged();
    },
  });
  printQueue.start();
  const vault = options.vault ?? plainVault;
  const loop = new SyncLoop(store.db, {
    intervalMs: options.syncIntervalMs ?? 1000,
    vault,
    onProgress: () => statusChanged(),
    onRound: ({ report, error }) => {
      logSyncRound(log, { report, error });
      if (error) statusChanged();
      else if (report && (report.pushed || report.pulled || report.rejected || report.hubChanged)) {
        for (const lotId of report.lots.slice(0, 500)) bus.publish('lot.changed', { lotId });
        statusChanged();
      }
    },
  });
  const enrolled = async () => !!(await store.db.selectFrom('sync_state').select('id').executeTakeFirst());
  // The technician may enroll the store with `hq sync` while the app runs: it syncs from then on, with no restart.
  let enrollmentWatch: NodeJS.Timeout | null = null;
  const startSyncing = () => {
    if (enrollmentWatch) clearInterval(enrollmentWatch);
    enrollmentWatch = null;
    loop.start();
  };
  if (await enrolled()) startSyncing();
  else enrollmentWatch = setInterval(() => void enrolled().then((yes) => yes && enrollmentWatch && startSyncing(), () => undefined), options.enrollmentPollMs ?? 5000);
  devices.start(options.devicePollMs ?? 10_000);
  const services: Services = {
    storeFile: store.file,
    log,
    status: () => readStatus(store.db, devices.current, loop.head, backups.status()),
    head: () => loop.head,
    sync: { nextAttemptAt: () => loop.nextAttemptAt, runNow: () => loop.runNow(), enrolled: startSyncing, vault },
    deskScale,
    printQueue,
    printLink: options.printing?.link,
    backups,
  };
  const map = completeHandlers(joinHandlers(...features.map((feature) => feature.handlers?.(services) ?? {})));
  // A local write is on its way upstream at once, not at the next tick.
  const deps = {
    db: store.db,
    bus,
    now,
    statusChanged: () => {
      statusChanged();
      loop.nudge();
      printQueue.nudge();
    },
  };
  return {
    store,
    bus,
    log,
    call: (call) =>
      dispatch(
        {
          handlers: map,
          resolveSession: (token) => resolveSession(store.db, token, now()),
          context: (session) => createContext(deps, session),
          explain: (error) => {
            const code = (error as { code?: unknown } | null)?.code;
            return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED'
              ? new AppError('store.locked', `The store ${store.file} is locked by another program`, { file: store.file })
              : null;
          },
          log: (error, c) => console.error(`karakana: ${c.name} failed:`, error),
        },
        call,
      ).then((result) => {
        logCall(log, call, result);
        return result;
      }),
    /** Quitting (the station server's stop, Electron's quit) ends with the day's last backup, taken before the store closes. */
    async close() {
      if (enrollmentWatch) clearInterval(enrollmentWatch);
      await backups.close();
      devices.stop();
      await printQueue.stop();
      await loop.stop();
      await deskScale.close();
      if (pending) clearTimeout(pending);
      await store.close();
      log.info('station', 'stopped');
    },
  };
}
