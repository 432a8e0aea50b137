import { readFileSync } from 'node:fs';
import { AppError } from '../kernel/errors';
import { exit, type Command } from '../kernel/command';
import { UsageError } from '../kernel/errors';
import { check, parseInstance, parseSchedule, solve } from './schedule';

// The plating commands of hq (joined in core/cli/commands.ts).

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new AppError('plating.schedule.file.unreadable', `Cannot read the ${what} ${file}: ${(error as Error).message}`, { file });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError('plating.schedule.file.notJson', `The ${what} ${file} is not JSON: ${(error as Error).message}`, { file });
  }
}

function positiveInteger(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${name} must be a whole number above 0, not ${String(value)}`);
  return n;
}

export const platingCommands: Record<string, Command> = {
  schedule: {
    summary: 'plan plating batches for an instance, or check a schedule against every rule',
    usage: [
      'hq schedule INSTANCE.json [--time-limit MS] [--seed N]',
      '  Prints the schedule as JSON: {batches: [{line, finish, start, end, items: [{lot, pieces}]}], objective}.',
      '  --time-limit is the time for the whole solve (default 1500 ms).',
      'hq schedule --check INSTANCE.json SCHEDULE.json',
      '  Checks every rule and prints the objective (weighted tardiness, changeovers, makespan) and any',
      '  violations as JSON; exits 1 when the schedule breaks a rule.',
      '  Formats: see the plating scheduler in the README.',
    ].join('\n'),
    options: { check: { type: 'boolean' }, 'time-limit': { type: 'string' }, seed: { type: 'string' } },
    async run(values, positionals) {
      if (values.check) {
        if (positionals.length !== 2) throw new UsageError('--check needs INSTANCE.json and SCHEDULE.json');
        const instance = parseInstance(readJson(positionals[0]!, 'instance'));
        const result = check(instance, parseSchedule(readJson(positionals[1]!, 'schedule')));
        console.log(JSON.stringify(result, null, 2));
        if (!result.valid) {
          console.error(`The schedule breaks ${result.violations.length} rule(s); the first: ${result.violations[0]!.message}`);
          return exit.failed;
        }
        return exit.ok;
      }
      if (positionals.length !== 1) throw new UsageError(positionals.length ? `one instance file, not ${positionals.length}` : 'say which INSTANCE.json');
      const instance = parseInstance(readJson(positionals[0]!, 'instance'));
      const schedule = solve(instance, { timeLimitMs: positiveInteger(values['time-limit'], 'time-limit'), seed: positiveInteger(values.seed, 'seed') });
      console.log(JSON.stringify(schedule, null, 2));
      return exit.ok;
    },
  },
};
