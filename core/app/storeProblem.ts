import { AppError, toErrorBody, type ErrorParams } from '../kernel/errors';
import { ownBackups } from '../backup/rotation';
import { all, closeSqlite } from '../backup/check';
import { openSqlite, sqlite3 } from '../db/dialect';
import { logFileOf, StationLog } from '../logs/stationLog';
import type { App } from './app';
import { Bus } from './bus';

// A store the station cannot work on (damaged, empty, or another program's file) is told on every
// call by one code, so the renderer shows its own screen instead of an error on a working screen.

/** What the station server and Electron need of a station: its calls, its topics and its close. */
export type Station = Pick<App, 'bus' | 'log' | 'call' | 'close'>;

const storeProblems = new Set(['store.damaged', 'store.empty', 'store.foreign']);

export function isStoreProblem(error: unknown): error is AppError {
  return error instanceof AppError && storeProblems.has(error.code);
}

/** The schedule's backup folder and its newest backup of this station, read from the store file as far as it can still be read. */
async function backupHint(file: string): Promise<ErrorParams> {
  try {
    const db = await openSqlite(file, sqlite3.OPEN_READONLY);
    try {
      const [station] = await all<{ code: string; backup_folder: string | null }>(db, 'SELECT code, backup_folder FROM station LIMIT 1');
      if (!station?.backup_folder) return {};
      return { backupFolder: station.backup_folder, ...newestBackup(station.backup_folder, station.code) };
    } finally {
      await closeSqlite(db);
    }
  } catch {
    return {};
  }
}

function newestBackup(folder: string, code: string): ErrorParams {
  try {
    const [newest] = ownBackups(folder, code);
    return newest ? { lastBackup: newest.file } : {};
  } catch {
    return {};
  }
}

export async function withBackupHint(file: string, problem: AppError): Promise<AppError> {
  if (problem.code !== 'store.damaged') return problem;
  return new AppError(problem.code, problem.message, { ...problem.params, ...(await backupHint(file)) });
}

/** A station that answers every call with the problem found at start, and writes nothing to the store. */
export function refusingStation(file: string, problem: AppError): Station {
  const body = toErrorBody(problem);
  const log = new StationLog(logFileOf(file));
  log.error('station', problem.message, { code: problem.code });
  console.error(`karakana: ${problem.message}`);
  return { bus: new Bus(), log, call: async () => ({ ok: false, error: body }), close: async () => undefined };
}
