import { expect } from 'vitest';
import { lotStates } from '../schema';
import { exec, refusedBy, zeroStates, type Fixture } from './fixture';

// Schema 5 (qc): what a store of schema 4 holds, and what this migration must add.
export const fixture: Fixture = {
  dataBefore: [
    `INSERT INTO artisans VALUES ('A-00001', 'Nyaboke Omari', '+254711111111', 'Kisii', '2024-01-10')`,
    `INSERT INTO designs VALUES ('BR-CUF-001', 'Maasai Spiral Cuff', '["brass"]', '["polished"]', 38, 4, 42, '[]')`,
    `INSERT INTO lots (id, design_sku, artisan_id, finish, delivery_code, received_qty, received_weight_g, received_at, received_by, station, updated_at, ${lotStates.join(', ')})
      VALUES ('L-26-R1-000001', 'BR-CUF-001', 'A-00001', 'polished', NULL, 40, NULL, '2026-03-01T08:00:00Z', 'u1', 'R1', '2026-03-01T08:00:00Z', ${zeroStates({ in_qc: 30, refining: 10 })})`,
  ],
  async check(db) {
    // The lot is still there, its pieces where they were, and no QC round decided yet.
    const lot = await db.selectFrom('lots').select(['id', 'in_qc', 'refining', 'qc_round']).executeTakeFirstOrThrow();
    expect(lot).toEqual({ id: 'L-26-R1-000001', in_qc: 30, refining: 10, qc_round: 0 });
    // One decision per round of a lot; a verdict or disposition the app does not know is refused.
    const decision = (round: number, verdict: string, disposition: string) =>
      `INSERT INTO qc_decisions (lot_id, round, inspection_id, event_id, artisan_id, design_sku, at, user_id, verdict, computed, disposition, quantity, sample_size, mode, critical, major, minor, switching)
       VALUES ('L-26-R1-000001', ${round}, 'I1', 'E${round}', 'A-00001', 'BR-CUF-001', '2026-03-02T08:00:00Z', 'u1', '${verdict}', '${verdict}', '${disposition}', 30, 5, 'normal', 0, 0, 0, '{}')`;
    await exec(db, decision(0, 'accept', 'refining'));
    expect(await refusedBy(db, decision(0, 'reject', 'return'))).toMatch(/UNIQUE/);
    expect(await refusedBy(db, decision(1, 'maybe', 'refining'))).toMatch(/CHECK/);
    expect(await refusedBy(db, decision(1, 'reject', 'bin'))).toMatch(/CHECK/);
    // A defect entry's class is one of the three.
    expect(await refusedBy(db, `INSERT INTO qc_entries (id, inspection_id, piece, code, class, at, user_id) VALUES ('X', 'I1', 1, 'porosity', 'cosmetic', '2026-03-02T08:00:00Z', 'u1')`)).toMatch(/CHECK/);
    expect(await refusedBy(db, `INSERT INTO qc_settings VALUES (2, 2.5, 4, 'II', 3)`)).toMatch(/CHECK/);
  },
};
