import { sql, type Kysely } from 'kysely';

// Which hub speaks for a station it relays. The cloud cannot see a hub's enrollments, so a station
// code is bound to the first hub that relays an event of it; afterwards only that hub may (upstream/authority.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`CREATE TABLE upstream_relayed (code TEXT PRIMARY KEY, hub TEXT NOT NULL, bound_at TEXT NOT NULL)`).execute(db);
}
