import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { soundFile } from '../resources/folder';

/** The built renderer's file types; the desktop app's karakana://app protocol serves them the same way. */
export const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.wav': 'audio/wav',
};

// Scripts only from the app itself, and connections (the API and its WebSocket) only to this
// station server: CSP Level 3 lets 'self' match ws: and wss: on the page's own host and port.
// The Electron window narrows it further (electron/main/security.ts).
export const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** Serves the built renderer and the sounds of resources/; unknown paths get index.html so a reload on any screen works. */
export function serveStatic(root: string, urlPath: string, res: ServerResponse): void {
  const sound = soundFile(urlPath);
  if (sound) return sendFile(sound, res, 'no-cache');
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    // A malformed %-escape: answer it, rather than throw inside the server's request handler.
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Bad request');
    return;
  }
  const clean = path.normalize(decoded).replace(/^(\.\.[/\\])+/, '');
  let file = path.join(root, clean);
  if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) file = path.join(root, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('The renderer is not built: run `npm run build` first.');
    return;
  }
  // The build's assets carry their hash in their names; index.html names them.
  sendFile(file, res, file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
}

function sendFile(file: string, res: ServerResponse, cacheControl: string): void {
  res.writeHead(200, {
    'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
    'content-security-policy': contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'cache-control': cacheControl,
  });
  createReadStream(file).pipe(res);
}
