// Test-only stand-in for `node core/cli/hq.js scale ...` until `scale` is wired into
// core/cli/commands.ts: the same parsing, messages and exit codes as core/cli/main.ts, for this
// one command. Run with `node --import tsx core/devices/scales/testing/hqScale.ts scale read ...`.
import { toErrorBody } from '../../../api/errors';
import { exitCodeFor, parse, UsageError } from '../../../cli/command';
import { scaleCommands } from '../../../cli/scaleCommands';

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? scaleCommands[name] : undefined;
  if (!name || !command) {
    console.error(`hq: unknown command "${name ?? ''}"`);
    return 2;
  }
  try {
    const { values, positionals } = parse(command, rest);
    if (values.help) {
      console.log(`${command.summary}\n\n${command.usage}`);
      return 0;
    }
    return (await command.run(values, positionals)) ?? 0;
  } catch (error) {
    const message = error instanceof UsageError ? `${error.message}\n\n${command.usage}` : toErrorBody(error).message;
    console.error(`hq ${name}: ${message}`);
    return exitCodeFor(error);
  }
}

process.exitCode = await main(process.argv.slice(2));
