import { statSync } from 'node:fs';
import { Upstream } from '../../upstream/service';
import { seedDemoUpstream } from '../../upstream/demo';
import { HubLoop, prepareHub } from '../../upstream/hub';
import { linkLog } from '../../upstream/link';
import { startUpstreamServer, stopGraceMs } from '../../upstream/server';
import { openStore } from '../db/store';
import { simulateDay } from '../simulate/simulate';
import { downloadInstaller, readFeed } from '../updates/feed';
import { publishCommand } from '../../upstream/publish/command';
import { port, required, type Command } from '../kernel/command';
import { UsageError } from '../kernel/errors';
import { tlsFiles, upstreamAdmin, upstreamAdminUsage } from './upstreamAdmin';
import { waitForSignal, within } from './signals';
import { secretsFromEnvironment, secretsUsage } from './secrets';

/** The site's tools: an upstream or hub run, the desktop installer fetched, a release published, a day simulated. */
export const siteCommands: Record<string, Command> = {
  upstream: {
    summary: 'run the reference upstream (the sync protocol over HTTP)',
    usage:
      'hq upstream --db FILE|--pg URL --port N [--host ADDR] [--demo] [--enroll-key KEY] [--platform-key KEY] [--upstream URL [--upstream-key KEY]] [--updates DIR]\n  --db stores in a SQLite file; --pg in PostgreSQL (postgres://USER:PASSWORD@HOST:5432/DATABASE).\n  --demo holds the demo headquarters and enrolls any station that asks; a real upstream enrolls stations that present --enroll-key.\n  --platform-key is the key the platform publishes its data with (hq publish); without it a real upstream takes none.\n  --upstream makes this an HQ hub that syncs onward to that upstream (presenting --upstream-key), relaying its stations.\n  A real upstream will not start without --enroll-key (exit 2).\n  --tls-cert FILE --tls-key FILE serve https with that certificate (PEM).\n  --insecure-http lets a hub link to its upstream over plain http on another machine.\n  Listens on 127.0.0.1 unless --host is given.\n  --updates DIR serves the desktop installers and their update feed (latest.yml, latest-linux.yml) in DIR at /updates/.\n' + secretsUsage + '\n' + upstreamAdminUsage,
    options: {
      db: { type: 'string' },
      pg: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      demo: { type: 'boolean' },
      'enroll-key': { type: 'string' },
      'platform-key': { type: 'string' },
      upstream: { type: 'string' },
      'upstream-key': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'insecure-http': { type: 'boolean' },
      updates: { type: 'string' },
      name: { type: 'string' },
      station: { type: 'string' },
    },
    async run(values, positionals) {
      secretsFromEnvironment(values);
      if (values.pg !== undefined && values.db !== undefined) throw new UsageError('give --db FILE or --pg URL, not both');
      if (values.pg === undefined && values.db === undefined) throw new UsageError('--db FILE or --pg URL is required');
      if (positionals.length) return upstreamAdmin(values, positionals);
      if (!values.demo && !values['enroll-key']) throw new UsageError('a real upstream needs the site key its stations present to enroll: --enroll-key KEY (only --demo enrolls anyone)');
      const tls = tlsFiles(values);
      if (values.updates !== undefined && !statSync(values.updates as string, { throwIfNoEntry: false })?.isDirectory())
        throw new UsageError(`--updates ${values.updates as string}: there is no such folder`);
      if (values.demo && values.upstream) throw new UsageError('a hub takes its data from its upstream: --demo and --upstream do not go together');
      if (values['platform-key'] && values.upstream) throw new UsageError('a hub takes the platform\'s data from its upstream: publish there, not with --platform-key here');
      const target = values.pg !== undefined ? { pg: required(values, 'pg') } : { file: required(values, 'db') };
      const upstream = await Upstream.open(target, { demo: !!values.demo, enrollKey: (values['enroll-key'] as string | undefined) ?? null });
      if (values.demo) await seedDemoUpstream(upstream);
      const onward = values.upstream ? { url: values.upstream as string, hubKey: (values['upstream-key'] as string | undefined) ?? null, insecureHttp: !!values['insecure-http'] } : null;
      // What no retry mends stops the hub here; a cloud that is down or refuses is retried while the hub serves its stations.
      if (onward) await prepareHub(upstream, onward);
      const server = await startUpstreamServer(upstream, { port: port(values.port, 4280), host: (values.host as string) ?? '127.0.0.1', tls, platformKey: (values['platform-key'] as string | undefined) ?? null, updates: (values.updates as string | undefined) ?? null });
      let hub: HubLoop | null = null;
      let stopping = false;
      let logged: Promise<void> = Promise.resolve();
      if (onward) {
        const log = linkLog(upstream.store.db, { info: (line) => console.log(line), warn: (line) => console.error(line) });
        // A round ended by the stop is no news of the link, and its store is about to close.
        hub = new HubLoop(upstream, onward, {
          onRound: (outcome) => {
            if (!stopping) logged = log(outcome);
          },
        });
        hub.start();
      }
      console.log(`Karakana upstream${upstream.demo ? ' (demo)' : ''}${hub ? ` (hub of ${values.upstream as string})` : ''}: ${server.url}`);
      await waitForSignal();
      stopping = true;
      // A long catch-up round onward is not waited for: it ends at its next step once the store is closed.
      await Promise.all([within(hub?.stop(), stopGraceMs), server.close(), logged]);
      await upstream.close();
    },
  },
  update: {
    summary: "download the desktop installer the upstream's update feed names, checked against its sha512",
    usage:
      'hq update --upstream URL --out DIR [--platform win32|linux]\n  Reads the feed the upstream serves at /updates/ (latest.yml for win32, latest-linux.yml for linux; this OS\'s by default),\n  downloads its installer into DIR and keeps it only if its size and sha512 are the feed\'s (exit 1 otherwise, nothing kept).',
    options: { upstream: { type: 'string' }, out: { type: 'string' }, platform: { type: 'string' } },
    async run(values) {
      const platform = (values.platform as string | undefined) ?? process.platform;
      if (platform !== 'win32' && platform !== 'linux') throw new UsageError(`--platform is win32 or linux, not ${platform}`);
      const feed = await readFeed(required(values, 'upstream'), platform);
      const file = await downloadInstaller(feed, required(values, 'out'));
      console.log(`Karakana ${feed.version}: ${file} (${feed.installer.size} bytes), its sha512 the feed's`);
    },
  },
  publish: publishCommand,
  simulate: {
    summary: 'random valid operations of a day at HQ at this station (receipts, moves)',
    usage: 'hq simulate --db FILE --ops N --seed S',
    options: { db: { type: 'string' }, ops: { type: 'string' }, seed: { type: 'string' } },
    async run(values) {
      const ops = Number(required(values, 'ops'));
      const seed = Number(values.seed ?? 1);
      if (!Number.isInteger(ops) || ops < 1 || ops > 10_000_000) throw new UsageError('--ops is a whole number from 1');
      if (!Number.isInteger(seed)) throw new UsageError('--seed is a whole number');
      const store = await openStore(required(values, 'db'), { create: false });
      try {
        const report = await simulateDay(store.db, ops, seed);
        console.log(
          `received ${report.received} lots, moved pieces ${report.moved} times, inspected ${report.inspected}, plating ${report.plating} operations, packing ${report.packing} operations`,
        );
      } finally {
        await store.close();
      }
    },
  },
};
