import { expect } from 'vitest';
import { boxScope } from '../../packing/rebuild';
import { batchScope } from '../../plating/rebuild';
import { inScope } from '../../sync/scope';
import { queryPlan, type Fixture } from './fixture';

// Schema 14 (scope indexes): a box's and a batch's events, asked as a recompute asks for them, are
// found through the new indexes (a change to a scope's types that no longer matches them fails here).
export const fixture: Fixture = {
  dataBefore: [],
  async check(db) {
    for (const [scope, index] of [
      [boxScope, 'events_box'],
      [batchScope, 'events_batch'],
    ] as const) {
      expect(await queryPlan(db, db.selectFrom('events').select('id').where(inScope(scope, 'X-1')).compile())).toContain(`USING INDEX ${index}`);
    }
  },
};
