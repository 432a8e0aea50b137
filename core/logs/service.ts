import path from 'node:path';
import { AppError } from '../kernel/errors';
import { checkBackupFolder } from '../backup/folder';
import { localStamp } from '../backup/restore';
import type { Db } from '../db/schema';
import { writeSupportBundle, type BundleReport } from './bundle';
import type { StationLog } from './stationLog';

/** The folder's trouble in a support bundle's words (the backup's end with "Nothing was backed up"). */
function inSupportWords(error: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  const { message, params } = error;
  switch (error.code) {
    case 'backup.folderNotAbsolute':
      return new AppError('support.folderNotAbsolute', message, params);
    case 'backup.folderMissing':
      return new AppError('support.folderMissing', message, params);
    case 'backup.notAFolder':
      return new AppError('support.notAFolder', message, params);
    case 'backup.diskFull':
      return new AppError('support.diskFull', message, params);
    case 'backup.folderUnwritable':
      return new AppError('support.folderUnwritable', message, params);
    default:
      return error;
  }
}

/** An admin's "Save a support bundle": karakana-support-<station>-<local time>.zip in the folder they typed. */
export async function saveSupportBundle(db: Db, log: StationLog, storeFile: string, folder: string, now: Date): Promise<BundleReport> {
  try {
    checkBackupFolder(folder);
  } catch (error) {
    throw inSupportWords(error);
  }
  const { code } = await db.selectFrom('station').select('code').executeTakeFirstOrThrow();
  const report = await writeSupportBundle({ db }, storeFile, path.join(folder, `karakana-support-${code}-${localStamp(now)}.zip`));
  log.info('support', 'support bundle saved', { file: report.file, bytes: report.bytes });
  return report;
}
