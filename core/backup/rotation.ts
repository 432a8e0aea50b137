import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { localStamp } from './restore';

// A scheduled backup is named karakana-<station code>-<local time>.db. Rotation counts and deletes
// only files of that exact shape and of this station's code: a technician's own copies, another
// program's files and another station's backups in a shared folder are never touched.

const stampPattern = '\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}';

export function backupName(stationCode: string, at: Date): string {
  return `karakana-${stationCode}-${localStamp(at)}.db`;
}

export interface OwnBackup {
  file: string;
  modifiedMs: number;
  bytes: number;
}

/** This station's scheduled backups in the folder, newest first (by when each was written). */
export function ownBackups(folder: string, stationCode: string): OwnBackup[] {
  const ours = new RegExp(`^karakana-${stationCode}-${stampPattern}\\.db$`);
  return readdirSync(folder)
    .filter((name) => ours.test(name))
    .flatMap((name) => {
      const file = path.join(folder, name);
      const stat = statSync(file, { throwIfNoEntry: false });
      return stat?.isFile() ? [{ file, modifiedMs: stat.mtimeMs, bytes: stat.size }] : [];
    })
    .sort((a, b) => b.modifiedMs - a.modifiedMs || b.file.localeCompare(a.file));
}

/** Deletes this station's backups beyond the newest `keep`; returns the files deleted. */
export function rotateBackups(folder: string, stationCode: string, keep: number): string[] {
  const beyond = ownBackups(folder, stationCode).slice(keep).map((b) => b.file);
  for (const file of beyond) rmSync(file, { force: true });
  return beyond;
}
