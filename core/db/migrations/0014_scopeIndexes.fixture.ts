import { expect } from 'vitest';
import { boxScope } from '../../packing/rebuild';
import { inScope } from '../../sync/scope';
import { queryPlan, type Fixture } from './fixture';

// Schema 14 (scope indexes): a box's events, asked as a recompute asks for them, are found through
// the new index (a change to the scope's types that no longer matches it fails here). The batch's
// index is checked at schema 15, which gave it the batch's readings.
export const fixture: Fixture = {
  dataBefore: [],
  async check(db) {
    expect(await queryPlan(db, db.selectFrom('events').select('id').where(inScope(boxScope, 'X-1')).compile())).toContain('USING INDEX events_box');
  },
};
