import { sql, type Kysely } from 'kysely';

// Schema 8: plating. The physics of the lines (handling, changeovers, the bath's measured
// efficiency), recipes per finish, refinement stations, the shift calendar, the versioned plan
// with its batches, what the line logged, and the metal ledger's weighings.
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `ALTER TABLE plating_lines ADD COLUMN handling_minutes REAL NOT NULL DEFAULT 10 CHECK (handling_minutes >= 0)`,
    `ALTER TABLE plating_lines ADD COLUMN changeover_minutes TEXT NOT NULL DEFAULT '{"default":30}'`,
    `ALTER TABLE plating_lines ADD COLUMN bath_efficiency TEXT NOT NULL DEFAULT '{}'`,
    `CREATE TABLE plating_recipes (
      finish TEXT PRIMARY KEY,
      metal TEXT NOT NULL CHECK (metal IN ('gold', 'silver')),
      base TEXT NOT NULL CHECK (base IN ('brass', 'sterling')),
      thickness_um REAL NOT NULL CHECK (thickness_um > 0),
      current_density REAL NOT NULL CHECK (current_density > 0),
      efficiency REAL NOT NULL CHECK (efficiency > 0 AND efficiency <= 1))`,
    `CREATE TABLE refinement_stations (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      step TEXT NOT NULL CHECK (step IN ('polish', 'tumble', 'clean')),
      capacity_pieces INTEGER NOT NULL CHECK (capacity_pieces > 0),
      minutes_per_load REAL NOT NULL CHECK (minutes_per_load > 0))`,
    `CREATE TABLE plating_calendar (
      id INTEGER PRIMARY KEY CHECK (id = 1), time_zone TEXT NOT NULL, shifts TEXT NOT NULL, closed TEXT NOT NULL)`,
    `CREATE TABLE metal_loss_norms (step TEXT PRIMARY KEY, norm_pct REAL NOT NULL CHECK (norm_pct >= 0))`,
    `CREATE TABLE plating_plan (
      id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL, changed_at TEXT NOT NULL, changed_by TEXT NOT NULL)`,
    `CREATE TABLE plating_batches (
      id TEXT PRIMARY KEY,
      line_id TEXT NOT NULL,
      finish TEXT NOT NULL,
      start_at TEXT NOT NULL,
      end_at TEXT NOT NULL,
      locked INTEGER NOT NULL DEFAULT 0,
      state TEXT NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'running', 'done')),
      started_at TEXT,
      started_by TEXT,
      finished_at TEXT,
      finished_by TEXT,
      gold_used_g REAL,
      expected_metal_g REAL NOT NULL DEFAULT 0)`,
    `CREATE INDEX plating_batches_line ON plating_batches(line_id, start_at)`,
    `CREATE INDEX plating_batches_state ON plating_batches(state, start_at)`,
    `CREATE TABLE plating_batch_items (
      batch_id TEXT NOT NULL REFERENCES plating_batches(id) ON DELETE CASCADE,
      lot_id TEXT NOT NULL,
      pieces INTEGER NOT NULL CHECK (pieces > 0),
      checked INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (batch_id, lot_id))`,
    `CREATE INDEX plating_batch_items_lot ON plating_batch_items(lot_id)`,
    `CREATE TABLE plating_readings (
      id TEXT PRIMARY KEY,
      batch_id TEXT NOT NULL REFERENCES plating_batches(id),
      kind TEXT NOT NULL CHECK (kind IN ('bath', 'xrf')),
      temperature_c REAL,
      current_a REAL,
      minutes REAL,
      sample INTEGER,
      thickness_um REAL,
      at TEXT NOT NULL,
      by TEXT NOT NULL)`,
    `CREATE INDEX plating_readings_batch ON plating_readings(batch_id, at)`,
    `CREATE TABLE metal_weighings (
      id TEXT PRIMARY KEY,
      lot_id TEXT NOT NULL,
      batch_id TEXT,
      step TEXT NOT NULL CHECK (step IN ('refining', 'plating')),
      direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
      pieces INTEGER NOT NULL CHECK (pieces > 0),
      grams REAL NOT NULL CHECK (grams > 0),
      at TEXT NOT NULL,
      by TEXT NOT NULL)`,
    `CREATE INDEX metal_weighings_lot ON metal_weighings(lot_id, step)`,
    // The plating office reads the lots in refining: a few hundred among millions.
    `CREATE INDEX lots_refining ON lots(id) WHERE refining > 0`,
    // A plan recomputed after a sync reads its events out of millions (core/plating/rebuild.ts
    // asks with the same literal list, so that SQLite can use this partial index).
    `CREATE INDEX events_plan ON events(upstream_seq) WHERE type IN ('plating.planPublished', 'plating.batchMoved', 'plating.batchLocked', 'plating.batchStarted')`,
    `CREATE TABLE refinement_progress (
      lot_id TEXT NOT NULL, step TEXT NOT NULL, pieces INTEGER NOT NULL CHECK (pieces >= 0), PRIMARY KEY (lot_id, step))`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
