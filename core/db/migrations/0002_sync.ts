import { sql, type Kysely } from 'kysely';

// Sync: an event's status on this store, the station's link to its upstream, the list of what
// needs a supervisor's attention, and (on a store serving as upstream) its enrolled stations.
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    // applied: in the projections; rejected: refused upstream, its effect undone; held: of a type this version does not know yet.
    `ALTER TABLE events ADD COLUMN status TEXT NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'rejected', 'held'))`,
    // local: made on this store (and so this store's to push); 0 for events that came from upstream.
    `ALTER TABLE events ADD COLUMN local INTEGER NOT NULL DEFAULT 1 CHECK (local IN (0, 1))`,
    `CREATE INDEX events_outbox ON events(station, seq) WHERE local = 1 AND upstream_seq IS NULL`,
    `CREATE UNIQUE INDEX events_upstream_order ON events(upstream_seq) WHERE upstream_seq IS NOT NULL`,
    `CREATE TABLE sync_state (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      upstream_url TEXT NOT NULL,
      upstream_id TEXT NOT NULL,
      token TEXT NOT NULL,
      cursor INTEGER NOT NULL DEFAULT 0,
      enrolled_at TEXT NOT NULL,
      last_success_at TEXT,
      last_error TEXT,
      last_error_at TEXT,
      clock_offset_ms INTEGER)`,
    `CREATE TABLE sync_attention (
      event_id TEXT PRIMARY KEY REFERENCES events(id),
      kind TEXT NOT NULL CHECK (kind IN ('rejected', 'conflict')),
      reason TEXT NOT NULL,
      params TEXT NOT NULL,
      current TEXT,
      at TEXT NOT NULL,
      resolved_by TEXT,
      resolved_at TEXT,
      resolution TEXT)`,
    `CREATE TABLE upstream_meta (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      upstream_id TEXT NOT NULL,
      demo INTEGER NOT NULL,
      created_at TEXT NOT NULL)`,
    `CREATE TABLE upstream_stations (
      code TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      token_hash TEXT NOT NULL UNIQUE,
      enrolled_at TEXT NOT NULL,
      revoked_at TEXT,
      last_seen_at TEXT)`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
