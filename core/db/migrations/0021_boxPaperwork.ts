import { sql, type Kysely } from 'kysely';

// Schema 21: a box's SSCC (and the shipping station's serial behind it, so none is given twice), a
// supervisor's override of its weight, and the company's GS1 prefix for SSCCs. The override is a
// fact of the box, recomputed with it (core/packing/rebuild.ts), so the index a box's recompute
// reads its events through lists its type too.
export async function up(db: Kysely<unknown>): Promise<void> {
  await addBoxPaperwork(db);
  await sql`DROP INDEX events_box`.execute(db);
  await sql`CREATE INDEX events_box ON events(json_extract(payload, '$.boxId')) WHERE type IN ('packing.boxOpened', 'packing.weightOverridden', 'packing.shipped')`.execute(db);
}

/** The part the PostgreSQL upstream runs too (its events have no such index). */
export async function addBoxPaperwork(db: Kysely<unknown>): Promise<void> {
  const columns = ['sscc TEXT', 'sscc_station TEXT', 'sscc_serial INTEGER', 'override_reason TEXT', 'override_by TEXT', 'override_at TEXT'];
  for (const column of columns) await sql.raw(`ALTER TABLE boxes ADD COLUMN ${column}`).execute(db);
  await sql.raw(`CREATE INDEX boxes_sscc ON boxes (sscc)`).execute(db);
  await sql.raw(`CREATE INDEX boxes_sscc_serial ON boxes (sscc_station, sscc_serial)`).execute(db);
  await sql.raw(`CREATE TABLE packing_settings (id INTEGER PRIMARY KEY CHECK (id = 1), gs1_prefix TEXT NOT NULL)`).execute(db);
}
