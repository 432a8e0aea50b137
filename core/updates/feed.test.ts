import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../db/store';
import { hq, hqProcess, killAll } from '../sync/faults/harness';
import { enrollStation } from '../sync/sync';
import { tempDir, tempStoreFile } from '../testing/tempStore';
import { downloadInstaller, newerVersion, readFeed } from './feed';
import { updatesUpstream } from './notice';

// A real `hq upstream --updates DIR` over HTTP, serving a folder laid out as electron-builder
// writes it: the installers and their channel files, each naming its installer's sha512 and size.

const site = tempDir();
const served = path.join(site, 'updates');
const installers = { win32: 'Karakana Setup 0.2.0.exe', linux: 'Karakana-0.2.0.AppImage' };
const bytes = { win32: randomBytes(300_000), linux: randomBytes(200_000) };
const sha512 = (data: Buffer) => createHash('sha512').update(data).digest('base64');
let upstream = '';
let bare = '';

function channel(name: string, data: Buffer): string {
  return `version: 0.2.0\nfiles:\n  - url: ${name}\n    sha512: ${sha512(data)}\n    size: ${data.length}\npath: ${name}\nsha512: ${sha512(data)}\nreleaseDate: '2026-12-01T08:00:00.000Z'\n`;
}

async function startUpstream(extra: string[]): Promise<string> {
  const proc = hqProcess(['upstream', '--db', path.join(tempDir(), 'upstream.db'), '--port', '0', '--enroll-key', 'site-key', ...extra]);
  return (await proc.waitFor(/Karakana upstream.*: (http:\/\/\S+)/))[1]!;
}

beforeAll(async () => {
  mkdirSync(served);
  writeFileSync(path.join(site, 'hub.key'), 'the hub\'s private key');
  writeFileSync(path.join(served, installers.win32), bytes.win32);
  writeFileSync(path.join(served, installers.linux), bytes.linux);
  writeFileSync(path.join(served, 'latest.yml'), channel(installers.win32, bytes.win32));
  writeFileSync(path.join(served, 'latest-linux.yml'), channel(installers.linux, bytes.linux));
  writeFileSync(path.join(served, '.env'), 'KARAKANA_ENROLL_KEY=site-key\n');
  [upstream, bare] = await Promise.all([startUpstream(['--updates', served]), startUpstream([])]);
}, 60_000);

afterAll(killAll);

describe("a station reading its site's update feed from the upstream", () => {
  it('learns of a newer version for its platform, by version order rather than by text', async () => {
    expect((await newerVersion(upstream, '0.1.0', 'win32'))?.installer).toEqual({ url: `${upstream}/updates/Karakana%20Setup%200.2.0.exe`, sha512: sha512(bytes.win32), size: bytes.win32.length });
    expect((await newerVersion(upstream, '0.1.9', 'linux'))?.version).toBe('0.2.0');
    expect(await newerVersion(upstream, '0.2.0', 'linux')).toBeNull();
    expect(await newerVersion(upstream, '0.10.0', 'win32')).toBeNull();
  });

  it('asks the upstream its store is enrolled with, and none before it enrolls', async () => {
    const file = tempStoreFile();
    const store = await openStore(file);
    try {
      expect(await updatesUpstream(file)).toBeNull();
      await enrollStation(store.db, upstream, { code: 'R1', name: 'Receiving desk', enrollKey: 'site-key' });
      expect(await updatesUpstream(file)).toBe(upstream);
    } finally {
      await store.close();
    }
  });

  it('downloads the installer, whose sha512 is the one the feed names', async () => {
    const folder = tempDir();
    const file = await downloadInstaller(await readFeed(upstream, 'linux'), folder);
    expect(path.basename(file)).toBe(installers.linux);
    expect(sha512(readFileSync(file))).toBe(sha512(bytes.linux));
    expect(readdirSync(folder)).toEqual([installers.linux]);
  });

  it('refuses an installer changed after its feed was written, and keeps none of it', async () => {
    const feed = await readFeed(upstream, 'win32');
    const tampered = Buffer.from(bytes.win32);
    tampered[1000] ^= 1;
    writeFileSync(path.join(served, installers.win32), tampered);
    const folder = tempDir();
    try {
      await expect(downloadInstaller(feed, folder)).rejects.toMatchObject({ code: 'updates.badInstaller' });
      expect(readdirSync(folder)).toEqual([]);
    } finally {
      writeFileSync(path.join(served, installers.win32), bytes.win32);
    }
  });

  it('`hq update` keeps the installer the feed names for a technician, and keeps nothing of a changed one', async () => {
    const [good, bad] = [tempDir(), tempDir()];
    const kept = await hq(['update', '--upstream', upstream, '--out', good, '--platform', 'linux']);
    expect(kept.code, kept.output).toBe(0);
    expect(sha512(readFileSync(path.join(good, installers.linux)))).toBe(sha512(bytes.linux));
    writeFileSync(path.join(served, installers.linux), Buffer.concat([bytes.linux, Buffer.from('\n')]));
    try {
      const refused = await hq(['update', '--upstream', upstream, '--out', bad, '--platform', 'linux']);
      expect([refused.code, refused.output]).toEqual([1, expect.stringContaining('is not the installer the feed names')]);
      expect(readdirSync(bad)).toEqual([]);
    } finally {
      writeFileSync(path.join(served, installers.linux), bytes.linux);
    }
  });

  it('says there is no feed where the upstream serves none', async () => {
    await expect(readFeed(bare, 'win32')).rejects.toMatchObject({ code: 'updates.noFeed' });
    await expect(readFeed(upstream, 'darwin')).rejects.toMatchObject({ code: 'updates.noFeed' });
  });
});

describe('the upstream serving its updates folder', () => {
  const get = (url: string, init?: RequestInit) => fetch(`${upstream}${url}`, init);

  it('serves the feed as YAML and the installers as bytes, to anyone, read-only', async () => {
    const feed = await get('/updates/latest-linux.yml');
    expect([feed.status, feed.headers.get('content-type')]).toEqual([200, 'text/yaml; charset=utf-8']);
    const file = await get('/updates/Karakana-0.2.0.AppImage');
    expect([file.headers.get('content-type'), sha512(Buffer.from(await file.arrayBuffer()))]).toEqual(['application/octet-stream', sha512(bytes.linux)]);
    expect((await get('/updates/latest.yml', { method: 'PUT', body: 'version: 9.9.9' })).status).toBe(405);
    expect(readFileSync(path.join(served, 'latest.yml'), 'utf8')).toContain('version: 0.2.0');
  });

  it('serves nothing outside the folder, nor its hidden files', async () => {
    for (const climb of ['/updates/..%2Fhub.key', '/updates/%2E%2E/hub.key', '/updates/%2E%2E%2Fhub.key', '/updates/.env', '/updates/', '/updates/nothing.exe']) {
      const answer = await get(climb);
      expect(answer.status, climb).toBeGreaterThanOrEqual(400);
      expect(await answer.text(), climb).not.toMatch(/private key|KARAKANA_ENROLL_KEY/);
    }
  });
});
