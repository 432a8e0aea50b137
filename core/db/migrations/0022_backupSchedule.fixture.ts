import { expect } from 'vitest';
import type { Fixture } from './fixture';

// Schema 22 (backup schedule): the station keeps its row and backs up nowhere until an admin says where.
export const fixture: Fixture = {
  dataBefore: [`INSERT INTO station (id, code, name, demo, next_lot_number, created_at) VALUES (1, 'R1', 'Desk 1', 0, 7, '2026-03-01T06:00:00Z')`],
  async check(db) {
    expect(await db.selectFrom('station').select(['code', 'next_lot_number', 'backup_folder', 'backup_interval_minutes', 'backup_keep']).execute()).toEqual([
      { code: 'R1', next_lot_number: 7, backup_folder: null, backup_interval_minutes: 60, backup_keep: 10 },
    ]);
  },
};
