import { expect } from 'vitest';
import { exec, refusedBy, type Fixture } from './fixture';

// Schema 6 (printing): what a store of schema 5 holds, and what this migration must add.
export const fixture: Fixture = {
  dataBefore: [
    `INSERT INTO print_jobs (id, template, printer, data, lot_id, state, attempts, station, created_by, created_at)
      VALUES ('J1', 'lot-label', 'label', '{"lotId":"L-26-R1-000001"}', 'L-26-R1-000001', 'queued', 0, 'R1', 'u1', '2026-03-01T08:00:00Z')`,
    `INSERT INTO print_jobs (id, template, printer, data, lot_id, state, attempts, station, created_by, created_at)
      VALUES ('J2', 'delivery-receipt', 'receipt', '{}', NULL, 'sent', 2, 'R1', 'u1', '2026-03-01T08:01:00Z')`,
  ],
  async check(db) {
    // The queued jobs are all still there, as they were.
    const jobs = await db.selectFrom('print_jobs').select(['id', 'state', 'attempts', 'lot_id', 'reprint_of', 'bytes_hash']).orderBy('id').execute();
    expect(jobs).toEqual([
      { id: 'J1', state: 'queued', attempts: 0, lot_id: 'L-26-R1-000001', reprint_of: null, bytes_hash: null },
      { id: 'J2', state: 'sent', attempts: 2, lot_id: null, reprint_of: null, bytes_hash: null },
    ]);
    // New states: an unknown outcome and a cancelled job; anything else is refused.
    await exec(db, `UPDATE print_jobs SET state = 'unknown' WHERE id = 'J2'`);
    expect(await refusedBy(db, `UPDATE print_jobs SET state = 'lost' WHERE id = 'J1'`)).toMatch(/CHECK/);
    // A printer per job, with a language and dpi the store checks.
    await exec(db, `INSERT INTO printer_setups (job, device_id, language, dpi) VALUES ('label', 'D1', 'zpl', 203)`);
    expect(await refusedBy(db, `INSERT INTO printer_setups (job, device_id, language, dpi) VALUES ('receipt', 'D1', 'zpl', 150)`)).toMatch(/CHECK/);
    expect(await refusedBy(db, `INSERT INTO printer_setups (job, device_id, language, dpi) VALUES ('tag', 'D1', 'zpl', 203)`)).toMatch(/CHECK/);
  },
};
