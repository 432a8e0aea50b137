import { expect } from 'vitest';
import { outboxQuery } from '../../sync/store';
import { queryPlan, type Fixture } from './fixture';

// Schema 24 (outbox order): the outbox, asked as sync asks for it, is read through the new index in
// the order the station made its events, not by a scan of the whole log.
export const fixture: Fixture = {
  dataBefore: [],
  async check(db) {
    const plan = await queryPlan(db, outboxQuery(db, 1000).compile());
    expect(plan).toContain('USING INDEX events_outbox_made');
    expect(plan).not.toContain('SCAN events');
    expect(plan).not.toContain('TEMP B-TREE');
  },
};
