import { expect } from 'vitest';
import { exec, refusedBy, type Fixture } from './fixture';

// Schema 12 (plating checks): a done batch whose lot was checked before keeps its count and lists
// no check; a check names a real batch, once, and goes with it.
export const fixture: Fixture = {
  dataBefore: [
    `INSERT INTO plating_batches (id, line_id, finish, start_at, end_at, state) VALUES ('PB-1', 'LINE-A', 'gold-1.0', '2026-03-02T06:00:00Z', '2026-03-02T06:40:00Z', 'done')`,
    `INSERT INTO plating_batch_items (batch_id, lot_id, pieces, checked) VALUES ('PB-1', 'L-26-R1-000001', 20, 20)`,
  ],
  async check(db) {
    expect(await db.selectFrom('plating_batch_items').select(['batch_id', 'checked']).execute()).toEqual([{ batch_id: 'PB-1', checked: 20 }]);
    expect(await db.selectFrom('plating_checks').selectAll().execute()).toEqual([]);
    await exec(db, `INSERT INTO plating_checks VALUES ('e1', 'PB-1', 'L-26-R1-000001')`);
    expect(await refusedBy(db, `INSERT INTO plating_checks VALUES ('e1', 'PB-1', 'L-26-R1-000001')`)).toMatch(/UNIQUE|PRIMARY/);
    expect(await refusedBy(db, `INSERT INTO plating_checks VALUES ('e2', 'PB-9', 'L-26-R1-000001')`)).toMatch(/FOREIGN KEY/);
    await exec(db, `DELETE FROM plating_batches`);
    expect(await db.selectFrom('plating_checks').selectAll().execute()).toEqual([]);
  },
};
