import { handlers } from '../api/handler';
import type { BackupSchedule } from './schedule';
import { scheduleBackups } from './service';

export const backupHandlers = (schedule: BackupSchedule) =>
  handlers({
    'backup.get': async () => schedule.status(),
    'backup.schedule': (input, ctx) => scheduleBackups(ctx, schedule, input),
    'backup.now': () => schedule.backUpNow(),
  });
