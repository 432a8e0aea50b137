import { sql, type Kysely } from 'kysely';

// Schema 18: how long a session may sit unused at this station before it ends (an admin's setting;
// a shop-floor PC is shared, so half an hour unless told otherwise).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`ALTER TABLE station ADD COLUMN session_idle_minutes INTEGER NOT NULL DEFAULT 30`).execute(db);
}
