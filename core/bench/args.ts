import { parseArgs } from 'node:util';
import { UsageError } from '../kernel/errors';

export interface BenchArgs {
  lots: number;
  events: number;
  db: string | null;
  keep: boolean;
  json: boolean;
  help: boolean;
  indexesDuringInsert: boolean;
  /** Run only the cases whose name contains this text. */
  only: string | null;
}

export const usage = `npm run bench -- [options]

Seeds a station store at planning size, then measures it as a station uses it.

  --lots N          lots in the store (default 1,000,000)
  --events N        events in the log, at least one per lot (default 10,000,000)
  --db FILE         use FILE: reuse it when the bench seeded it earlier at the same size,
                    seed it (and keep it) when it does not exist
  --keep            keep the temporary store and print where it is
  --json            print the figures as JSON instead of a table
  --only TEXT       run only the cases whose name contains TEXT
  --seed-with-indexes
                    keep secondary indexes during the bulk insert (to compare with the
                    default, which rebuilds them after it)
  --help            this text`;

/** Accepts 1000000, 1,000,000 and 1_000_000. */
function count(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/[,_]/g, ''));
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`--${flag} wants a positive whole number, not "${value}"`);
  return n;
}

export function readArgs(argv: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      lots: { type: 'string' },
      events: { type: 'string' },
      db: { type: 'string' },
      keep: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      only: { type: 'string' },
      help: { type: 'boolean', default: false },
      'seed-with-indexes': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const lots = count('lots', values.lots, 1_000_000);
  const events = count('events', values.events, 10_000_000);
  if (events < lots) throw new UsageError('--events must be at least --lots: every lot has its lot.received event');
  return {
    lots,
    events,
    db: values.db ?? null,
    keep: values.keep ?? false,
    json: values.json ?? false,
    help: values.help ?? false,
    indexesDuringInsert: values['seed-with-indexes'] ?? false,
    only: values.only ?? null,
  };
}
