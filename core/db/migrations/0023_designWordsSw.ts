import { sql, type Kysely } from 'kysely';

// Schema 23: a design's name and QC checklist in Swahili, where the platform publishes them (an
// inspector reading Swahili sees the checklist in Swahili; a design without is read in English).
// Portable SQL: the PostgreSQL upstream runs it as it is (upstream/pg/migrations.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`ALTER TABLE designs ADD COLUMN name_sw TEXT`).execute(db);
  await sql.raw(`ALTER TABLE designs ADD COLUMN qc_checklist_sw TEXT`).execute(db);
}
