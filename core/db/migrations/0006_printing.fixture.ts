import type { Fixture } from './fixture';

// Schema 6 (printing): what a store of schema 5 holds, and what this migration must add.
export const fixture: Fixture = {
  dataBefore: [],
  async check() {},
};
