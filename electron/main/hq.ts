// `Karakana --hq <command> ...`: the installers ship only the built app, so the installed app
// answers the technician's hq commands itself, with the same output and exit codes, and no window.
import { app } from 'electron';
import { exit } from '../../core/kernel/command';

/** What follows `--hq` on the app's command line, or null when it was started to open its window. */
export function hqArguments(argv: readonly string[]): string[] | null {
  const at = argv.indexOf('--hq');
  return at < 0 ? null : argv.slice(at + 1);
}

/** Resolves once everything written to the stream has left the process: app.exit does not wait. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}

/** Runs the command as core/cli/hq.js does, then quits with its exit code. */
export async function runHqCommand(argv: string[], outFolder: string): Promise<void> {
  // `hq serve` serves this app's own renderer: the CLI would look for it beside its own chunk.
  process.env.KARAKANA_OUT ??= outFolder;
  // Loaded only here: opening the window does not pay for the CLI's modules.
  const code = await import('../../core/cli/main')
    .then(({ runHq }) => runHq(argv))
    .catch((error: unknown) => {
      console.error(`hq: ${error instanceof Error ? error.message : String(error)}`);
      return exit.failed;
    });
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  app.exit(code);
}
