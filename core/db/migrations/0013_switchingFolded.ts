import { sql, type Kysely } from 'kysely';

// Schema 13: the last step (a QC decision or a supervisor's action, by time then id) folded into a
// pair's switching state. A decision made after it is folded onto the state as kept, instead of
// the pair's whole history being folded again. Empty for pairs folded before: their next step
// folds the history once, and fills it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE qc_switching ADD COLUMN folded_at TEXT`.execute(db);
  await sql`ALTER TABLE qc_switching ADD COLUMN folded_id TEXT`.execute(db);
}
