import { sql, type Kysely } from 'kysely';

// Schema 6: printing. Which printer does which job at this station (with its language, dpi, media,
// offsets and darkness), and the print queue's delivery record: a job is rebuilt with the states
// a person must tell apart (an outcome that is unknown, a cancelled job) and what went out.
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `CREATE TABLE printer_setups (
      job TEXT PRIMARY KEY CHECK (job IN ('label', 'receipt', 'shipping')),
      device_id TEXT NOT NULL,
      language TEXT NOT NULL CHECK (language IN ('zpl', 'escpos')),
      dpi INTEGER NOT NULL CHECK (dpi IN (203, 300)),
      width_mm REAL,
      height_mm REAL,
      offset_x_mm REAL NOT NULL DEFAULT 0,
      offset_y_mm REAL NOT NULL DEFAULT 0,
      darkness INTEGER CHECK (darkness BETWEEN 0 AND 30))`,
    `CREATE TABLE print_jobs_6 (
      id TEXT PRIMARY KEY,
      template TEXT NOT NULL,
      printer TEXT NOT NULL CHECK (printer IN ('label', 'receipt', 'shipping')),
      data TEXT NOT NULL,
      lot_id TEXT,
      state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'confirmed', 'failed', 'unknown', 'cancelled')),
      attempts INTEGER NOT NULL DEFAULT 0,
      station TEXT NOT NULL,
      created_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      reprint_of TEXT,
      reprinted_as TEXT,
      device_id TEXT,
      bytes_hash TEXT,
      last_error TEXT,
      next_attempt_at TEXT,
      sent_at TEXT,
      settled_at TEXT,
      settled_by TEXT)`,
    `INSERT INTO print_jobs_6 (id, template, printer, data, lot_id, state, attempts, station, created_by, created_at)
      SELECT id, template, printer, data, lot_id, state, attempts, station, created_by, created_at FROM print_jobs`,
    `DROP TABLE print_jobs`,
    `ALTER TABLE print_jobs_6 RENAME TO print_jobs`,
    `CREATE INDEX print_jobs_waiting ON print_jobs(station, created_at) WHERE state IN ('queued', 'failed')`,
    `CREATE INDEX print_jobs_recent ON print_jobs(created_at)`,
    // The queue screen's "open" and "attention" lists and the status bar's banner: a few rows among millions.
    `CREATE INDEX print_jobs_open ON print_jobs(created_at) WHERE state IN ('queued', 'failed', 'unknown')`,
    `CREATE INDEX print_jobs_lot ON print_jobs(lot_id) WHERE lot_id IS NOT NULL`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
