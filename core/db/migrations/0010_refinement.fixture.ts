import { expect } from 'vitest';
import { exec, type Fixture } from './fixture';

// Schema 10 (refinement): a lot polished 30 and tumbled 30, 20 of it in a batch that started (the
// stored counts had them taken off) and 5 in a batch still planned: the counts hold all 30 again.
export const fixture: Fixture = {
  dataBefore: [
    `INSERT INTO plating_batches (id, line_id, finish, start_at, end_at, state) VALUES ('PB-1', 'LINE-A', 'gold-1.0', '2026-03-02T06:00:00Z', '2026-03-02T06:40:00Z', 'running')`,
    `INSERT INTO plating_batches (id, line_id, finish, start_at, end_at) VALUES ('PB-2', 'LINE-A', 'gold-1.0', '2026-03-02T07:00:00Z', '2026-03-02T07:40:00Z')`,
    `INSERT INTO plating_batch_items (batch_id, lot_id, pieces) VALUES ('PB-1', 'L-26-R1-000001', 20), ('PB-2', 'L-26-R1-000001', 5)`,
    `INSERT INTO refinement_progress (lot_id, step, pieces) VALUES ('L-26-R1-000001', 'polish', 10), ('L-26-R1-000001', 'tumble', 10), ('L-26-R1-000002', 'polish', 4)`,
  ],
  async check(db) {
    const rows = await db.selectFrom('refinement_progress').selectAll().orderBy('lot_id').orderBy('step').execute();
    expect(rows).toEqual([
      { lot_id: 'L-26-R1-000001', step: 'polish', pieces: 30 },
      { lot_id: 'L-26-R1-000001', step: 'tumble', pieces: 30 },
      { lot_id: 'L-26-R1-000002', step: 'polish', pieces: 4 },
    ]);
    await exec(db, `DELETE FROM refinement_progress`);
  },
};
