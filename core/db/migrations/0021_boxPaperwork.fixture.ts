import { expect } from 'vitest';
import { boxScope } from '../../packing/rebuild';
import { inScope } from '../../sync/scope';
import { exec, queryPlan, refusedBy, type Fixture } from './fixture';

// Schema 21 (box paperwork): a box shipped before has no SSCC and no override; the GS1 prefix is
// one row; a box's events, overrides included, are found through the index.
export const fixture: Fixture = {
  dataBefore: [
    `INSERT INTO customer_orders VALUES ('CO-26-4001', 'Kifaru Boutique', 'DE', '{}', 'DHL', 'EUR', '2026-04-01', 'shipped')`,
    `INSERT INTO boxes (id, order_id, box_type, status, opened_by, opened_at, station, shipped_event) VALUES ('B1', 'CO-26-4001', 'small', 'shipped', 'u1', '2026-03-01T08:00:00Z', 'K1', 'e1')`,
  ],
  async check(db) {
    expect(await db.selectFrom('boxes').select(['id', 'status', 'shipped_event', 'sscc', 'sscc_serial', 'override_reason']).execute()).toEqual([
      { id: 'B1', status: 'shipped', shipped_event: 'e1', sscc: null, sscc_serial: null, override_reason: null },
    ]);
    await exec(db, `INSERT INTO packing_settings (id, gs1_prefix) VALUES (1, '6164004')`);
    expect(await refusedBy(db, `INSERT INTO packing_settings (id, gs1_prefix) VALUES (2, '6164005')`)).toMatch(/CHECK/);
    expect(await queryPlan(db, db.selectFrom('events').select('id').where(inScope(boxScope, 'X-1')).compile())).toContain('USING INDEX events_box');
  },
};
