import { sql, type Kysely } from 'kysely';

// Schema 11: the runs a lot's pieces went with (a batch that started, a box that shipped), once
// each. A row goes with the lot (ON DELETE CASCADE), so sync recomputes it with the lot: when two
// stations started one batch or shipped one box while apart, the pieces move with the first only.
// And which event shipped a box, so that a pack replayed later knows whether it came before it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE lot_runs (
      lot_id TEXT NOT NULL REFERENCES lots(id) ON DELETE CASCADE,
      run TEXT NOT NULL,
      PRIMARY KEY (lot_id, run))`.execute(db);
  await sql`ALTER TABLE boxes ADD COLUMN shipped_event TEXT`.execute(db);
}
