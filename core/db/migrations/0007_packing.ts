import { sql, type Kysely } from 'kysely';

// Schema 7: the packing table. Where finished lots wait (bins), the allocations a supervisor fixed
// by hand, the boxes of a customer order and what went into each, the packaging each box type
// weighs, and the carriers' own labels that arrive through upstream.
//
// Rows that belong to one lot (its bin, its pinned allocations, its pieces in boxes) go with the
// lot row (ON DELETE CASCADE): when sync recomputes a lot from its events (core/sync/apply.ts),
// they are rebuilt by the same replay, so a piece is never counted in a box twice.
export function packingStatements(text = 'TEXT', real = 'REAL'): string[] {
  return [
    `CREATE TABLE lot_bins (
      lot_id ${text} PRIMARY KEY REFERENCES lots(id) ON DELETE CASCADE,
      bin ${text} NOT NULL,
      put_by ${text} NOT NULL,
      put_at ${text} NOT NULL)`,
    `CREATE INDEX lot_bins_bin ON lot_bins (bin)`,
    `CREATE TABLE allocation_pins (
      lot_id ${text} NOT NULL REFERENCES lots(id) ON DELETE CASCADE,
      order_id ${text} NOT NULL,
      line_no INTEGER NOT NULL,
      quantity INTEGER NOT NULL CHECK (quantity > 0),
      reason ${text} NOT NULL,
      set_by ${text} NOT NULL,
      set_at ${text} NOT NULL,
      PRIMARY KEY (lot_id, order_id, line_no),
      FOREIGN KEY (order_id, line_no) REFERENCES customer_order_lines (order_id, line_no))`,
    `CREATE INDEX allocation_pins_line ON allocation_pins (order_id, line_no)`,
    `CREATE TABLE box_types (
      code ${text} PRIMARY KEY,
      name ${text} NOT NULL,
      packaging_g ${real} NOT NULL CHECK (packaging_g >= 0),
      tolerance_g ${real} NOT NULL CHECK (tolerance_g >= 0))`,
    `INSERT INTO box_types (code, name, packaging_g, tolerance_g) VALUES
      ('mailer', 'Padded mailer', 40, 10), ('small', 'Small box', 120, 15), ('medium', 'Medium box', 250, 25), ('large', 'Large box', 450, 40)`,
    `CREATE TABLE boxes (
      id ${text} PRIMARY KEY,
      order_id ${text} NOT NULL REFERENCES customer_orders(id),
      box_type ${text} NOT NULL REFERENCES box_types(code),
      status ${text} NOT NULL CHECK (status IN ('open', 'shipped')),
      opened_by ${text} NOT NULL,
      opened_at ${text} NOT NULL,
      station ${text} NOT NULL,
      service ${text},
      tracking_number ${text},
      weight_g ${real},
      shipped_by ${text},
      shipped_at ${text})`,
    `CREATE INDEX boxes_order ON boxes (order_id, opened_at)`,
    `CREATE TABLE packed_items (
      id ${text} PRIMARY KEY,
      box_id ${text} NOT NULL REFERENCES boxes(id),
      order_id ${text} NOT NULL,
      line_no INTEGER NOT NULL,
      lot_id ${text} NOT NULL REFERENCES lots(id) ON DELETE CASCADE,
      quantity INTEGER NOT NULL CHECK (quantity > 0),
      packed_by ${text} NOT NULL,
      packed_at ${text} NOT NULL,
      FOREIGN KEY (order_id, line_no) REFERENCES customer_order_lines (order_id, line_no))`,
    `CREATE INDEX packed_items_line ON packed_items (order_id, line_no)`,
    `CREATE INDEX packed_items_box ON packed_items (box_id)`,
    `CREATE INDEX packed_items_lot ON packed_items (lot_id)`,
    `CREATE TABLE carrier_labels (
      tracking_number ${text} PRIMARY KEY,
      order_id ${text} NOT NULL REFERENCES customer_orders(id),
      carrier ${text} NOT NULL,
      service ${text} NOT NULL,
      zpl ${text} NOT NULL,
      box_id ${text})`,
    `CREATE INDEX carrier_labels_order ON carrier_labels (order_id)`,
    // The pick list: finished stock of one design and finish, and the open lines that want it.
    `CREATE INDEX lots_finished_stock ON lots (design_sku, finish, id) WHERE finished > 0`,
    `CREATE INDEX customer_order_lines_item ON customer_order_lines (design_sku, finish)`,
    `CREATE INDEX customer_orders_to_ship ON customer_orders (due_on, id) WHERE status != 'shipped'`,
  ];
}

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of packingStatements()) await sql.raw(statement).execute(db);
}
