import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStationApp } from '../app/station';
import { openStore, userVersion } from '../db/store';
import { latestVersion } from '../db/migrations';
import { seedDemo } from '../demo/seed';
import { startServer } from '../server/server';
import { exit, port, repeated, required, type Command } from '../kernel/command';
import { UsageError } from '../kernel/errors';
import { waitForSignal } from './signals';
import { startStation } from './start';
import { scaleCommands } from './scaleCommands';
import { siteCommands } from './siteCommands';
import { storeCommands } from '../db/commands';
import { joinedOnUse } from '../features';

// KARAKANA_OUT serves another build (parallel end-to-end runs build into their own folders).
export const rendererRoot = process.env.KARAKANA_OUT
  ? path.resolve(process.env.KARAKANA_OUT, 'renderer')
  : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../out/renderer');

export const commands: Record<string, Command> = {
  serve: {
    summary: 'serve a station store to browsers (the station server)',
    usage:
      'hq serve --db FILE [--port N] [--host ADDR] [--allowed-host NAME]...\n  Listens on 127.0.0.1 unless --host is given (e.g. --host 0.0.0.0 for the LAN); the same login applies.\n' +
      '  Answers only requests addressed to itself: loopback, the --host address (with 0.0.0.0 or ::, any of this\n  machine\'s addresses) and each --allowed-host name (e.g. station-3.local).',
    options: { db: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, 'allowed-host': { type: 'string', multiple: true } },
    async run(values) {
      const options = { port: port(values.port, 4170), host: (values.host as string) ?? '127.0.0.1', allowedHosts: repeated(values, 'allowed-host'), rendererRoot };
      const app = await openStationApp(required(values, 'db'));
      const server = await startServer(app, options).catch(async (error: unknown) => {
        await app.close();
        throw error;
      });
      console.log(`Karakana station server: ${server.url}`);
      app.log.info('station', `serving at ${server.url}`);
      await waitForSignal();
      await server.close();
      await app.close();
    },
  },
  seed: {
    summary: 'fill an empty store with the demo headquarters',
    usage: 'hq seed --demo --db FILE\n  Creates the store if needed; refuses a store that already holds data.',
    options: { db: { type: 'string' }, demo: { type: 'boolean' } },
    async run(values) {
      if (!values.demo) throw new UsageError('say --demo: the demo headquarters is the only seed');
      const store = await openStore(required(values, 'db'));
      try {
        const users = await seedDemo(store.db);
        console.log(`Demo headquarters loaded into ${store.file}. Log in as:`);
        for (const u of users) console.log(`  ${u.username.padEnd(8)} PIN ${u.pin}  (${u.roles.join(', ')})`);
      } finally {
        await store.close();
      }
    },
  },
  migrate: {
    summary: 'bring a store to this version of the schema',
    usage: 'hq migrate --db FILE\n  Applies pending migrations in one transaction; refuses a store from a newer Karakana.',
    options: { db: { type: 'string' } },
    async run(values) {
      const file = required(values, 'db');
      const before = await openStore(file, { create: false, migrate: false });
      const from = await userVersion(before.db);
      await before.close();
      const store = await openStore(file, { create: false });
      await store.close();
      console.log(from === latestVersion ? `${file} is at schema ${latestVersion}` : `${file} migrated from schema ${from} to ${latestVersion}`);
    },
  },
  start: {
    summary: 'open the desktop app, or serve it in a browser where Electron is not installed',
    usage: 'hq start [--port N]',
    options: { port: { type: 'string' } },
    async run(values) {
      return startStation(port(values.port, 4170), rendererRoot);
    },
  },
  ...siteCommands,
  ...scaleCommands,
  ...Object.fromEntries(joinedOnUse('Command', (feature) => Object.entries(feature.commands ?? {}))()),
  ...storeCommands,
};

export { exit };
