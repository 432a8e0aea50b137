import { expect } from 'vitest';
import { batchScope } from '../../plating/rebuild';
import { inScope } from '../../sync/scope';
import { queryPlan, type Fixture } from './fixture';

// Schema 19 (a supervisor's override of gold used): a batch's events, asked as a recompute asks
// for them, overrides included, are found through the index; a batch finished before has no override.
export const fixture: Fixture = {
  dataBefore: [
    `INSERT INTO plating_batches (id, line_id, finish, start_at, end_at, state, gold_used_g) VALUES ('PB-2', 'LINE-A', 'gold-1.0', '2026-03-02T07:00:00Z', '2026-03-02T07:40:00Z', 'done', 7.7)`,
  ],
  async check(db) {
    expect(await queryPlan(db, db.selectFrom('events').select('id').where(inScope(batchScope, 'X-1')).compile())).toContain('USING INDEX events_batch');
    expect(await db.selectFrom('plating_batches').select(['id', 'gold_used_g', 'metal_override_reason', 'metal_override_by']).execute()).toEqual([
      { id: 'PB-2', gold_used_g: 7.7, metal_override_reason: null, metal_override_by: null },
    ]);
  },
};
