import { expect } from 'vitest';
import { exec, type Fixture } from './fixture';

// Schema 15 (a batch's readings): a planned batch's leftover readings are gone, a running one's
// stay, and the planned batch can be planned away. The batch's index is checked at schema 19,
// which gave it the batch's overrides.
export const fixture: Fixture = {
  dataBefore: [
    `INSERT INTO plating_batches (id, line_id, finish, start_at, end_at, state) VALUES ('PB-1', 'LINE-A', 'gold-1.0', '2026-03-02T06:00:00Z', '2026-03-02T06:40:00Z', 'planned')`,
    `INSERT INTO plating_batches (id, line_id, finish, start_at, end_at, state) VALUES ('PB-2', 'LINE-A', 'gold-1.0', '2026-03-02T07:00:00Z', '2026-03-02T07:40:00Z', 'running')`,
    `INSERT INTO plating_readings (id, batch_id, kind, temperature_c, current_a, minutes, sample, thickness_um, at, by) VALUES ('r1', 'PB-1', 'bath', 55, 12, 5, NULL, NULL, '2026-03-02T06:05:00Z', 'u1')`,
    `INSERT INTO plating_readings (id, batch_id, kind, temperature_c, current_a, minutes, sample, thickness_um, at, by) VALUES ('r2', 'PB-2', 'bath', 55, 12, 5, NULL, NULL, '2026-03-02T07:05:00Z', 'u1')`,
  ],
  async check(db) {
    expect(await db.selectFrom('plating_readings').select(['id', 'batch_id']).execute()).toEqual([{ id: 'r2', batch_id: 'PB-2' }]);
    await exec(db, `DELETE FROM plating_batches WHERE state = 'planned'`);
    expect(await db.selectFrom('plating_batches').select('id').execute()).toEqual([{ id: 'PB-2' }]);
  },
};
