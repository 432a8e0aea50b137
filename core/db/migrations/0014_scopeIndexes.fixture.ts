import { sql } from 'kysely';
import { expect } from 'vitest';
import { boxScope } from '../../packing/rebuild';
import { batchScope } from '../../plating/rebuild';
import { inScope } from '../../sync/scope';
import type { Fixture } from './fixture';

// Schema 14 (scope indexes): a box's and a batch's events, asked as a recompute asks for them, are
// found through the new indexes (a change to a scope's types that no longer matches them fails here).
export const fixture: Fixture = {
  dataBefore: [],
  async check(db) {
    for (const [scope, index] of [
      [boxScope, 'events_box'],
      [batchScope, 'events_batch'],
    ] as const) {
      const query = db.selectFrom('events').select('id').where(inScope(scope, 'X-1')).compile();
      const { rows } = await sql<{ detail: string }>`EXPLAIN QUERY PLAN ${sql.raw(query.sql)}`.execute(db);
      expect(rows.map((r) => r.detail).join(' | ')).toContain(`USING INDEX ${index}`);
    }
  },
};
