import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A real hq process (upstream or station server), started and stopped by the test itself. */
export class HqProcess {
  private child: ChildProcess | null = null;

  constructor(private readonly args: string[]) {}

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['core/cli/hq.js', ...this.args], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (/http:\/\/\S+/.test(output)) resolve();
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => reject(new Error(`hq ${this.args[0]} exited with ${code}: ${output}`)));
    });
  }

  /** SIGTERM stops it as a service manager would; SIGKILL is a power cut or a dead machine. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
    this.child = null;
  }
}

export function tempFolder(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'karakana-e2e-'));
}
