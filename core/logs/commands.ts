import path from 'node:path';
import { required, type Command } from '../kernel/command';
import { openStore } from '../db/store';
import { writeSupportBundle, type StoreReading } from './bundle';

// The support bundle of hq (joined in core/cli/commands.ts): a store too damaged to open still gives its logs.

export const supportCommands: Record<string, Command> = {
  'support-bundle': {
    summary: "one zip for support: a station's logs, status, versions, device set-up and last sync errors",
    usage:
      'hq support-bundle --db FILE --out FILE.zip\n  Reads the store without changing it (the app may go on running) and the logs beside it (station.log ...).\n' +
      '  No PIN, token or key is written: the logs never hold them, and set-up fields named for secrets are masked.',
    options: { db: { type: 'string' }, out: { type: 'string' } },
    async run(values) {
      const file = path.resolve(required(values, 'db'));
      const out = path.resolve(required(values, 'out'));
      const store = await openStore(file, { create: false, migrate: false }).catch((error: unknown) => ({ error }));
      const reading: StoreReading = 'db' in store ? { db: store.db } : { error: (store.error as Error).message };
      try {
        const report = await writeSupportBundle(reading, file, out);
        console.log(`Wrote ${report.file} (${(report.bytes / 1024).toFixed(1)} KB): ${report.entries.join(', ')}.`);
        if ('error' in reading) console.log(`The store could not be read (${reading.error}): the bundle holds the logs only.`);
      } finally {
        if ('close' in store) await store.close();
      }
    },
  },
};
