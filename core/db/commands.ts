import { required, type Command } from '../kernel/command';
import { salvageStore, type SalvageReport } from './salvage';

// The store's own commands of hq (joined in core/cli/commands.ts).

function heldLine(report: SalvageReport): string {
  if (report.unsent === null) return 'Nothing could be read from it: it is not a Karakana store, or too damaged.';
  const lost = report.unreadable ? `; ${report.unreadable.toLocaleString('en')} of its events could not be read and may include more` : '';
  return `It still holds ${report.unsent.toLocaleString('en')} events of this station not yet sent to the upstream${lost}.`;
}

export const storeCommands: Record<string, Command> = {
  salvage: {
    summary: 'move a damaged store (or a file that is not one) aside, to start again from the upstream',
    usage:
      'hq salvage --db FILE\n  Stop the app (or hq serve) on FILE first. Renames FILE (with its -wal and -shm) to FILE.damaged-<local time>,\n' +
      '  never deletes it, and counts the unsent events of this station it can still read. The next start shows the\n  first screen, where the station joins its site again from the upstream.',
    options: { db: { type: 'string' } },
    async run(values) {
      const report = await salvageStore(required(values, 'db'));
      console.log(`Moved ${values.db as string} aside as ${report.keptAs} (kept, never deleted).`);
      console.log(heldLine(report));
      if (report.unsent) console.log(`Send them to the upstream with: hq resend --from ${report.keptAs}`);
      console.log('Start Karakana again: its first screen joins the station to its site from the upstream.');
    },
  },
};
