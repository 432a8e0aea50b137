import { expect } from 'vitest';
import { exec, refusedBy, type Fixture } from './fixture';

// Schema 9 (snapshot): a station enrolled before it keeps its link and cursor, with no snapshot under way.
export const fixture: Fixture = {
  dataBefore: [
    `INSERT INTO sync_state (id, upstream_url, upstream_id, token, cursor, enrolled_at) VALUES (1, 'http://127.0.0.1:4280', 'u-1', 'sealed', 42, '2026-03-01T08:00:00Z')`,
  ],
  async check(db) {
    const state = await db.selectFrom('sync_state').select(['cursor', 'snapshot_id', 'snapshot_seq', 'history_cursor']).executeTakeFirstOrThrow();
    expect(state).toEqual({ cursor: 42, snapshot_id: null, snapshot_seq: null, history_cursor: null });
    await exec(db, `INSERT INTO sync_snapshot_parts VALUES (0, x'1f8b')`);
    expect(await refusedBy(db, `INSERT INTO sync_snapshot_parts VALUES (0, x'00')`)).toMatch(/UNIQUE|PRIMARY/);
    expect(await refusedBy(db, `INSERT INTO sync_snapshot_parts VALUES (-1, x'00')`)).toMatch(/CHECK/);
    await exec(db, `INSERT INTO sync_snapshot_lots VALUES ('L-26-R1-000001', '{}')`);
  },
};
