import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The files the app reads at run time (the icon, the scan sounds, the label fonts), from one
// place: resources/ beside the installed app (electron-builder's extraResources puts it in
// process.resourcesPath), else the checkout's top-level resources/, wherever this code was built
// into (core/ run by tsx, out/main by electron-vite).

/** The sounds the screens play, by name: what /resources/sounds/NAME answers. */
export const sounds = ['scan-ok.wav', 'scan-error.wav'] as const;

function find(): string {
  const electron = (process as { resourcesPath?: string }).resourcesPath;
  const candidates = electron ? [path.join(electron, 'resources')] : [];
  for (let folder = path.dirname(fileURLToPath(import.meta.url)); ; folder = path.dirname(folder)) {
    candidates.push(path.join(folder, 'resources'));
    if (path.dirname(folder) === folder) break;
  }
  const found = candidates.find((folder) => existsSync(path.join(folder, 'fonts')) && existsSync(path.join(folder, 'sounds')));
  if (!found) throw new Error(`Karakana's resources folder (fonts/, sounds/) is in none of ${candidates.join(', ')}`);
  return found;
}

let folder: string | undefined;

/** The resources folder; its absence is a broken installation, said at the first use. */
export function resourcesFolder(): string {
  return (folder ??= find());
}

/** The file a request for `/resources/sounds/NAME` means, or null for any other path. */
export function soundFile(urlPath: string): string | null {
  const name = urlPath.startsWith('/resources/sounds/') ? urlPath.slice('/resources/sounds/'.length) : null;
  return name !== null && (sounds as readonly string[]).includes(name) ? path.join(resourcesFolder(), 'sounds', name) : null;
}
