import { required, type Command } from '../kernel/command';
import { takeBackup, type BackupOptions } from './backup';
import { resendUnsent, type ResendReport } from './resend';
import { restoreBackup, type RestoreReport } from './restore';

// The backup commands of hq (joined in core/cli/commands.ts).

/** KARAKANA_BACKUP_PACE=PAGES:MS copies in small steps with pauses: only the tests set it, to stop a backup half-way. */
function paceFromEnvironment(): BackupOptions {
  const [pages, ms] = (process.env.KARAKANA_BACKUP_PACE ?? '').split(':').map(Number);
  return pages && pages > 0 ? { stepPages: pages, pauseMs: ms ?? 0 } : {};
}

const number = (n: number) => n.toLocaleString('en');

function replacedLine(report: RestoreReport): string {
  if (!report.keptAs) return 'There was no store there before.';
  const held =
    report.newer === null
      ? 'it could not be read, so what it held beyond the backup is not known'
      : `it holds ${number(report.newer)} events of this station newer than the backup, ${number(report.unsent!)} of them not yet sent to the upstream`;
  return `The replaced store is kept as ${report.keptAs}: ${held}.`;
}

const resendUsage = (db: string, kept: string) => `hq resend --from ${kept} --db ${db}`;

function resentLine(report: ResendReport): string {
  const hidden = report.unreadable ? ` ${number(report.unreadable)} event rows could not be read (a damaged page) and were not sent.` : '';
  return `Sent again ${number(report.sent)} events: ${number(report.applied)} taken by the upstream, ${number(report.duplicate)} it had already, ${number(report.refused)} refused (listed on the Sync screen once this station syncs).${hidden}`;
}

export const backupCommands: Record<string, Command> = {
  backup: {
    summary: "an online, checked copy of a station's store, taken while the station works",
    usage:
      'hq backup --db FILE --out FILE\n  Copies the store while the app goes on writing, checks the copy (integrity, a Karakana store) and only then\n' +
      '  puts it under the --out name, replacing an older backup there.',
    options: { db: { type: 'string' }, out: { type: 'string' } },
    async run(values) {
      const report = await takeBackup(required(values, 'db'), required(values, 'out'), paceFromEnvironment());
      const mb = (report.bytes / 1024 / 1024).toFixed(1);
      console.log(`Backed up ${number(report.events)} events to ${report.file} (${mb} MB) in ${(report.ms / 1000).toFixed(1)} s; checked: ok.`);
    },
  },
  restore: {
    summary: 'put a checked backup in the place of a station store, keeping the replaced store aside',
    usage:
      'hq restore --db FILE --from BACKUP [--resend]\n  Stop the app (or hq serve) on FILE first. Checks BACKUP before touching anything; the replaced store is\n' +
      '  renamed to FILE.replaced-<local time> (with its -wal and -shm), never deleted. --resend sends its unsent events again.',
    options: { db: { type: 'string' }, from: { type: 'string' }, resend: { type: 'boolean' } },
    async run(values) {
      const db = required(values, 'db');
      const report = await restoreBackup(db, required(values, 'from'));
      console.log(`Restored ${number(report.backup.events)} events (schema ${report.backup.version}) from ${values.from as string}.`);
      console.log(replacedLine(report));
      if (!report.keptAs || report.unsent === 0) return;
      if (values.resend) console.log(resentLine(await resendUnsent(report.keptAs, db)));
      else console.log(`Send them again before this station does new work: ${resendUsage(db, report.keptAs)}`);
    },
  },
  resend: {
    summary: "send again, from a store kept aside by hq restore or hq salvage, its events that never reached the upstream",
    usage:
      'hq resend --from KEPT [--db FILE]\n  Sends through KEPT\'s own link to the upstream. After hq restore, give the restored store as --db and run it\n' +
      '  before the restored station does new work (it refuses once new work is numbered over the events to send).\n' +
      '  Events the upstream already has change nothing, so running it twice is harmless.',
    options: { db: { type: 'string' }, from: { type: 'string' } },
    async run(values) {
      console.log(resentLine(await resendUnsent(required(values, 'from'), (values.db as string | undefined) ?? null)));
    },
  },
};
