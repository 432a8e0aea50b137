import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { AppError } from '../kernel/errors';

// The site's update feed, as electron-updater's generic provider reads it from the upstream
// (upstream/updates.ts), read here without Electron: whether a newer Karakana is there, and its
// installer fetched and held to the feed's sha512 and size.

// The feed's YAML and the version order exactly as electron-updater reads them: its own js-yaml and semver.
const updaterRequire = createRequire(createRequire(import.meta.url).resolve('electron-updater'));
const yaml = updaterRequire('js-yaml') as { load(text: string): unknown };
const semver = updaterRequire('semver') as { valid(version: string): string | null; gt(a: string, b: string): boolean };

const installer = z.object({ url: z.string().min(1), sha512: z.string().min(1), size: z.number().int().nonnegative() });
const feedSchema = z.object({ version: z.string(), files: z.array(installer).min(1), releaseDate: z.string().optional() });

export interface UpdateFeed {
  version: string;
  /** The installer this platform runs: its address (from the feed's own), sha512 (base64) and size. */
  installer: { url: string; sha512: string; size: number };
}

/** The upstream's address of the update folder: electron-updater's generic provider takes this too. */
export function updatesUrl(upstream: string): string {
  return new URL('updates/', upstream.endsWith('/') ? upstream : `${upstream}/`).href;
}

/** electron-builder's channel file: NSIS's on Windows, AppImage's on Linux. */
export function feedFile(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'latest.yml' : platform === 'darwin' ? 'latest-mac.yml' : 'latest-linux.yml';
}

/** The feed for this platform at the upstream; a missing or unreadable feed is `updates.noFeed`. */
export async function readFeed(upstream: string, platform: NodeJS.Platform = process.platform): Promise<UpdateFeed> {
  const url = new URL(feedFile(platform), updatesUrl(upstream));
  const answer = await fetch(url, { cache: 'no-store' }).catch((error: unknown) => {
    throw new AppError('updates.noFeed', `${url.href} did not answer: ${String(error)}`, { url: url.href });
  });
  if (!answer.ok) throw new AppError('updates.noFeed', `${url.href} answered ${answer.status}`, { url: url.href });
  let parsed: z.output<typeof feedSchema>;
  try {
    parsed = feedSchema.parse(yaml.load(await answer.text()));
  } catch {
    throw new AppError('updates.noFeed', `${url.href} is not an update feed`, { url: url.href });
  }
  if (!semver.valid(parsed.version)) throw new AppError('updates.noFeed', `${url.href} names no version`, { url: url.href });
  const file = parsed.files[0]!;
  return { version: parsed.version, installer: { ...file, url: new URL(file.url, url).href } };
}

/** The feed when it holds a newer version than the one installed, else null. */
export async function newerVersion(upstream: string, installed: string, platform: NodeJS.Platform = process.platform): Promise<UpdateFeed | null> {
  const feed = await readFeed(upstream, platform);
  return semver.gt(feed.version, installed) ? feed : null;
}

/**
 * Downloads the feed's installer into the folder and returns its path, only once its size and
 * sha512 are the feed's; a file that differs (tampered, cut short) is deleted and refused.
 */
export async function downloadInstaller(feed: UpdateFeed, folder: string): Promise<string> {
  const { url, sha512, size } = feed.installer;
  const target = path.join(folder, path.basename(decodeURIComponent(new URL(url).pathname)));
  const partial = `${target}.partial`;
  const answer = await fetch(url, { cache: 'no-store' });
  if (!answer.ok || !answer.body) throw new AppError('updates.noFeed', `${url} answered ${answer.status}`, { url });
  const hash = createHash('sha512');
  let bytes = 0;
  const counted = Readable.fromWeb(answer.body as ReadableStream<Uint8Array>).map((chunk: Buffer) => {
    hash.update(chunk);
    bytes += chunk.length;
    return chunk;
  });
  try {
    await pipeline(counted, createWriteStream(partial));
    if (bytes !== size || hash.digest('base64') !== sha512)
      throw new AppError('updates.badInstaller', `${url} is not the installer the feed names (its size or sha512 differ): it was deleted`, { url });
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  await rename(partial, target);
  return target;
}
