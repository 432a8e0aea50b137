import { rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../kernel/errors';

// The backup folder is a USB drive that may be pulled or full, or a LAN share that may be gone:
// what went wrong is told in words naming the folder, never as SQLite's or the system's code.

const full = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);

function codeOf(error: unknown): string {
  return String((error as { code?: unknown } | null)?.code ?? '');
}

/** What stands in the way of writing in the folder, or null when a file can be written there now. */
function obstacle(folder: string): AppError | null {
  try {
    if (!statSync(folder).isDirectory()) return new AppError('backup.notAFolder', `${folder} is a file, not a folder`, { folder });
  } catch {
    return new AppError('backup.folderMissing', `The folder ${folder} is not there (a drive unplugged, a share not reached?)`, { folder });
  }
  const probe = path.join(folder, `.karakana-write-check-${process.pid}`);
  try {
    writeFileSync(probe, 'karakana');
    return null;
  } catch (error) {
    if (full.has(codeOf(error))) return new AppError('backup.diskFull', `The drive of ${folder} is full`, { folder });
    return new AppError('backup.folderUnwritable', `Karakana may not write in ${folder}`, { folder });
  } finally {
    rmSync(probe, { force: true });
  }
}

/** Before a schedule is saved: an absolute path to a folder this station can write in now. */
export function checkBackupFolder(folder: string): void {
  if (!path.isAbsolute(folder)) throw new AppError('backup.folderNotAbsolute', `Give the whole path of the folder, from its drive (not ${folder})`, { folder });
  const found = obstacle(folder);
  if (found) throw found;
}

/** Why a backup into the folder failed, in the words a person can act on. */
export function explainBackupFailure(folder: string, error: unknown): AppError {
  if (full.has(codeOf(error))) return new AppError('backup.diskFull', `The drive of ${folder} is full`, { folder });
  const found = obstacle(folder);
  if (found) return found;
  if (error instanceof AppError) return error;
  return new AppError('backup.failed', `The backup into ${folder} failed: ${String(error)}`, { folder, detail: String(error).slice(0, 200) });
}
