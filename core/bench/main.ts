import { UsageError } from '../kernel/errors';
import { readArgs, usage, type BenchArgs } from './args';
import { prepareBenchStore } from './benchStore';
import { loadCases } from './loadCases';
import { openBenchEnv } from './env';
import { describeMachine } from './machine';
import { renderMarkdown, toRows, type Report, type ReportRow } from './report';

// npm run bench: seed (or reuse) a station store at planning size, run every case in cases/, report.
// Progress goes to stderr so that stdout holds only the table (or the JSON).
const log = (line: string) => console.error(line);

async function bench(args: BenchArgs): Promise<void> {
  const cases = (await loadCases()).filter((c) => !args.only || c.name.includes(args.only));
  if (!cases.length) throw new UsageError(`no bench case's name contains "${args.only}"`);
  const store = await prepareBenchStore(args, log);
  try {
    const env = await openBenchEnv(store);
    const rows: ReportRow[] = [];
    const failures: string[] = [];
    try {
      for (const benchCase of cases) {
        log(`running: ${benchCase.name}`);
        // One case failing must not lose the others' figures: it is reported in the notes instead.
        const figures = await benchCase.run(env).catch((error: unknown) => {
          log(`failed: ${benchCase.name}: ${(error as Error).stack ?? String(error)}`);
          failures.push(`The case "${benchCase.name}" failed: ${(error as Error).message}`);
          return null;
        });
        if (figures) rows.push(...toRows(benchCase, figures));
      }
    } finally {
      await env.close();
    }
    const { seed } = store;
    const notes = [
      `Seeding ran with PRAGMA synchronous=OFF and journal_mode=WAL, ${seed.indexesDuringInsert ? 'secondary indexes kept during the bulk insert' : 'secondary indexes dropped for the bulk insert and rebuilt after it'}; synchronous was set back to FULL before the seeding connection closed.`,
      `Every figure ran on the store as createApp opens it: journal_mode=${env.settings.journalMode}, synchronous=${env.settings.synchronous}.`,
      'Latencies are p50/p99 of sequential calls after a warm-up; the page cache is warm, as on a station that has been running.',
    ];
    notes.push(...failures);
    if (store.reused) notes.push(`The reused store also holds the writes of earlier bench runs (moves, appended events).`);
    if (args.keep && !args.db) notes.push(`Store kept at ${store.file}: rerun with --db ${store.file} to skip seeding.`);
    const report: Report = {
      machine: describeMachine(),
      store: { file: args.db, lots: seed.lots, events: seed.events, artisans: seed.artisans, designs: seed.designs, reused: store.reused, seededAt: seed.seededAt },
      notes,
      rows,
    };
    console.log(args.json ? JSON.stringify(report, null, 2) : renderMarkdown(report));
    if (failures.length) process.exitCode = 1;
  } finally {
    store.dispose();
  }
}

let args: BenchArgs | null = null;
try {
  args = readArgs(process.argv.slice(2));
} catch (error) {
  // parseArgs throws its own errors for unknown flags; both kinds are the caller's to fix.
  console.error(`${(error as Error).message}\n\n${usage}`);
  process.exitCode = 2;
}
if (args?.help) console.log(usage);
else if (args)
  await bench(args).catch((error: unknown) => {
    console.error(error instanceof UsageError ? error.message : error);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  });
