import { sql, type SqlBool } from 'kysely';
import { expect } from 'vitest';
import { queryPlan, type Fixture } from './fixture';

// Schema 14 (scope indexes): a box's events, asked as a recompute asked for them then, are found
// through the new index. How the recompute asks now is checked at schema 21, which gave the index
// the box's weight overrides; the batch's at schema 19.
export const fixture: Fixture = {
  dataBefore: [],
  async check(db) {
    const asked = sql<SqlBool>`type IN ('packing.boxOpened', 'packing.shipped') AND json_extract(payload, '$.boxId') = ${'X-1'}`;
    expect(await queryPlan(db, db.selectFrom('events').select('id').where(asked).compile())).toContain('USING INDEX events_box');
  },
};
