import { expect } from 'vitest';
import type { Fixture } from './fixture';

// Schema 23 (design words in Swahili): a design published before has none, and keeps the rest.
export const fixture: Fixture = {
  dataBefore: [`INSERT INTO designs (sku, name, materials, finishes, unit_weight_g, weight_tolerance_pct, plating_area_cm2, qc_checklist) VALUES ('BR-CUF-001', 'Maasai Spiral Cuff', '["brass"]', '["polished"]', 38, 4, 42, '["Edges smooth"]')`],
  async check(db) {
    expect(await db.selectFrom('designs').select(['sku', 'name', 'qc_checklist', 'name_sw', 'qc_checklist_sw']).execute()).toEqual([
      { sku: 'BR-CUF-001', name: 'Maasai Spiral Cuff', qc_checklist: '["Edges smooth"]', name_sw: null, qc_checklist_sw: null },
    ]);
  },
};
