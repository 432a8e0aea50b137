import type { Ctx } from '../app/context';
import type { BackupStatus } from './contract';
import { backupScheduled } from './events';
import { checkBackupFolder } from './folder';
import type { BackupSchedule } from './schedule';

/**
 * An admin's schedule: the folder is checked writable before anything is stored, then the first
 * backup is taken at once. No folder stops the scheduled backups (and the warning of a failing one).
 */
export async function scheduleBackups(ctx: Ctx, schedule: BackupSchedule, input: { folder: string; intervalMinutes: number; keep: number }): Promise<BackupStatus> {
  if (input.folder) checkBackupFolder(input.folder);
  await ctx.write(({ record }) => record(backupScheduled, { ...input, folder: input.folder || null }));
  return schedule.backUpNow();
}
