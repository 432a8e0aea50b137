import { sql, type Kysely } from 'kysely';

// Schema 22: where and how often this station backs itself up (an admin's setting, core/backup/schedule.ts):
// a folder on this PC (a USB drive, a LAN share), minutes between backups and how many to keep.
// No folder: no scheduled backups.
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `ALTER TABLE station ADD COLUMN backup_folder TEXT`,
    `ALTER TABLE station ADD COLUMN backup_interval_minutes INTEGER NOT NULL DEFAULT 60`,
    `ALTER TABLE station ADD COLUMN backup_keep INTEGER NOT NULL DEFAULT 10`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
