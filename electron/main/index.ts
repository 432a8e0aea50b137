// The desktop shell: one window over this station's core. The rules worth testing live in core/ and
// in security.ts; this file only wires them to Electron.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, type WebContents } from 'electron';
import { ipcChannels } from '../../core/api/bridge';
import { topics, type TopicName } from '../../core/api/contract';
import { openStationApp } from '../../core/app/station';
import type { Station } from '../../core/app/storeProblem';
import type { TokenVault } from '../../core/sync/vault';
import { updatesUpstream } from '../../core/updates/notice';
import {
  appFile,
  appOrigin,
  appScheme,
  appSchemePrivileges,
  contentSecurityPolicyFor,
  entryUrl,
  isAllowedNavigation,
  isAllowedSender,
  permissionDecision,
  rendererHeaders,
  windowOpenDecision,
  windowOptions,
} from './security';
import { hqArguments, runHqCommand } from './hq';
import { startFailure } from './startFailure';
import { keepUpToDate } from './updates';

// out/main, beside out/preload and out/renderer (also inside app.asar).
const outMain = path.dirname(fileURLToPath(import.meta.url));
const rendererFolder = path.join(outMain, '../renderer');
const origin = appOrigin(process.env.ELECTRON_RENDERER_URL, app.isPackaged);
const stationFile = path.join(app.getPath('userData'), 'station.db');
let mainWindow: BrowserWindow | null = null;

/** The upstream token sealed with the OS's key store where Electron has one (DPAPI on Windows). */
function safeStorageVault(): TokenVault | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  return {
    seal: (token) => `safe:${safeStorage.encryptString(token).toString('base64')}`,
    open: (sealed) => (sealed.startsWith('safe:') ? safeStorage.decryptString(Buffer.from(sealed.slice(5), 'base64')) : sealed),
  };
}

function protectSession(): void {
  const policy = contentSecurityPolicyFor(origin);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(permissionDecision()));
  session.defaultSession.setPermissionCheckHandler(() => permissionDecision());
}

/** karakana://app/… answers with the built renderer's files and resources/'s sounds, nothing else; anything else is a 404. */
function serveRenderer(): void {
  protocol.handle(appScheme, async (request) => {
    const file = appFile(request.url, rendererFolder);
    if (file === null) return new Response('Not found', { status: 404 });
    try {
      return new Response(await readFile(file), { headers: rendererHeaders(file, origin) });
    } catch {
      return new Response('Not found', { status: 404 }); // missing, or a folder
    }
  });
}

function guardContents(contents: WebContents): void {
  contents.setWindowOpenHandler(windowOpenDecision);
  contents.on('will-navigate', (event) => {
    if (!isAllowedNavigation(event.url, origin)) event.preventDefault();
  });
}

function serveCore(station: Station): void {
  ipcMain.handle(ipcChannels.call, (event, name: unknown, input: unknown, token: unknown) => {
    const frame = event.senderFrame;
    // A frame without a parent is its page's main frame (VS Code's validatedIpcMain checks the same).
    if (!frame || !isAllowedSender(frame.url, frame.parent === null, origin))
      throw new Error(`Karakana refused a call from ${frame?.url ?? 'a closed frame'}`);
    // Only the shapes are settled here; dispatch checks the name and parses the input with zod.
    return station.call({ name: String(name), input, token: typeof token === 'string' ? token : null });
  });
}

function forwardTopics(station: Station, window: BrowserWindow): void {
  for (const topic of Object.keys(topics) as TopicName[])
    station.bus.subscribe(topic, (payload) => {
      if (!window.isDestroyed()) window.webContents.send(ipcChannels.topic, { topic, payload });
    });
}

function applicationMenu(): Menu {
  return Menu.buildFromTemplate([
    { label: 'File', submenu: [{ role: 'quit' }] },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' } as const]),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: 'Help', submenu: [{ role: 'about' }] },
  ]);
}

function openWindow(): BrowserWindow {
  const window = new BrowserWindow(windowOptions(path.join(outMain, '../preload/index.cjs')));
  window.once('ready-to-show', () => window.show());
  window.loadURL(entryUrl(origin)).catch((error: unknown) => console.error('karakana: the window did not load:', error));
  return window;
}

/** Electron does not wait for promises on quit: hold the quit until the store is closed. */
function closeOnQuit(station: Station): void {
  let store: 'open' | 'closing' | 'closed' = 'open';
  app.on('will-quit', (event) => {
    if (store === 'closed') return;
    event.preventDefault();
    if (store === 'closing') return;
    store = 'closing';
    station
      .close()
      .catch((error: unknown) => console.error('karakana: closing the store failed:', error))
      .finally(() => {
        store = 'closed';
        app.quit();
      });
  });
}

async function start(): Promise<void> {
  const station = await openStationApp(stationFile, { vault: safeStorageVault() });
  closeOnQuit(station);
  protectSession();
  serveRenderer();
  serveCore(station);
  app.setAboutPanelOptions({ applicationName: 'Karakana', applicationVersion: app.getVersion() });
  Menu.setApplicationMenu(applicationMenu());
  mainWindow = openWindow();
  forwardTopics(station, mainWindow);
  keepUpToDate(() => updatesUpstream(stationFile));
}

function openStation(): void {
  // Privileges can be given to a scheme only before the app is ready.
  protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: appSchemePrivileges }]);
  // One Karakana per user: a second start brings the open window forward instead of fighting over the store.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start).catch((error: unknown) => {
    const { title, message } = startFailure(error, app.getLocale(), stationFile);
    dialog.showErrorBox(title, message);
    app.quit();
  });
}

// `--hq` runs a technician's command beside an open window too: it takes no lock and opens nothing.
const hqCommand = hqArguments(process.argv);
if (hqCommand) void runHqCommand(hqCommand, path.dirname(outMain));
else openStation();
