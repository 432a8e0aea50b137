import type { Fixture } from './fixture';

// Schema 8 (plating): what a store of schema 7 holds, and what this migration must add.
export const fixture: Fixture = {
  dataBefore: [],
  async check() {},
};
