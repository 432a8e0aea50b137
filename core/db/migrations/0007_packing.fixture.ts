import { expect } from 'vitest';
import { exec, refusedBy, zeroStates, type Fixture } from './fixture';
import { lotStates } from '../schema';

// Schema 7 (packing): what a store of schema 6 holds (a customer order, a finished lot), and what
// this migration must add: bins, pinned allocations, box types with their packaging, boxes, the
// pieces in them, the carriers' labels.
export const fixture: Fixture = {
  dataBefore: [
    `INSERT INTO artisans VALUES ('A-00001', 'Nyaboke Omari', '+254711111111', 'Kisii', '2024-01-10')`,
    `INSERT INTO designs VALUES ('BR-CUF-001', 'Maasai Spiral Cuff', '["brass"]', '["polished"]', 38, 4, 42, '[]')`,
    `INSERT INTO customer_orders VALUES ('CO-26-4001', 'Kifaru Boutique', 'DE', '{"city":"Berlin"}', 'DHL Express Worldwide', 'EUR', '2026-04-01', 'open')`,
    `INSERT INTO customer_order_lines VALUES ('CO-26-4001', 1, 'BR-CUF-001', 'polished', 10, 5850)`,
    `INSERT INTO lots (id, design_sku, artisan_id, finish, delivery_code, received_qty, received_weight_g, received_at, received_by, station, updated_at, ${lotStates.join(', ')})
     VALUES ('L-26-R1-000001', 'BR-CUF-001', 'A-00001', 'polished', NULL, 40, 1520, '2026-03-01T08:00:00Z', 'u1', 'R1', '2026-03-01T08:00:00Z', ${zeroStates({ finished: 30, packed: 10 })})`,
  ],
  async check(db) {
    expect(await db.selectFrom('customer_orders').select(['id', 'status']).execute()).toEqual([{ id: 'CO-26-4001', status: 'open' }]);
    expect(await db.selectFrom('lots').select(['id', 'finished', 'packed']).execute()).toEqual([{ id: 'L-26-R1-000001', finished: 30, packed: 10 }]);
    expect(await db.selectFrom('box_types').select(['code', 'packaging_g']).orderBy('packaging_g').execute()).toEqual([
      { code: 'mailer', packaging_g: 40 },
      { code: 'small', packaging_g: 120 },
      { code: 'medium', packaging_g: 250 },
      { code: 'large', packaging_g: 450 },
    ]);
    await exec(db, `INSERT INTO lot_bins VALUES ('L-26-R1-000001', 'BIN-A01', 'u1', 'now')`);
    await exec(db, `INSERT INTO boxes (id, order_id, box_type, status, opened_by, opened_at, station) VALUES ('b1', 'CO-26-4001', 'small', 'open', 'u1', 'now', 'K1')`);
    await exec(db, `INSERT INTO packed_items VALUES ('p1', 'b1', 'CO-26-4001', 1, 'L-26-R1-000001', 10, 'u1', 'now')`);
    await exec(db, `INSERT INTO allocation_pins VALUES ('L-26-R1-000001', 'CO-26-4001', 1, 5, 'VIP customer', 'u1', 'now')`);
    // A box is open or shipped, of a known type; pieces go to a real order line.
    expect(await refusedBy(db, `UPDATE boxes SET status = 'lost' WHERE id = 'b1'`)).toMatch(/CHECK/);
    expect(await refusedBy(db, `INSERT INTO boxes (id, order_id, box_type, status, opened_by, opened_at, station) VALUES ('b2', 'CO-26-4001', 'crate', 'open', 'u1', 'now', 'K1')`)).toMatch(/FOREIGN KEY/);
    expect(await refusedBy(db, `INSERT INTO packed_items VALUES ('p2', 'b1', 'CO-26-4001', 9, 'L-26-R1-000001', 1, 'u1', 'now')`)).toMatch(/FOREIGN KEY/);
    expect(await refusedBy(db, `INSERT INTO packed_items VALUES ('p3', 'b1', 'CO-26-4001', 1, 'L-26-R1-000001', 0, 'u1', 'now')`)).toMatch(/CHECK/);
    // What belongs to a lot goes with it when sync recomputes the lot from its events.
    await exec(db, `DELETE FROM lots WHERE id = 'L-26-R1-000001'`);
    expect(await db.selectFrom('packed_items').select('id').execute()).toEqual([]);
    expect(await db.selectFrom('lot_bins').select('lot_id').execute()).toEqual([]);
    expect(await db.selectFrom('allocation_pins').select('lot_id').execute()).toEqual([]);
    expect(await db.selectFrom('boxes').select('id').execute()).toEqual([{ id: 'b1' }]);
  },
};
