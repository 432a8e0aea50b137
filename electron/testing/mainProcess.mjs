// The child process of electron/main/bundle.test.ts: runs the built main bundle under Node with the
// Electron stand-in, then answers the test's questions over the fork channel by calling what the
// bundle registered (the protocol handler, the IPC handler) and the built preload, as Electron would.
// Usage: fork(this file, [outFolder]).
import { readFile } from 'node:fs/promises';
import { register } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';

const [outFolder] = process.argv.slice(2);
register('./hooks.mjs', import.meta.url);
const { recorded, default: electron } = await import('./electron.mjs');

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
async function until(condition) {
  while (!condition()) await settle();
}

/** Electron reports a frame by its URL and its parent (null for a page's main frame). */
const frameOf = (frame) => (frame ? { url: frame.url, parent: frame.inSubframe ? { url: frame.url } : null } : null);

async function outcome(promise) {
  try {
    return { result: await promise };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

function navigation(contents, url) {
  let prevented = false;
  contents.emit('will-navigate', { url, preventDefault: () => (prevented = true) });
  return prevented;
}

const answers = {
  started: ({ navigations = [] }) => ({
    log: recorded.log,
    schemes: recorded.schemes,
    protocolSchemes: [...recorded.protocolHandlers.keys()],
    ipcChannels: [...recorded.ipcHandlers.keys()],
    windows: recorded.windows.map((window) => ({
      options: window.options,
      loadedUrls: window.loadedUrls,
      windowOpen: window.webContents.windowOpenHandler?.({ url: 'https://example.com/' }) ?? null,
      navigationsPrevented: navigations.map((url) => navigation(window.webContents, url)),
    })),
    headerListeners: recorded.headerListeners.length,
    // What the session answers a page asking for the camera.
    permissionsGranted: [
      ...recorded.permissionRequestHandlers.map((handler) => {
        let granted;
        handler({}, 'media', (answer) => (granted = answer));
        return granted;
      }),
      ...recorded.permissionCheckHandlers.map((handler) => handler({}, 'media', 'karakana://app', {})),
    ],
    menuRoles: recorded.menus.map((menu) => menu.template.flatMap((item) => (item.submenu ?? []).map((entry) => entry.role ?? entry.type))),
    errorBoxes: recorded.errorBoxes,
    quit: recorded.quit,
  }),

  async fetch({ url }) {
    const response = await recorded.protocolHandlers.get('karakana')(new Request(url));
    const body = Buffer.from(await response.arrayBuffer());
    return { status: response.status, headers: Object.fromEntries(response.headers), body: body.toString('base64') };
  },

  call: ({ frame, name, input, token }) =>
    outcome(Promise.resolve().then(() => recorded.ipcHandlers.get('karakana:call')({ senderFrame: frameOf(frame) }, name, input, token))),

  /** The preload runs as in Electron's sandbox: CommonJS, with require('electron') and nothing else. */
  async preload() {
    const file = path.join(outFolder, 'preload', 'index.cjs');
    const required = [];
    const module = { exports: {} };
    const require = (id) => {
      required.push(id);
      if (id === 'electron') return electron;
      throw new Error(`module not found: ${id}`);
    };
    vm.runInNewContext(await readFile(file, 'utf8'), { require, module, exports: module.exports }, { filename: file });
    return {
      required,
      exposed: Object.fromEntries(
        [...recorded.exposed].map(([key, api]) => [key, Object.fromEntries(Object.entries(api).map(([name, value]) => [name, typeof value]))]),
      ),
    };
  },

  preloadCall({ frame, name, input }) {
    recorded.rendererFrame = frameOf(frame);
    return outcome(recorded.exposed.get('karakana').call(name, input, null));
  },

  async quit() {
    electron.app.quit();
    await until(() => recorded.quit);
    return { log: recorded.log };
  },
};

process.on('message', ({ id, kind, ...question }) => {
  Promise.resolve()
    .then(() => answers[kind](question))
    .then(
      (answer) => process.send({ id, answer }),
      (error) => process.send({ id, failure: error instanceof Error ? error.stack : String(error) }),
    );
});

await import(pathToFileURL(path.join(outFolder, 'main', 'index.js')).href);
// Started: the window is open, or the app gave up (another instance, or a start failure).
await until(() => recorded.windows.length > 0 || recorded.quit || recorded.errorBoxes.length > 0);
process.send({ id: 'started' });
