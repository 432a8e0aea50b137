// The Electron security rules of the one Karakana window, as plain data and pure functions so a
// test (and an auditor) can read them without starting Electron. index.ts only wires them in.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions, WindowOpenHandlerResponse } from 'electron';
import { contentSecurityPolicy } from '../../core/server/static';

/** Where the app's own pages come from: Vite's dev server, or the built renderer folder. */
export type AppOrigin = { kind: 'dev'; origin: string } | { kind: 'files'; folder: string };

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * ELECTRON_RENDERER_URL is honoured only in an unpackaged app and only on this machine: an
 * installed Karakana must never be pointed at another server by an environment variable.
 */
export function appOrigin(devUrl: string | undefined, packaged: boolean, rendererFolder: string): AppOrigin {
  if (packaged || !devUrl) return { kind: 'files', folder: path.resolve(rendererFolder) };
  const url = new URL(devUrl);
  if (url.protocol !== 'http:' || !loopbackHosts.has(url.hostname))
    throw new Error(`ELECTRON_RENDERER_URL must be an http:// address on this machine, not ${devUrl}`);
  return { kind: 'dev', origin: url.origin };
}

/** The URL the window opens. */
export function entryUrl(origin: AppOrigin): string {
  return origin.kind === 'dev' ? `${origin.origin}/` : pathToFileURL(path.join(origin.folder, 'index.html')).href;
}

function filePath(url: URL): string | null {
  try {
    return fileURLToPath(url);
  } catch {
    return null; // a file URL with a host (\\server\share) or an encoded separator
  }
}

/** Whether a URL is one of the app's own pages. A file:// URL must lie inside the renderer folder. */
export function isAppUrl(rawUrl: string, origin: AppOrigin): boolean {
  if (!URL.canParse(rawUrl)) return false;
  const url = new URL(rawUrl);
  if (origin.kind === 'dev') return url.origin === origin.origin;
  if (url.protocol !== 'file:') return false;
  const file = filePath(url);
  if (file === null) return false;
  const relative = path.relative(origin.folder, file);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/**
 * An IPC call is served only for the app's own page in the window's main frame: an iframe or any
 * other page (were one ever loaded) gets nothing from the core.
 */
export function isAllowedSender(senderUrl: string, isMainFrame: boolean, origin: AppOrigin): boolean {
  return isMainFrame && isAppUrl(senderUrl, origin);
}

/** The window never leaves the app: links to anywhere else are not followed. */
export function isAllowedNavigation(url: string, origin: AppOrigin): boolean {
  return isAppUrl(url, origin);
}

/** Camera, microphone, notifications, geolocation…: the app needs none, and Electron grants by default. */
export function permissionDecision(): boolean {
  return false;
}

/** window.open and target=_blank open nothing; the app lives in one window. */
export function windowOpenDecision(): WindowOpenHandlerResponse {
  return { action: 'deny' };
}

/**
 * The station server's policy. Vite's dev page starts React Refresh with an inline script, so in
 * development only, inline scripts are allowed; the built app keeps script-src 'self'.
 */
export function contentSecurityPolicyFor(origin: AppOrigin): string {
  if (origin.kind === 'files') return contentSecurityPolicy;
  return contentSecurityPolicy.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'");
}

export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: 'Karakana',
    width: 1366,
    height: 860,
    // The screens are laid out for a workbench monitor; narrower windows break the tables.
    minWidth: 1024,
    minHeight: 680,
    // Shown on ready-to-show, over a dark background, so the start shows no white flash.
    show: false,
    backgroundColor: '#16140f',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // A file dropped on the window would otherwise replace the app with that file.
      navigateOnDragDrop: false,
      // Lot numbers and SKUs are not words; red underlines only distract.
      spellcheck: false,
    },
  };
}
