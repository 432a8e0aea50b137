import path from 'node:path';
import { toErrorBody } from '../kernel/errors';
import type { Db } from '../db/schema';
import type { StationLog } from '../logs/stationLog';
import { takeBackup } from './backup';
import type { BackupStatus } from './contract';
import { explainBackupFailure } from './folder';
import { backupName, ownBackups, rotateBackups } from './rotation';

interface Settings {
  code: string;
  folder: string | null;
  intervalMinutes: number;
  keep: number;
}

export interface BackupScheduleOptions {
  now: () => Date;
  /** A backup ended (either way): the status bar should learn it. */
  changed: () => void;
  /** One line per backup, in the station's log. */
  log?: Pick<StationLog, 'info' | 'warn'>;
}

/**
 * The station's own backups into the folder an admin chose: every interval, at once when the
 * schedule is saved or asked for, and once more at quit (close), each checked as `hq backup`
 * checks, then the oldest of this station's beyond `keep` deleted. One backup at a time.
 */
export class BackupSchedule {
  private settings: Settings = { code: '', folder: null, intervalMinutes: 60, keep: 10 };
  private lastSuccess: BackupStatus['lastSuccess'] = null;
  private lastFailure: BackupStatus['lastFailure'] = null;
  /** The last backup tried failed (not told by the times: a clock set back must not hide a failure). */
  private failing = false;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly storeFile: string,
    private readonly options: BackupScheduleOptions,
  ) {}

  /** Reads the schedule and learns the last backup from the folder itself (they outlive a restart). */
  async start(): Promise<void> {
    await this.readSettings();
    const newest = this.settings.folder ? this.newestInFolder() : null;
    if (newest) this.lastSuccess = newest;
    this.plan();
  }

  status(): BackupStatus {
    const { folder, intervalMinutes, keep } = this.settings;
    return { folder, intervalMinutes, keep, lastSuccess: this.lastSuccess, lastFailure: this.lastFailure, failing: this.failing };
  }

  /** A backup now (the schedule just changed, or an admin asked), then the next after an interval. */
  async backUpNow(): Promise<BackupStatus> {
    await this.readSettings();
    await this.backUp();
    this.plan();
    return this.status();
  }

  /** At quit: one last backup, so the folder holds the day's work up to the end. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await this.readSettings();
    await this.backUp();
  }

  private async readSettings(): Promise<void> {
    const row = await this.db.selectFrom('station').select(['code', 'backup_folder', 'backup_interval_minutes', 'backup_keep']).executeTakeFirst();
    if (!row) return;
    this.settings = { code: row.code, folder: row.backup_folder, intervalMinutes: row.backup_interval_minutes, keep: row.backup_keep };
    if (!row.backup_folder) this.failing = false;
  }

  private newestInFolder(): BackupStatus['lastSuccess'] {
    try {
      const [newest] = ownBackups(this.settings.folder!, this.settings.code);
      return newest ? { at: new Date(newest.modifiedMs).toISOString(), file: newest.file, bytes: newest.bytes } : null;
    } catch {
      return null;
    }
  }

  /** The next backup an interval after the last try, whichever way it went (a failing folder is tried again, not hammered). */
  private plan(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.closed || !this.settings.folder) return;
    const last = [this.lastSuccess?.at, this.lastFailure?.at].filter((at): at is string => !!at).sort().pop();
    const due = last ? Date.parse(last) + this.settings.intervalMinutes * 60_000 : 0;
    this.timer = setTimeout(() => void this.backUpNow(), Math.max(0, due - this.options.now().getTime()));
    this.timer.unref();
  }

  private backUp(): Promise<void> {
    this.running ??= this.writeOne().finally(() => (this.running = null));
    return this.running;
  }

  private async writeOne(): Promise<void> {
    const { code, folder, keep } = this.settings;
    if (!folder) return;
    const at = this.options.now();
    try {
      const report = await takeBackup(this.storeFile, path.join(folder, backupName(code, at)));
      const deleted = rotateBackups(folder, code, keep);
      this.lastSuccess = { at: at.toISOString(), file: report.file, bytes: report.bytes };
      this.failing = false;
      this.options.log?.info('backup', `backed up ${report.events} events to ${report.file} (${report.bytes} bytes) in ${report.ms} ms; ${deleted.length} older deleted`);
    } catch (error) {
      const reason = explainBackupFailure(folder, error);
      this.lastFailure = { at: at.toISOString(), error: toErrorBody(reason) };
      this.failing = true;
      this.options.log?.warn('backup', `a backup into ${folder} failed: ${reason.message}`, { code: reason.code });
    }
    this.options.changed();
  }
}
