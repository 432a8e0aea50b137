import { expect } from 'vitest';
import type { Fixture } from './fixture';

// Schema 13 (switching folded up to): a pair folded before keeps its state and mode, and knows no
// last step, so its next decision folds its whole history once.
export const fixture: Fixture = {
  dataBefore: [
    `INSERT INTO qc_switching (artisan_id, design_sku, state, mode, updated_at) VALUES ('A-00001', 'BR-CUF-001', '{"mode":"tightened"}', 'tightened', '2026-03-01T08:00:00Z')`,
  ],
  async check(db) {
    expect(await db.selectFrom('qc_switching').select(['mode', 'state', 'folded_at', 'folded_id']).execute()).toEqual([
      { mode: 'tightened', state: '{"mode":"tightened"}', folded_at: null, folded_id: null },
    ]);
  },
};
