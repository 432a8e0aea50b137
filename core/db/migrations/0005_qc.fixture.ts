import type { Fixture } from './fixture';

// Schema 5 (qc): what a store of schema 4 holds, and what this migration must add.
export const fixture: Fixture = {
  dataBefore: [],
  async check() {},
};
