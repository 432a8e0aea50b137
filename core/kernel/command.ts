import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AppError, UsageError } from './errors';

// Exit codes: 0 done; 1 the operation failed; 2 the command line is wrong; 3 the store cannot be used.
export const exit = { ok: 0, failed: 1, usage: 2, store: 3 } as const;

export interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number | void>;
}

export function parse(command: Command, argv: string[]) {
  try {
    return parseArgs({ args: argv, options: { ...command.options, help: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

/** An option given any number of times (`multiple: true`), as a list. */
export function repeated(values: Record<string, unknown>, name: string): string[] {
  const value = values[name];
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
}

export function port(value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not ${String(value)}`);
  return n;
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) return exit.usage;
  if (error instanceof AppError && error.code.startsWith('store.')) return exit.store;
  return exit.failed;
}
