import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

// The site's desktop installers and electron-updater's feed (latest.yml, latest-linux.yml), read
// straight from the folder given by `--updates DIR`. Public and read-only: an installer holds no
// secret, and a PC that is not a station yet needs it first (README, Threat model).

export const updatesPath = '/updates/';

/** One file name of the folder: no path, no hidden file, nothing a URL could climb out with. */
const fileName = /^[A-Za-z0-9][A-Za-z0-9._ -]{0,200}$/;

const contentTypes: Record<string, string> = {
  '.yml': 'text/yaml; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
};

function notHere(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(message);
}

/** Answers GET (or HEAD) /updates/NAME with the file NAME of the folder, or 404. */
export async function serveUpdateFile(folder: string | null, req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return notHere(res, 405, 'Updates are read-only: GET them');
  if (!folder) return notHere(res, 404, 'This upstream serves no updates: it was started without --updates DIR');
  let name: string;
  try {
    name = decodeURIComponent(pathname.slice(updatesPath.length));
  } catch {
    return notHere(res, 404, 'No such update file');
  }
  if (!fileName.test(name) || name.includes('..')) return notHere(res, 404, 'No such update file');
  const file = path.join(folder, name);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return notHere(res, 404, `No update file ${name} here`);
  res.writeHead(200, {
    'content-type': contentTypes[path.extname(name).toLowerCase()] ?? 'application/octet-stream',
    'content-length': info.size,
    // The feed names the newest installer: asked again each time, never cached.
    'cache-control': 'no-store',
  });
  if (req.method === 'HEAD') return void res.end();
  // A file that fails halfway cuts the connection: the download is then short and refused.
  createReadStream(file).on('error', () => res.destroy()).pipe(res);
}
