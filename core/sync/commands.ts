import { AppError, UsageError } from '../kernel/errors';
import { required, type Command } from '../kernel/command';
import { waitForSignal } from '../cli/signals';
import { openStore } from '../db/store';
import { stationCode } from '../station/code';
import { digestStore } from './digest';
import { SyncLoop } from './loop';
import { enrollStation, syncOnce, type SyncReport } from './sync';

// `hq sync` and `hq digest`: a station's store synced, or its facts hashed, from the command line.

function describeReport(r: SyncReport): string {
  return `pushed ${r.pushed}, rejected ${r.rejected}, pulled ${r.pulled}, held ${r.held}, conflicts ${r.conflicts}; at ${r.cursor} of ${r.head}`;
}

/** --station, checked as the first screen's join form checks it, before anything is sent. */
function chosenCode(code: string): string {
  if (!stationCode.safeParse(code).success) throw new UsageError(`--station ${code}: a station code is a capital letter, then up to 3 capital letters or digits (R2, K1)`);
  return code;
}

export const syncCommands: Record<string, Command> = {
  sync: {
    summary: "sync a station's store with its upstream (enrolls a fresh store first)",
    usage:
      'hq sync --db FILE --upstream URL [--once] [--station CODE] [--name NAME] [--enroll-key KEY] [--insecure-http]\n  --enroll-key is the site key a real upstream asks of a new station.\n  An upstream on another machine is reached over https (a site CA: NODE_EXTRA_CA_CERTS=FILE); --insecure-http allows plain http.\n  Without --once it keeps syncing until stopped (Ctrl+C).',
    options: {
      db: { type: 'string' },
      upstream: { type: 'string' },
      once: { type: 'boolean' },
      station: { type: 'string' },
      name: { type: 'string' },
      'enroll-key': { type: 'string' },
      'insecure-http': { type: 'boolean' },
    },
    async run(values) {
      const store = await openStore(required(values, 'db'));
      try {
        const url = values.upstream as string | undefined;
        const state = await store.db.selectFrom('sync_state').select('upstream_url').executeTakeFirst();
        if (!state) {
          if (!url) throw new UsageError('this store is not enrolled yet: give --upstream URL');
          const station = await enrollStation(store.db, url, {
            code: values.station === undefined ? null : chosenCode(values.station as string),
            name: (values.name as string | undefined) ?? null,
            enrollKey: (values['enroll-key'] as string | undefined) ?? null,
            insecureHttp: !!values['insecure-http'],
          });
          console.log(`Enrolled as station ${station.code} (${station.name}) with ${url}`);
        } else if (url && new URL(url).href !== new URL(state.upstream_url).href)
          throw new AppError('sync.otherUpstream', `This store is enrolled with ${state.upstream_url}; moving it to ${url} is an explicit re-enrollment`, { url });
        if (values.once) {
          console.log(describeReport(await syncOnce(store.db)));
          return;
        }
        const loop = new SyncLoop(store.db, {
          onRound: ({ report, error }) => {
            if (error) console.error(`sync: ${(error as Error).message}`);
            else if (report && (report.pushed || report.pulled || report.rejected)) console.log(describeReport(report));
          },
        });
        loop.start();
        await waitForSignal();
        await loop.stop();
      } finally {
        await store.close();
      }
    },
  },
  digest: {
    summary: "one line: a hash of a store's facts (events and lot quantities), to compare stores",
    usage: 'hq digest --db FILE | --upstream URL',
    options: { db: { type: 'string' }, upstream: { type: 'string' } },
    async run(values) {
      if (values.upstream) {
        const response = await fetch(new URL('/sync/v1/digest', values.upstream as string));
        const d = (await response.json()) as { hash: string; events: number; lots: number };
        console.log(`${d.hash} events=${d.events} lots=${d.lots}`);
        return;
      }
      const store = await openStore(required(values, 'db'), { create: false });
      try {
        const d = await digestStore(store.db);
        console.log(`${d.hash} events=${d.events} lots=${d.lots}`);
      } finally {
        await store.close();
      }
    },
  },
};
