import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../core/app/app';
import { latestVersion } from '../../core/db/migrations';

// `Karakana --hq ...` on an installed station: the built main bundle, run under Node with the
// stand-in Electron as electron/main/bundle.test.ts does, must answer as core/cli/hq.js does
// (output, exit code) and open nothing. KARAKANA_OUT: a build inside this checkout, as there.
const projectRoot = path.resolve(import.meta.dirname, '../..');
const out = path.resolve(projectRoot, process.env.KARAKANA_OUT ?? 'out');
const driver = path.join(projectRoot, 'electron/testing/mainProcess.mjs');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** What the app asked of Electron before it exited (null: it never called app.exit). */
  asked: { log: string[]; windows: number } | null;
}

/** Started and not yet ended: an app that opened a window instead would run on after its test. */
const running = new Set<ChildProcess>();

/** Starts the built app as `Karakana ARGS...`; `whileRunning` sees its output until it ends. */
function karakana(userData: string, args: string[], whileRunning?: (stdout: () => string, stop: () => void) => Promise<void>): Promise<Run> {
  if (!existsSync(path.join(out, 'main', 'index.js'))) throw new Error(`${out}/main/index.js is missing: build first (npm run build)`);
  const { ELECTRON_RENDERER_URL: _devServer, KARAKANA_OUT: _build, ...inherited } = process.env;
  const child = fork(driver, [out, ...args], { env: { ...inherited, KARAKANA_STANDIN_USER_DATA: userData }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  running.add(child);
  child.on('exit', () => running.delete(child));
  const run: Run = { code: null, stdout: '', stderr: '', asked: null };
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (run.stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (run.stderr += chunk));
  child.on('message', (message: { id: string; answer?: Run['asked'] }) => {
    if (message.id === 'exit') run.asked = message.answer ?? null;
  });
  const ended = new Promise<Run>((resolve) => child.on('exit', (code) => resolve({ ...run, code })));
  void whileRunning?.(() => run.stdout, () => child.kill('SIGTERM'));
  return ended;
}

const untilPrinted = async (stdout: () => string, pattern: RegExp) => {
  while (!pattern.test(stdout())) await new Promise((resolve) => setTimeout(resolve, 50));
  return pattern.exec(stdout())!;
};

describe('Karakana --hq, the built app answering the technician’s commands', { timeout: 60_000 }, () => {
  let userData: string;

  beforeAll(async () => {
    userData = await mkdtemp(path.join(os.tmpdir(), 'karakana-hq-'));
  });
  afterAll(async () => {
    for (const child of running) child.kill();
    await rm(userData, { recursive: true, force: true });
  });

  it('prints the commands for --hq --help and exits 0 without the lock, a window or the station’s store', async () => {
    const run = await karakana(userData, ['--hq', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: hq <command>/);
    for (const command of ['serve', 'sync', 'publish', 'scale', 'label', 'sampling-plan']) expect(run.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    expect(run.asked).toEqual({ log: ['app.exit'], windows: 0 });
    expect(existsSync(path.join(userData, 'station.db'))).toBe(false);
  });

  it('answers a command on stdout with exit 0, and a wrong command line with exit 2 on stderr', async () => {
    // The plan Z1.4 gives for 1000 pieces at AQL 2.5: code letter J, 80 pieces, accept 5, reject 6.
    const plan = await karakana(userData, ['--hq', 'sampling-plan', '--lot-size', '1000', '--aql', '2.5']);
    expect(plan.code).toBe(0);
    expect(JSON.parse(plan.stdout)).toEqual({ codeLetter: 'J', sampleSize: 80, accept: 5, reject: 6, inspectAll: false });

    const wrong = await karakana(userData, ['--hq', 'sampling-plan', '--lot-size', '1000']);
    expect(wrong.code).toBe(2);
    expect(wrong.stdout).toBe('');
    expect(wrong.stderr).toMatch(/^hq sampling-plan: .*--aql/);
  });

  it('opens SQLite stores through the shipped native module: migrate says the schema, a missing store exits 3', async () => {
    const file = path.join(userData, 'desk.db');
    await (await createApp(file, { devicePollMs: 0 })).close();
    const migrate = await karakana(userData, ['--hq', 'migrate', '--db', file]);
    expect({ code: migrate.code, stdout: migrate.stdout.trim() }).toEqual({ code: 0, stdout: `${file} is at schema ${latestVersion}` });

    const missing = await karakana(userData, ['--hq', 'migrate', '--db', path.join(userData, 'nowhere.db')]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/^hq migrate: /);
  });

  it('serves the app’s own built screens with --hq serve, and exits 0 when stopped', async () => {
    const file = path.join(userData, 'served.db');
    let page = '';
    const run = await karakana(userData, ['--hq', 'serve', '--db', file, '--port', '0'], async (stdout, stop) => {
      const [, url] = await untilPrinted(stdout, /station server: (http:\/\/\S+)/);
      page = await (await fetch(`${url}/`)).text();
      stop();
    });
    expect(page).toBe(readFileSync(path.join(out, 'renderer', 'index.html'), 'utf8'));
    expect(run.code).toBe(0);
    expect(run.asked?.windows).toBe(0);
  });
});
