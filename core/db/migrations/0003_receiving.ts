import { sql, type Kysely } from 'kysely';

// The receiving desk: which artisan order a lot fills (what the artisan is paid for), which
// notice line it received (so a line is never received twice), who finished a delivery, and
// the print queue that lot labels and receipts wait in until a printer takes them.
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `ALTER TABLE lots ADD COLUMN artisan_order_id TEXT REFERENCES artisan_orders(id)`,
    // The Lots screen filtered by artisan and sorted by lot id (an artisan's history) walks this index.
    `CREATE INDEX lots_artisan_id ON lots(artisan_id, id)`,
    `CREATE INDEX lots_delivery ON lots(delivery_code) WHERE delivery_code IS NOT NULL`,
    `ALTER TABLE delivery_notice_lines ADD COLUMN received_lot_id TEXT`,
    `ALTER TABLE delivery_notices ADD COLUMN received_by TEXT`,
    `ALTER TABLE delivery_notices ADD COLUMN received_at TEXT`,
    `CREATE INDEX delivery_notices_artisan ON delivery_notices(artisan_id, sent_at)`,
    `CREATE TABLE print_jobs (
      id TEXT PRIMARY KEY,
      template TEXT NOT NULL,
      printer TEXT NOT NULL CHECK (printer IN ('label', 'receipt', 'shipping')),
      data TEXT NOT NULL,
      lot_id TEXT,
      state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'confirmed', 'failed')),
      attempts INTEGER NOT NULL DEFAULT 0,
      station TEXT NOT NULL,
      created_by TEXT NOT NULL,
      created_at TEXT NOT NULL)`,
    `CREATE INDEX print_jobs_waiting ON print_jobs(station, created_at) WHERE state IN ('queued', 'failed')`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
