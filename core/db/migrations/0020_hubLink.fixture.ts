import { expect } from 'vitest';
import { exec, refusedBy, type Fixture } from './fixture';

// Schema 20 (hub link): a linked hub keeps its link and cursor; its link's state has one row of its own.
export const fixture: Fixture = {
  dataBefore: [`INSERT INTO upstream_parent (id, url, upstream_id, code, token, cursor, last_success_at, last_error) VALUES (1, 'https://cloud', 'c-1', 'H1', 't', 42, '2026-03-01T06:00:00Z', NULL)`],
  async check(db) {
    expect(await db.selectFrom('upstream_parent').selectAll().execute()).toEqual([{ id: 1, url: 'https://cloud', upstream_id: 'c-1', code: 'H1', token: 't', cursor: 42 }]);
    await exec(db, `INSERT INTO upstream_link (id, url, started_at, last_error) VALUES (1, 'https://cloud', '2026-03-02T06:00:00Z', '{"code":"sync.unreachable"}')`);
    await refusedBy(db, `INSERT INTO upstream_link (id, url, started_at) VALUES (2, 'https://cloud', '2026-03-02T06:00:00Z')`);
    expect(await db.selectFrom('sync_state').select('upstream_link').execute()).toEqual([]);
  },
};
