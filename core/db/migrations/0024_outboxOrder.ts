import { sql, type Kysely } from 'kysely';

// Schema 24: a station's unsent events in the order it made them, from an index. The outbox asks
// for them by rowid; the index on (station, seq) cannot give that order, so SQLite read the whole
// log from its first row at every push (seconds on a store of millions of events, in every sync
// round while anything waited). An index on `local` alone holds its rows in rowid order. A
// station's own: the PostgreSQL upstream pushes nothing (upstream/pg/migrations.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX events_outbox_made ON events(local) WHERE local = 1 AND upstream_seq IS NULL`.execute(db);
}
