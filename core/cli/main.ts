import { toErrorBody } from '../kernel/errors';
import { exit, exitCodeFor, parse } from '../kernel/command';
import { UsageError } from '../kernel/errors';
import { commands } from './commands';

function help(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  return ['Usage: hq <command> [options]   (hq <command> --help for its options)', '', 'Commands:']
    .concat(Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`))
    .join('\n');
}

/** Runs one hq command line (without `hq` itself) and answers its exit code: core/cli/hq.js and `Karakana --hq`. */
export async function runHq(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help') {
    console.log(help());
    return name ? exit.ok : exit.usage;
  }
  const command = commands[name];
  if (!command) {
    console.error(`hq: unknown command "${name}"\n\n${help()}`);
    return exit.usage;
  }
  try {
    const { values, positionals } = parse(command, rest);
    if (values.help) {
      console.log(`${command.summary}\n\n${command.usage}`);
      return exit.ok;
    }
    return (await command.run(values, positionals)) ?? exit.ok;
  } catch (error) {
    const message = error instanceof UsageError ? `${error.message}\n\n${command.usage}` : toErrorBody(error).message;
    console.error(`hq ${name}: ${message}`);
    return exitCodeFor(error);
  }
}
