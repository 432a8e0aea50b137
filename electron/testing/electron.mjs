// A stand-in for the 'electron' module, for electron/main/bundle.test.ts only (Electron cannot
// start on the build machines). It records what the built bundles ask of Electron, keeps the
// rules Electron itself enforces (privileged schemes before ready, the protocol after it, one
// handler per IPC channel) and hands the recorded handlers to the test's driver. Never shipped:
// electron-builder packs out/** only, and nothing outside electron/testing imports this file.
import { EventEmitter } from 'node:events';

export const recorded = {
  /** Every call, in order, by name: the test checks what came before the app was ready. */
  log: [],
  schemes: [],
  protocolHandlers: new Map(),
  ipcHandlers: new Map(),
  windows: [],
  headerListeners: [],
  permissionRequestHandlers: [],
  permissionCheckHandlers: [],
  errorBoxes: [],
  menus: [],
  exposed: new Map(),
  rendererListeners: new Map(),
  /** The frame the preload's calls come from, as Electron would report it to ipcMain. */
  rendererFrame: null,
  quit: false,
};

const log = (name) => recorded.log.push(name);
let ready = false;

class AppStandIn extends EventEmitter {
  isPackaged = true;

  requestSingleInstanceLock() {
    log('app.requestSingleInstanceLock');
    return process.env.KARAKANA_STANDIN_LOCK !== 'taken';
  }

  /** Electron is ready only after the main script has run to its end. */
  whenReady() {
    log('app.whenReady');
    return new Promise((resolve) =>
      setImmediate(() => {
        ready = true;
        log('ready');
        resolve();
      }),
    );
  }

  getPath(name) {
    if (name !== 'userData') throw new Error(`the stand-in knows no path ${name}`);
    return process.env.KARAKANA_STANDIN_USER_DATA;
  }

  getLocale = () => 'en';
  getVersion = () => '0.1.0';
  setAboutPanelOptions = () => log('app.setAboutPanelOptions');

  /**
   * As in Electron: gone at once with that code, without will-quit. What was asked of Electron is
   * sent to the test first, since the process takes its record with it.
   */
  exit(code) {
    log('app.exit');
    const record = { log: recorded.log, windows: recorded.windows.length };
    if (process.send) process.send({ id: 'exit', answer: record }, () => process.exit(code));
    else process.exit(code);
  }

  /** As in Electron: will-quit listeners may prevent the quit; otherwise the app is gone. */
  quit() {
    log('app.quit');
    let prevented = false;
    this.emit('will-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) recorded.quit = true;
  }
}

export const app = new AppStandIn();

export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    if (ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    log('protocol.registerSchemesAsPrivileged');
    recorded.schemes.push(...schemes);
  },
  handle(scheme, handler) {
    if (!ready) throw new Error('protocol.handle cannot be used before app is ready');
    if (recorded.protocolHandlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    log('protocol.handle');
    recorded.protocolHandlers.set(scheme, handler);
  },
};

export const ipcMain = {
  handle(channel, handler) {
    if (recorded.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    log('ipcMain.handle');
    recorded.ipcHandlers.set(channel, handler);
  },
};

class WebContentsStandIn extends EventEmitter {
  windowOpenHandler = null;
  sent = [];
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  send(channel, message) {
    this.sent.push({ channel, message });
  }
}

export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    if (!ready) throw new Error('Cannot create BrowserWindow before app is ready');
    log('new BrowserWindow');
    this.options = options;
    this.loadedUrls = [];
    this.webContents = new WebContentsStandIn();
    recorded.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url) {
    log('window.loadURL');
    this.loadedUrls.push(url);
    return Promise.resolve();
  }
  isDestroyed = () => false;
  isMinimized = () => false;
  show() {}
  restore() {}
  focus() {}
}

export const session = {
  defaultSession: {
    webRequest: { onHeadersReceived: (listener) => recorded.headerListeners.push(listener) },
    setPermissionRequestHandler: (handler) => recorded.permissionRequestHandlers.push(handler),
    setPermissionCheckHandler: (handler) => recorded.permissionCheckHandlers.push(handler),
  },
};

/** No OS key store here: the core keeps the token as it would on a machine without one. */
export const safeStorage = { isEncryptionAvailable: () => false };

export const dialog = { showErrorBox: (title, message) => recorded.errorBoxes.push({ title, message }) };

export const Menu = {
  buildFromTemplate: (template) => ({ template }),
  setApplicationMenu: (menu) => recorded.menus.push(menu),
};

/** The preload's side: what it exposes, and invoke reaching ipcMain's handler as from the window's frame. */
export const contextBridge = {
  exposeInMainWorld: (key, api) => recorded.exposed.set(key, api),
};

export const ipcRenderer = {
  async invoke(channel, ...args) {
    const handler = recorded.ipcHandlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ senderFrame: recorded.rendererFrame }, ...args);
  },
  on(channel, listener) {
    recorded.rendererListeners.set(channel, [...(recorded.rendererListeners.get(channel) ?? []), listener]);
  },
  off(channel, listener) {
    recorded.rendererListeners.set(channel, (recorded.rendererListeners.get(channel) ?? []).filter((l) => l !== listener));
  },
};

export default { app, protocol, ipcMain, BrowserWindow, session, safeStorage, dialog, Menu, contextBridge, ipcRenderer };
