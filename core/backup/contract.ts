import { z } from 'zod';
import { none, procedure } from '../api/procedure';
import { admins } from '../api/roles';
import { limits } from '../numbers/limits';
import { numberIn } from '../numbers/schema';

// The backup part of the contract (listed in core/featureContracts.ts), and what the status bar learns.

const failure = z.object({ code: z.string(), message: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) });

export const backupStatus = z.object({
  /** null: no folder chosen, no scheduled backups. */
  folder: z.string().nullable(),
  intervalMinutes: z.number(),
  keep: z.number(),
  lastSuccess: z.object({ at: z.string(), file: z.string(), bytes: z.number() }).nullable(),
  lastFailure: z.object({ at: z.string(), error: failure }).nullable(),
  /** The last backup failed: a warning until one succeeds. */
  failing: z.boolean(),
});

export type BackupStatus = z.output<typeof backupStatus>;

export const backupSchedule = z
  .object({
    /** Empty: no more scheduled backups. */
    folder: z.string().trim().max(500),
    intervalMinutes: numberIn(limits.backupIntervalMinutes),
    keep: numberIn(limits.backupKeep),
  })
  .strict();

export const backupProcedures = {
  'backup.get': procedure(none, backupStatus, admins),
  'backup.schedule': procedure(backupSchedule, backupStatus, admins),
  'backup.now': procedure(none, backupStatus, admins),
} as const;
