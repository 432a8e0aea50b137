import { expect } from 'vitest';
import type { Fixture } from './fixture';

// Schema 18 (session idle time): the station keeps its row and gets the default half hour.
export const fixture: Fixture = {
  dataBefore: [`INSERT INTO station (id, code, name, demo, next_lot_number, created_at) VALUES (1, 'R1', 'Desk 1', 0, 7, '2026-03-01T06:00:00Z')`],
  async check(db) {
    expect(await db.selectFrom('station').select(['code', 'next_lot_number', 'session_idle_minutes']).execute()).toEqual([{ code: 'R1', next_lot_number: 7, session_idle_minutes: 30 }]);
  },
};
