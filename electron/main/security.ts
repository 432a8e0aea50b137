// The Electron security rules of the one Karakana window, as plain data and pure functions so a
// test (and an auditor) can read them without starting Electron. index.ts only wires them in.
import path from 'node:path';
import type { BrowserWindowConstructorOptions, WindowOpenHandlerResponse } from 'electron';
import { soundFile } from '../../core/resources/folder';
import { contentSecurityPolicy, contentTypes } from '../../core/server/static';

/** The app's own pages are served from karakana://app/, a standard, secure origin of its own. */
export const appScheme = 'karakana';
const appHost = 'app';

/**
 * Registered before the app is ready, as Electron's documentation registers a scheme served with
 * protocol.handle: standard (relative URLs and an origin of its own) and secure (like https).
 */
export const appSchemePrivileges = { standard: true, secure: true, supportFetchAPI: true };

/** Where the app's own pages come from: Vite's dev server, or the built renderer folder through karakana://app. */
export type AppOrigin = { kind: 'dev'; origin: string } | { kind: 'app' };

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * ELECTRON_RENDERER_URL is honoured only in an unpackaged app and only on this machine: an
 * installed Karakana must never be pointed at another server by an environment variable.
 */
export function appOrigin(devUrl: string | undefined, packaged: boolean): AppOrigin {
  if (packaged || !devUrl) return { kind: 'app' };
  const url = new URL(devUrl);
  if (url.protocol !== 'http:' || !loopbackHosts.has(url.hostname))
    throw new Error(`ELECTRON_RENDERER_URL must be an http:// address on this machine, not ${devUrl}`);
  return { kind: 'dev', origin: url.origin };
}

/** The URL the window opens. */
export function entryUrl(origin: AppOrigin): string {
  return origin.kind === 'dev' ? `${origin.origin}/` : `${appScheme}://${appHost}/index.html`;
}

function isAppProtocolUrl(url: URL): boolean {
  return url.protocol === `${appScheme}:` && url.host === appHost && url.username === '' && url.password === '';
}

/** Whether a URL is one of the app's own pages. */
export function isAppUrl(rawUrl: string, origin: AppOrigin): boolean {
  if (!URL.canParse(rawUrl)) return false;
  const url = new URL(rawUrl);
  return origin.kind === 'dev' ? url.origin === origin.origin : isAppProtocolUrl(url);
}

/** One decoded path segment, or null for one that could leave its folder or name a stream (`a:b`). */
function safeSegment(raw: string): string | null {
  let segment: string;
  try {
    segment = decodeURIComponent(raw);
  } catch {
    return null;
  }
  return segment === '' || segment === '.' || segment === '..' || /[/\\:\0]/.test(segment) ? null : segment;
}

/**
 * The built renderer file a karakana://app request asks for, or null (answered 404): another
 * scheme or host, an encoded separator, a dot segment, or anything else that is not plainly a file
 * inside the renderer folder. `/` is the index page.
 */
export function rendererFile(rawUrl: string, rendererFolder: string): string | null {
  if (!URL.canParse(rawUrl)) return null;
  const url = new URL(rawUrl);
  if (!isAppProtocolUrl(url)) return null;
  const raw = url.pathname === '/' || url.pathname === '' ? ['index.html'] : url.pathname.slice(1).split('/');
  const segments = raw.map(safeSegment);
  if (segments.some((segment) => segment === null)) return null;
  const file = path.join(rendererFolder, ...(segments as string[]));
  const relative = path.relative(rendererFolder, file);
  return relative.split(path.sep)[0] === '..' || path.isAbsolute(relative) ? null : file;
}

/** The file a karakana://app URL names: one of resources/'s sounds, else the built renderer's (null: a 404). */
export function appFile(rawUrl: string, rendererFolder: string): string | null {
  const sound = URL.canParse(rawUrl) && isAppProtocolUrl(new URL(rawUrl)) ? soundFile(new URL(rawUrl).pathname) : null;
  return sound ?? rendererFile(rawUrl, rendererFolder);
}

/** The headers a renderer file is served with: its type (module scripts need the right one) and the policy. */
export function rendererHeaders(file: string, origin: AppOrigin): Record<string, string> {
  return {
    'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
    'content-security-policy': contentSecurityPolicyFor(origin),
    'x-content-type-options': 'nosniff',
  };
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
 * The station server's policy, narrowed for the window. The installed app's page talks to the core
 * over IPC only, so it may connect nowhere (connect-src 'none'). Vite's dev page starts React
 * Refresh with an inline script and its hot reload over a WebSocket, so in development only,
 * inline scripts and same-origin connections are allowed.
 */
export function contentSecurityPolicyFor(origin: AppOrigin): string {
  if (origin.kind === 'app') return contentSecurityPolicy.replace("connect-src 'self'", "connect-src 'none'");
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
