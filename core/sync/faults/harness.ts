import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { openSqlite, sqlite3 } from '../../db/dialect';

// Real processes for the fault tests and the soak: the reference upstream (`hq upstream`) and
// stations (`hq sync`, `hq simulate`, or the soak's station worker), each its own Node process
// that can be SIGKILLed at a chosen moment, as a power cut or the task manager would.

const here = path.dirname(fileURLToPath(import.meta.url));
export const hqScript = path.resolve(here, '../../cli/hq.js');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const live = new Set<Proc>();

/** One child process running Node, its stdout and stderr gathered into `output`. */
export class Proc {
  readonly child: ChildProcess;
  output = '';
  readonly exited: Promise<Exit>;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly name: string,
    args: string[],
  ) {
    this.child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    live.add(this);
    const gather = (chunk: string) => {
      this.output += chunk;
      for (const listener of this.listeners) listener();
    };
    this.child.stdout!.setEncoding('utf8').on('data', gather);
    this.child.stderr!.setEncoding('utf8').on('data', gather);
    this.exited = new Promise((resolve) => {
      this.child.on('close', (code, signal) => {
        live.delete(this);
        for (const listener of this.listeners) listener();
        resolve({ code, signal });
      });
    });
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Waits until the output matches (counting output already gathered); fails if the process ends first. */
  waitFor(pattern: RegExp, timeoutMs = 30_000): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(this.output);
        if (match) return done(() => resolve(match));
        if (!this.running) done(() => reject(new Error(`${this.name} ended without printing ${pattern}:\n${this.output}`)));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`${this.name} did not print ${pattern} within ${timeoutMs} ms:\n${this.output}`))), timeoutMs);
      const done = (settle: () => void) => {
        clearTimeout(timer);
        this.listeners.delete(check);
        settle();
      };
      this.listeners.add(check);
      check();
    });
  }

  /** SIGKILL: no handler runs, no transaction finishes, nothing is flushed. */
  async kill(): Promise<Exit> {
    if (this.running) this.child.kill('SIGKILL');
    return this.exited;
  }

  /** SIGTERM and wait; SIGKILL if it has not ended after graceMs. */
  async stop(graceMs = 5000): Promise<Exit> {
    if (!this.running) return this.exited;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    const exit = await this.exited;
    clearTimeout(timer);
    return exit;
  }
}

/** SIGKILLs every process this module started that is still running. */
export async function killAll(): Promise<void> {
  await Promise.all([...live].map((p) => p.kill()));
}

/** `hq <args>` as a running process. */
export function hqProcess(args: string[]): Proc {
  return new Proc(`hq ${args.join(' ')}`, [hqScript, ...args]);
}

/** Runs `hq <args>` to its end. */
export async function hq(args: string[], timeoutMs = 60_000): Promise<Exit & { output: string }> {
  const proc = hqProcess(args);
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), timeoutMs);
  const exit = await proc.exited;
  clearTimeout(timer);
  return { ...exit, output: proc.output };
}

/** `hq digest --db FILE` or `--upstream URL`, as its printed line. */
export async function hqDigest(target: { db: string } | { upstream: string }): Promise<string> {
  const run = await hq('db' in target ? ['digest', '--db', target.db] : ['digest', '--upstream', target.upstream]);
  if (run.code !== 0) throw new Error(`hq digest failed:\n${run.output}`);
  return run.output.trim();
}

/** The reference upstream as a process (`hq upstream --demo` on an OS-assigned port). */
export class UpstreamProcess {
  private constructor(
    readonly file: string,
    readonly proc: Proc,
    readonly url: string,
    private readonly readyAt: number,
  ) {}

  static async start(file: string): Promise<UpstreamProcess> {
    const proc = hqProcess(['upstream', '--db', file, '--port', '0', '--demo']);
    const match = await proc.waitFor(/Karakana upstream.*: (http:\/\/\S+)/);
    return new UpstreamProcess(file, proc, match[1]!, Date.now());
  }

  get port(): number {
    return Number(new URL(this.url).port);
  }

  kill(): Promise<Exit> {
    return this.proc.kill();
  }

  /** A graceful stop (the store is closed and its WAL folded back into the file). */
  async stop(): Promise<Exit> {
    // `hq upstream` prints its address a moment before it listens for SIGTERM.
    const settled = this.readyAt + 300 - Date.now();
    if (settled > 0) await sleep(settled);
    return this.proc.stop();
  }
}

const sidecars = ['-wal', '-shm'];

/** Copies a store that no process has open (its WAL too, should it have been SIGKILLed). */
export function copyStore(from: string, to: string): void {
  for (const suffix of ['', ...sidecars]) rmSync(to + suffix, { force: true });
  copyFileSync(from, to);
  if (existsSync(from + '-wal')) copyFileSync(from + '-wal', to + '-wal');
}

/** Polls until check() returns a value other than undefined, or fails after timeoutMs. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000, everyMs = 100): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await sleep(everyMs);
  }
}

/**
 * SIGKILLs proc at the moment it is inside a write transaction on the store file (it holds the
 * write lock), polling every millisecond or so: "killed mid-apply", not "killed around then".
 * Returns false if no write began within timeoutMs (proc is then left running).
 */
export async function killInsideWrite(file: string, proc: Proc, timeoutMs = 10_000): Promise<boolean> {
  const db = await openSqlite(file, sqlite3.OPEN_READWRITE);
  db.configure('busyTimeout', 0);
  const run = (sql: string) => new Promise<void>((resolve, reject) => db.run(sql, (err) => (err ? reject(err) : resolve())));
  try {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until && proc.running) {
      try {
        await run('BEGIN IMMEDIATE');
        await run('ROLLBACK');
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
        await proc.kill();
        return true;
      }
      await sleep(1);
    }
    return false;
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}
