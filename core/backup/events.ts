import { z } from 'zod';
import { admins } from '../api/roles';
import { defineEvent } from '../events/define';

// Where this station backs itself up is its own set-up, as its devices are: applied only there.
// No folder: no scheduled backups.
export const backupScheduled = defineEvent({
  type: 'station.backupScheduled',
  payload: z.object({ folder: z.string().nullable(), intervalMinutes: z.number().int().positive(), keep: z.number().int().positive() }),
  lotId: () => null,
  authority: { by: 'person', roles: admins },
  ownStationOnly: true,
  async apply(trx, p) {
    await trx.updateTable('station').set({ backup_folder: p.folder, backup_interval_minutes: p.intervalMinutes, backup_keep: p.keep }).execute();
  },
});
