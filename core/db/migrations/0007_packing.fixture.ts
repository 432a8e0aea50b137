import type { Fixture } from './fixture';

// Schema 7 (packing): what a store of schema 6 holds, and what this migration must add.
export const fixture: Fixture = {
  dataBefore: [],
  async check() {},
};
