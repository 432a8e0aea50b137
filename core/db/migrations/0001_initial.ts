import { sql, type Kysely } from 'kysely';
import { lotStates } from '../schema';

// The first released schema. Migrations never change once released; a later one alters.
export async function up(db: Kysely<unknown>): Promise<void> {
  const stateColumns = lotStates.map((s) => `${s} INTEGER NOT NULL DEFAULT 0 CHECK (${s} >= 0)`).join(',\n  ');
  const balance = lotStates.join(' + ');
  const statements = [
    `CREATE TABLE station (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      code TEXT NOT NULL,
      name TEXT NOT NULL,
      demo INTEGER NOT NULL DEFAULT 0,
      next_lot_number INTEGER NOT NULL DEFAULT 1,
      created_at TEXT NOT NULL)`,
    `CREATE TABLE users (
      id TEXT PRIMARY KEY,
      username TEXT NOT NULL UNIQUE COLLATE NOCASE,
      name TEXT NOT NULL,
      roles TEXT NOT NULL,
      pin_hash TEXT NOT NULL,
      language TEXT NOT NULL DEFAULT 'en',
      disabled INTEGER NOT NULL DEFAULT 0,
      failed_pins INTEGER NOT NULL DEFAULT 0,
      locked_until TEXT)`,
    `CREATE TABLE sessions (
      token TEXT PRIMARY KEY,
      user_id TEXT NOT NULL REFERENCES users(id),
      created_at TEXT NOT NULL,
      last_seen_at TEXT NOT NULL)`,
    `CREATE TABLE artisans (
      id TEXT PRIMARY KEY, name TEXT NOT NULL, phone TEXT NOT NULL, region TEXT NOT NULL, joined_on TEXT NOT NULL)`,
    `CREATE INDEX artisans_name ON artisans(name COLLATE NOCASE)`,
    `CREATE TABLE designs (
      sku TEXT PRIMARY KEY, name TEXT NOT NULL, materials TEXT NOT NULL, finishes TEXT NOT NULL,
      unit_weight_g REAL NOT NULL CHECK (unit_weight_g > 0),
      weight_tolerance_pct REAL NOT NULL CHECK (weight_tolerance_pct >= 0),
      plating_area_cm2 REAL NOT NULL CHECK (plating_area_cm2 >= 0),
      qc_checklist TEXT NOT NULL)`,
    `CREATE TABLE artisan_orders (
      id TEXT PRIMARY KEY,
      artisan_id TEXT NOT NULL REFERENCES artisans(id),
      design_sku TEXT NOT NULL REFERENCES designs(sku),
      finish TEXT NOT NULL,
      quantity INTEGER NOT NULL CHECK (quantity > 0),
      unit_price_kes INTEGER NOT NULL CHECK (unit_price_kes >= 0),
      due_on TEXT NOT NULL,
      status TEXT NOT NULL)`,
    `CREATE INDEX artisan_orders_artisan ON artisan_orders(artisan_id, status)`,
    `CREATE TABLE delivery_notices (
      code TEXT PRIMARY KEY,
      artisan_id TEXT NOT NULL REFERENCES artisans(id),
      sent_at TEXT NOT NULL,
      status TEXT NOT NULL)`,
    `CREATE TABLE delivery_notice_lines (
      notice_code TEXT NOT NULL REFERENCES delivery_notices(code),
      line_no INTEGER NOT NULL,
      artisan_order_id TEXT NOT NULL REFERENCES artisan_orders(id),
      design_sku TEXT NOT NULL REFERENCES designs(sku),
      quantity INTEGER NOT NULL CHECK (quantity > 0),
      PRIMARY KEY (notice_code, line_no))`,
    `CREATE TABLE customer_orders (
      id TEXT PRIMARY KEY, customer TEXT NOT NULL, country TEXT NOT NULL, ship_to TEXT NOT NULL,
      service TEXT NOT NULL, currency TEXT NOT NULL, due_on TEXT NOT NULL, status TEXT NOT NULL)`,
    `CREATE TABLE customer_order_lines (
      order_id TEXT NOT NULL REFERENCES customer_orders(id),
      line_no INTEGER NOT NULL,
      design_sku TEXT NOT NULL REFERENCES designs(sku),
      finish TEXT NOT NULL,
      quantity INTEGER NOT NULL CHECK (quantity > 0),
      unit_price_minor INTEGER NOT NULL CHECK (unit_price_minor >= 0),
      PRIMARY KEY (order_id, line_no))`,
    `CREATE TABLE plating_lines (
      id TEXT PRIMARY KEY, name TEXT NOT NULL, finishes TEXT NOT NULL,
      capacity_dm2 REAL NOT NULL CHECK (capacity_dm2 > 0), max_pieces INTEGER NOT NULL CHECK (max_pieces > 0))`,
    `CREATE TABLE site_stations (code TEXT PRIMARY KEY, name TEXT NOT NULL, desk TEXT NOT NULL)`,
    `CREATE TABLE devices (
      id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, driver TEXT NOT NULL, address TEXT NOT NULL)`,
    // The CHECK makes the store itself refuse any write after which a lot's pieces do not add up.
    `CREATE TABLE lots (
      id TEXT PRIMARY KEY,
      design_sku TEXT NOT NULL REFERENCES designs(sku),
      artisan_id TEXT NOT NULL REFERENCES artisans(id),
      finish TEXT NOT NULL,
      delivery_code TEXT,
      received_qty INTEGER NOT NULL CHECK (received_qty > 0),
      received_weight_g REAL,
      received_at TEXT NOT NULL,
      received_by TEXT NOT NULL,
      station TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      ${stateColumns},
      CHECK (${balance} = received_qty))`,
    `CREATE INDEX lots_received_at ON lots(received_at)`,
    `CREATE INDEX lots_design ON lots(design_sku, received_at)`,
    `CREATE INDEX lots_artisan ON lots(artisan_id, received_at)`,
    `CREATE TABLE events (
      id TEXT PRIMARY KEY,
      station TEXT NOT NULL,
      seq INTEGER NOT NULL,
      type TEXT NOT NULL,
      lot_id TEXT,
      payload TEXT NOT NULL,
      user_id TEXT NOT NULL,
      at TEXT NOT NULL,
      upstream_seq INTEGER,
      UNIQUE (station, seq))`,
    `CREATE INDEX events_lot ON events(lot_id, at) WHERE lot_id IS NOT NULL`,
    `CREATE INDEX events_unsynced ON events(station, seq) WHERE upstream_seq IS NULL`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
