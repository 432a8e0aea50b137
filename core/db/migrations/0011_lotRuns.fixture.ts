import { expect } from 'vitest';
import { exec, refusedBy, type Fixture } from './fixture';

// Schema 11 (lot runs): a lot goes with a batch once; the row goes with the lot. A box shipped
// before knows no shipping event.
export const fixture: Fixture = {
  dataBefore: [
    `INSERT INTO artisans VALUES ('A-00001', 'Nyaboke Omari', '+254711111111', 'Kisii', '2024-01-10')`,
    `INSERT INTO designs VALUES ('BR-CUF-001', 'Maasai Spiral Cuff', '["brass"]', '["polished"]', 38, 4, 42, '[]')`,
    `INSERT INTO lots (id, design_sku, artisan_id, finish, delivery_code, received_qty, received_weight_g, received_at, received_by, station, updated_at, refining)
     VALUES ('L-26-R1-000001', 'BR-CUF-001', 'A-00001', 'polished', NULL, 40, NULL, '2026-03-01T08:00:00Z', 'u1', 'R1', '2026-03-01T08:00:00Z', 40)`,
    `INSERT INTO customer_orders VALUES ('CO-26-4001', 'Kifaru Boutique', 'DE', '{}', 'DHL', 'EUR', '2026-04-01', 'shipped')`,
    `INSERT INTO boxes (id, order_id, box_type, status, opened_by, opened_at, station) VALUES ('B1', 'CO-26-4001', 'small', 'shipped', 'u1', '2026-03-01T08:00:00Z', 'K1')`,
  ],
  async check(db) {
    await exec(db, `INSERT INTO lot_runs VALUES ('L-26-R1-000001', 'batch:PB-1')`);
    expect(await refusedBy(db, `INSERT INTO lot_runs VALUES ('L-26-R1-000001', 'batch:PB-1')`)).toMatch(/UNIQUE|PRIMARY/);
    expect(await refusedBy(db, `INSERT INTO lot_runs VALUES ('L-26-R1-000009', 'batch:PB-1')`)).toMatch(/FOREIGN KEY/);
    await exec(db, `DELETE FROM lots`);
    expect(await db.selectFrom('lot_runs').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('boxes').select(['id', 'status', 'shipped_event']).execute()).toEqual([{ id: 'B1', status: 'shipped', shipped_event: null }]);
  },
};
