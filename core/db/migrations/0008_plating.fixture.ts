import { expect } from 'vitest';
import { planEvents } from '../../plating/rebuild';
import { exec, queryPlan, refusedBy, type Fixture } from './fixture';

// Schema 8 (plating): what a store of schema 7 holds, and what this migration must add.
export const fixture: Fixture = {
  dataBefore: [
    `INSERT INTO plating_lines (id, name, finishes, capacity_dm2, max_pieces) VALUES ('LINE-A', 'Line A (gold)', '["gold-1.0"]', 40, 400)`,
  ],
  async check(db) {
    // A plan recomputed after a sync finds its events through events_plan, not by reading the whole log.
    expect(await queryPlan(db, planEvents(db).compile())).toContain('USING INDEX events_plan');
    // The line configured upstream is still there, with the physics this version adds at safe defaults.
    const line = await db.selectFrom('plating_lines').selectAll().executeTakeFirstOrThrow();
    expect(line).toMatchObject({ id: 'LINE-A', capacity_dm2: 40, max_pieces: 400, handling_minutes: 10, changeover_minutes: '{"default":30}', bath_efficiency: '{}' });
    // Recipes: only gold or silver, an efficiency between 0 and 1.
    await exec(db, `INSERT INTO plating_recipes VALUES ('gold-1.0', 'gold', 'brass', 1.0, 0.5, 0.6)`);
    expect(await refusedBy(db, `INSERT INTO plating_recipes VALUES ('gold-2.0', 'gold', 'brass', 2.0, 0.5, 1.4)`)).toMatch(/CHECK/);
    expect(await refusedBy(db, `INSERT INTO plating_recipes VALUES ('rhodium', 'rhodium', 'brass', 0.2, 1, 0.5)`)).toMatch(/CHECK/);
    // A batch and its items; a piece count of zero is refused.
    await exec(db, `INSERT INTO plating_batches (id, line_id, finish, start_at, end_at) VALUES ('PB-1', 'LINE-A', 'gold-1.0', '2026-03-02T06:00:00Z', '2026-03-02T06:40:00Z')`);
    await exec(db, `INSERT INTO plating_batch_items (batch_id, lot_id, pieces) VALUES ('PB-1', 'L-26-R1-000001', 20)`);
    expect(await refusedBy(db, `INSERT INTO plating_batch_items (batch_id, lot_id, pieces) VALUES ('PB-1', 'L-26-R1-000002', 0)`)).toMatch(/CHECK/);
    expect(await refusedBy(db, `UPDATE plating_batches SET state = 'lost'`)).toMatch(/CHECK/);
    // A weighing has a step and a direction the ledger knows.
    expect(await refusedBy(db, `INSERT INTO metal_weighings VALUES ('W1', 'L-26-R1-000001', NULL, 'packing', 'in', 20, 100, 'x', 'u1')`)).toMatch(/CHECK/);
  },
};
