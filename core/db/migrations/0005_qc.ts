import { sql, type Kysely } from 'kysely';

// Schema 5: the QC bench. Settings (company defaults, per design, the defect catalogue), each
// inspection with its logged entries, the decision on each QC round of a lot, and the switching
// state per artisan and design. lots.qc_round counts a lot's decisions: being on the lot row, it is
// recomputed with the lot after a pull, so a second decision on the same round is refused everywhere.
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `ALTER TABLE lots ADD COLUMN qc_round INTEGER NOT NULL DEFAULT 0`,
    // The QC bench's list of lots waiting, newest first, without reading the lots that left QC long ago.
    `CREATE INDEX lots_waiting_qc ON lots(received_at) WHERE in_qc > 0`,
    `CREATE TABLE qc_settings (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      major_aql REAL NOT NULL, minor_aql REAL NOT NULL,
      level TEXT NOT NULL, first_lots INTEGER NOT NULL CHECK (first_lots >= 0))`,
    `CREATE TABLE qc_design_settings (
      design_sku TEXT PRIMARY KEY,
      major_aql REAL, minor_aql REAL, level TEXT,
      length_mm REAL, length_tolerance_mm REAL, image_url TEXT)`,
    `CREATE TABLE qc_defect_codes (
      code TEXT PRIMARY KEY,
      material TEXT NOT NULL,
      class TEXT NOT NULL CHECK (class IN ('critical', 'major', 'minor')),
      name_en TEXT NOT NULL, name_sw TEXT NOT NULL,
      key TEXT NOT NULL,
      active INTEGER NOT NULL DEFAULT 1)`,
    `CREATE TABLE qc_inspections (
      id TEXT PRIMARY KEY,
      lot_id TEXT NOT NULL,
      round INTEGER NOT NULL,
      lot_size INTEGER NOT NULL,
      mode TEXT NOT NULL,
      plan TEXT NOT NULL,
      started_at TEXT NOT NULL,
      started_by TEXT NOT NULL,
      station TEXT NOT NULL)`,
    `CREATE INDEX qc_inspections_lot ON qc_inspections(lot_id, round)`,
    `CREATE TABLE qc_entries (
      id TEXT PRIMARY KEY,
      inspection_id TEXT NOT NULL,
      piece INTEGER NOT NULL CHECK (piece >= 1),
      code TEXT,
      class TEXT CHECK (class IN ('critical', 'major', 'minor')),
      measure TEXT CHECK (measure IN ('weight', 'length')),
      value REAL,
      at TEXT NOT NULL,
      user_id TEXT NOT NULL,
      removed INTEGER NOT NULL DEFAULT 0)`,
    `CREATE INDEX qc_entries_inspection ON qc_entries(inspection_id)`,
    // A webcam photo of a sampled piece: a small JPEG (base64), kept with the inspection.
    `CREATE TABLE qc_photos (
      id TEXT PRIMARY KEY,
      inspection_id TEXT NOT NULL,
      piece INTEGER NOT NULL CHECK (piece >= 1),
      jpeg TEXT NOT NULL,
      at TEXT NOT NULL,
      user_id TEXT NOT NULL)`,
    `CREATE INDEX qc_photos_inspection ON qc_photos(inspection_id)`,
    `CREATE TABLE qc_decisions (
      lot_id TEXT NOT NULL,
      round INTEGER NOT NULL,
      inspection_id TEXT NOT NULL,
      event_id TEXT NOT NULL,
      artisan_id TEXT NOT NULL,
      design_sku TEXT NOT NULL,
      at TEXT NOT NULL,
      user_id TEXT NOT NULL,
      verdict TEXT NOT NULL CHECK (verdict IN ('accept', 'reject')),
      computed TEXT NOT NULL CHECK (computed IN ('accept', 'reject')),
      override_reason TEXT,
      disposition TEXT NOT NULL CHECK (disposition IN ('refining', 'return', 'sort', 'rework')),
      quantity INTEGER NOT NULL,
      sample_size INTEGER NOT NULL,
      mode TEXT NOT NULL,
      critical INTEGER NOT NULL, major INTEGER NOT NULL, minor INTEGER NOT NULL,
      switching TEXT NOT NULL,
      sorted_good INTEGER, sorted_bad INTEGER, bad_to TEXT, sort_event_id TEXT, sorted_at TEXT,
      PRIMARY KEY (lot_id, round))`,
    `CREATE INDEX qc_decisions_artisan ON qc_decisions(artisan_id, at)`,
    `CREATE INDEX qc_decisions_switching ON qc_decisions(artisan_id, design_sku, at)`,
    `CREATE INDEX qc_decisions_at ON qc_decisions(at)`,
    `CREATE TABLE qc_switching_actions (
      id TEXT PRIMARY KEY,
      artisan_id TEXT NOT NULL, design_sku TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('approveReduced', 'restart')),
      reason TEXT, at TEXT NOT NULL, user_id TEXT NOT NULL)`,
    `CREATE INDEX qc_switching_actions_pair ON qc_switching_actions(artisan_id, design_sku, at)`,
    `CREATE TABLE qc_switching (
      artisan_id TEXT NOT NULL, design_sku TEXT NOT NULL,
      state TEXT NOT NULL, mode TEXT NOT NULL, updated_at TEXT NOT NULL,
      PRIMARY KEY (artisan_id, design_sku))`,
    `CREATE INDEX qc_switching_mode ON qc_switching(mode)`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
