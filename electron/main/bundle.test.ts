import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../core/app/app';
import { windowOptions } from './security';

// Electron cannot start on the build machines, so the built bundles are run under Node in a child
// process with a stand-in 'electron' module (electron/testing/): the wiring, the protocol and the
// IPC door are checked on the very files electron-builder packs, against a real store.
// `npm test` builds before Vitest runs. KARAKANA_OUT checks a build in another folder inside this
// checkout (.tmp/…), so that the bundle finds node_modules above it as the packaged app does.
const projectRoot = path.resolve(import.meta.dirname, '../..');
const out = path.resolve(projectRoot, process.env.KARAKANA_OUT ?? 'out');
const driver = path.join(projectRoot, 'electron/testing/mainProcess.mjs');

interface Frame {
  url: string;
  inSubframe?: boolean;
}
interface Started {
  log: string[];
  schemes: unknown[];
  protocolSchemes: string[];
  ipcChannels: string[];
  windows: { options: unknown; loadedUrls: string[]; windowOpen: unknown; navigationsPrevented: boolean[] }[];
  headerListeners: number;
  permissionsGranted: boolean[];
  menuRoles: string[][];
  errorBoxes: unknown[];
  quit: boolean;
}
interface Fetched {
  status: number;
  headers: Record<string, string>;
  body: string;
}
type Outcome = { result: { ok: boolean; data?: Record<string, unknown>; error?: { code: string } } } | { error: string };

/** The built main process, started in a child with the stand-in, and a way to ask it things. */
class MainProcess {
  private next = 0;
  private constructor(private readonly child: ChildProcess) {}

  static async start(userData: string, env: Record<string, string> = {}): Promise<MainProcess> {
    const main = path.join(out, 'main', 'index.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: build first (npm run build; npm test builds before Vitest runs)`);
    const { ELECTRON_RENDERER_URL: _devServer, ...inherited } = process.env;
    const child = fork(driver, [out], {
      env: { ...inherited, ...env, KARAKANA_STANDIN_USER_DATA: userData },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const started = new MainProcess(child);
    await started.reply('started');
    return started;
  }

  private reply<T>(id: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const onMessage = (message: { id: string; answer?: T; failure?: string }) => {
        if (message.id !== id) return;
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
        if (message.failure) reject(new Error(message.failure));
        else resolve(message.answer as T);
      };
      const onExit = (code: number | null) => reject(new Error(`the main process exited (${code}) before answering ${id}`));
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
    });
  }

  ask<T>(kind: string, question: object = {}): Promise<T> {
    const id = String(this.next++);
    const answer = this.reply<T>(id);
    this.child.send({ id, kind, ...question });
    return answer;
  }

  fetch(url: string): Promise<Fetched> {
    return this.ask<Fetched>('fetch', { url });
  }

  call(frame: Frame | null, name: string, input: unknown = {}): Promise<Outcome> {
    return this.ask<Outcome>('call', { frame, name, input, token: null });
  }

  stop(): void {
    this.child.kill();
  }
}

const appPage: Frame = { url: 'karakana://app/index.html' };
const admin = { name: 'Amina Yusuf', username: 'amina', pin: '2468135', stationCode: 'R1', stationName: 'Desk' };
const refused = (outcome: Outcome) => 'error' in outcome && /refused/.test(outcome.error);
const rendererBytes = (...segments: string[]) => readFileSync(path.join(out, 'renderer', ...segments)).toString('base64');

describe('the built desktop app, run with a stand-in Electron', () => {
  let userData: string;
  let main: MainProcess;

  beforeAll(async () => {
    userData = await mkdtemp(path.join(os.tmpdir(), 'karakana-bundle-'));
    main = await MainProcess.start(userData);
  });

  afterAll(async () => {
    main?.stop();
    await rm(userData, { recursive: true, force: true });
  });

  it('takes the single-instance lock, makes karakana:// privileged before ready, then serves it and one IPC channel, grants no permission and offers no dev tools', async () => {
    const started = await main.ask<Started>('started');
    const at = (name: string) => started.log.indexOf(name);
    expect(at('app.requestSingleInstanceLock')).toBeGreaterThanOrEqual(0);
    expect(at('protocol.registerSchemesAsPrivileged')).toBeGreaterThanOrEqual(0);
    expect(at('protocol.registerSchemesAsPrivileged')).toBeLessThan(at('ready'));
    expect(at('protocol.handle')).toBeGreaterThan(at('ready'));
    expect(started.schemes).toEqual([{ scheme: 'karakana', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(started.protocolSchemes).toEqual(['karakana']);
    expect(started.ipcChannels).toEqual(['karakana:call']);
    expect(started.headerListeners).toBe(1);
    expect(started.permissionsGranted).toEqual([false, false]);
    expect(started.menuRoles).toHaveLength(1);
    expect(started.menuRoles[0]).toContain('reload');
    expect(started.menuRoles[0]).not.toContain('toggleDevTools');
    expect(started.errorBoxes).toEqual([]);
  });

  it('opens one window with the options of security.ts, at karakana://app, that goes nowhere else', async () => {
    const navigations = ['karakana://app/index.html#/lots', 'https://example.com/', 'file:///etc/passwd', 'karakana://evil/'];
    const { windows } = await main.ask<Started>('started', { navigations });
    expect(windows).toHaveLength(1);
    const [window] = windows;
    const preload = path.join(out, 'preload', 'index.cjs');
    expect(window!.options).toEqual(windowOptions(preload));
    expect(window!.options).toMatchObject({ webPreferences: { preload, sandbox: true, contextIsolation: true, nodeIntegration: false } });
    expect(existsSync(preload)).toBe(true);
    expect(window!.loadedUrls).toEqual(['karakana://app/index.html']);
    expect(window!.windowOpen).toEqual({ action: 'deny' });
    expect(window!.navigationsPrevented).toEqual([false, true, true, true]);
  });

  it('serves the built renderer through karakana://app with its type and the policy', async () => {
    const index = await main.fetch('karakana://app/index.html');
    expect(index.status).toBe(200);
    expect(index.body).toBe(rendererBytes('index.html'));
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toContain("script-src 'self';");
    expect(index.headers['content-security-policy']).toContain("connect-src 'none';");

    const script = /<script type="module" crossorigin src="\.\/(assets\/[^"]+\.js)"/.exec(readFileSync(path.join(out, 'renderer', 'index.html'), 'utf8'))![1]!;
    const asset = await main.fetch(`karakana://app/${script}`);
    expect(asset.status).toBe(200);
    expect(asset.body).toBe(rendererBytes(...script.split('/')));
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await main.fetch('karakana://app/')).body).toBe(rendererBytes('index.html'));
  });

  it('plays the scan sounds from the top-level resources/ through karakana://app, and nothing else of it', async () => {
    const sound = await main.fetch('karakana://app/resources/sounds/scan-error.wav');
    expect([sound.status, sound.headers['content-type']]).toEqual([200, 'audio/wav']);
    expect(sound.body).toBe(readFileSync(path.join(projectRoot, 'resources', 'sounds', 'scan-error.wav')).toString('base64'));
    for (const url of ['karakana://evil/resources/sounds/scan-ok.wav', 'karakana://app/resources/icon.png', 'karakana://app/resources/sounds/..%2Ffonts%2FDejaVuSansMono.ttf'])
      expect({ url, status: (await main.fetch(url)).status }).toEqual({ url, status: 404 });
  });

  it('answers 404 to a way out of the renderer folder, a folder, a missing file or another host', async () => {
    for (const url of [
      'karakana://app/../main/index.js',
      'karakana://app/..%2Fmain%2Findex.js',
      'karakana://app/assets/..%2F..%2Fpreload%2Findex.cjs',
      'karakana://app/..%5Cmain%5Cindex.js',
      `karakana://app/${encodeURIComponent(path.join(out, 'main', 'index.js'))}`,
      'karakana://app/assets',
      'karakana://app/missing.js',
      'karakana://evil/index.html',
    ]) {
      const answer = await main.fetch(url);
      expect({ url, status: answer.status }).toEqual({ url, status: 404 });
    }
  });

  it('serves a call from the app’s own main frame from the real store in userData, and refuses any other frame', async () => {
    const state = await main.call(appPage, 'setup.state');
    expect(state).toMatchObject({ result: { ok: true, data: { hasUsers: false } } });

    const strangers: (Frame | null)[] = [
      { url: 'karakana://app/index.html', inSubframe: true },
      { url: 'https://evil.example/' },
      { url: pathToFileURL(path.join(out, 'renderer', 'index.html')).href },
      { url: 'karakana://evil/index.html' },
      null,
    ];
    for (const frame of strangers) expect(refused(await main.call(frame, 'setup.createAdmin', admin)), JSON.stringify(frame)).toBe(true);
    expect(await main.call(appPage, 'setup.state')).toMatchObject({ result: { ok: true, data: { hasUsers: false } } });

    expect(await main.call(appPage, 'setup.createAdmin', admin)).toMatchObject({ result: { ok: true } });
  });

  it('runs the built preload in a sandbox: it needs only electron and exposes karakana with call and subscribe only', async () => {
    const preload = await main.ask<{ required: string[]; exposed: Record<string, Record<string, string>> }>('preload');
    expect(preload.required).toEqual(['electron']);
    expect(preload.exposed).toEqual({ karakana: { call: 'function', subscribe: 'function' } });

    const fromPage = await main.ask<Outcome>('preloadCall', { frame: appPage, name: 'setup.state', input: {} });
    expect(fromPage).toMatchObject({ result: { ok: true, data: { hasUsers: true } } });
    const fromFrame = await main.ask<Outcome>('preloadCall', { frame: { ...appPage, inSubframe: true }, name: 'setup.state', input: {} });
    expect(refused(fromFrame)).toBe(true);
  });

  it('closes the store before it quits, with the admin in the station file under userData', async () => {
    const { log } = await main.ask<{ log: string[] }>('quit');
    expect(log.filter((name) => name === 'app.quit')).toHaveLength(2);
    const station = await createApp(path.join(userData, 'station.db'), { devicePollMs: 0 });
    try {
      expect(await station.call({ name: 'setup.state', input: {}, token: null })).toMatchObject({ ok: true, data: { hasUsers: true } });
      expect(await station.call({ name: 'session.login', input: { username: 'amina', pin: '2468135' }, token: null })).toMatchObject({ ok: true });
    } finally {
      await station.close();
    }
  });
});

describe('a second start of the built app', () => {
  it('quits at once when another Karakana holds the lock, without touching the store', async () => {
    const userData = await mkdtemp(path.join(os.tmpdir(), 'karakana-bundle-'));
    const second = await MainProcess.start(userData, { KARAKANA_STANDIN_LOCK: 'taken' });
    try {
      const started = await second.ask<Started>('started');
      expect(started.log).toEqual(['protocol.registerSchemesAsPrivileged', 'app.requestSingleInstanceLock', 'app.quit']);
      expect(started.quit).toBe(true);
      expect(started.windows).toEqual([]);
      expect(existsSync(path.join(userData, 'station.db'))).toBe(false);
    } finally {
      second.stop();
      await rm(userData, { recursive: true, force: true });
    }
  });
});
