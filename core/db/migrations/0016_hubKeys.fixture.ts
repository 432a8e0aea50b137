import { expect } from 'vitest';
import { exec, refusedBy, type Fixture } from './fixture';

// Schema 16 (hub keys): enrolled stations stay as they were; a hub key is issued once per code and hash.
export const fixture: Fixture = {
  dataBefore: [`INSERT INTO upstream_stations (code, name, token_hash, enrolled_at, relay) VALUES ('H1', 'HQ hub', 'h1', '2026-03-01T06:00:00Z', 1)`],
  async check(db) {
    expect(await db.selectFrom('upstream_stations').select(['code', 'relay']).execute()).toEqual([{ code: 'H1', relay: 1 }]);
    await exec(db, `INSERT INTO upstream_hub_keys (code, name, key_hash, issued_at) VALUES ('H2', 'Mombasa hub', 'k2', '2026-03-02T06:00:00Z')`);
    await refusedBy(db, `INSERT INTO upstream_hub_keys (code, name, key_hash, issued_at) VALUES ('H3', 'Kisumu hub', 'k2', '2026-03-02T06:00:00Z')`);
  },
};
