import { expect } from 'vitest';
import { exec, refusedBy, type Fixture } from './fixture';

// Schema 17 (relayed stations): enrolled stations stay as they were; a station code is bound to one hub only.
export const fixture: Fixture = {
  dataBefore: [`INSERT INTO upstream_stations (code, name, token_hash, enrolled_at, relay) VALUES ('H1', 'HQ hub', 'h1', '2026-03-01T06:00:00Z', 1)`],
  async check(db) {
    expect(await db.selectFrom('upstream_stations').select(['code', 'relay']).execute()).toEqual([{ code: 'H1', relay: 1 }]);
    await exec(db, `INSERT INTO upstream_relayed (code, hub, bound_at) VALUES ('R1', 'H1', '2026-03-02T06:00:00Z')`);
    await refusedBy(db, `INSERT INTO upstream_relayed (code, hub, bound_at) VALUES ('R1', 'H2', '2026-03-02T07:00:00Z')`);
  },
};
