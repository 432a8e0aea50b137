import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../core/db/store';
import { hqProcess, killAll } from '../core/sync/faults/harness';
import { enrollStation } from '../core/sync/sync';
import { syncDetail } from '../core/sync/status';
import { tempStoreFile } from '../core/testing/tempStore';
import { startUpstreamServer } from './server';
import { Upstream } from './service';

// The link between a station and its upstream on another machine: https, with the upstream's
// certificate checked against the CAs the station trusts; plain http only when asked for.
// The site's certificate authority is made here with the openssl command, as an admin would.

const hqScript = path.join(path.dirname(fileURLToPath(import.meta.url)), '../core/cli/hq.js');
const siteKey = 'coast-site-key-2026';
const folder = mkdtempSync(path.join(os.tmpdir(), 'karakana-tls-'));
const inFolder = (name: string) => path.join(folder, name);

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: folder, stdio: 'pipe' });
}

/** A certificate authority of its own (NAME.pem, NAME.key). */
function authority(name: string): void {
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '2', '-subj', `/CN=${name}`);
}

/** `hq ARGS` with extra environment, to its end. */
function hq(env: Record<string, string>, ...args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [hqScript, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

let url = '';

beforeAll(async () => {
  authority('site-ca');
  authority('other-ca');
  openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'upstream.key', '-out', 'upstream.csr', '-subj', '/CN=127.0.0.1');
  writeFileSync(inFolder('san.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl('x509', '-req', '-in', 'upstream.csr', '-CA', 'site-ca.pem', '-CAkey', 'site-ca.key', '-CAcreateserial', '-out', 'upstream.pem', '-days', '2', '-extfile', 'san.cnf');
  const upstream = hqProcess(['upstream', '--db', inFolder('upstream.db'), '--port', '0', '--enroll-key', siteKey, '--tls-cert', inFolder('upstream.pem'), '--tls-key', inFolder('upstream.key')]);
  url = (await upstream.waitFor(/Karakana upstream.*: (https:\/\/\S+)/))[1]!;
}, 60_000);

afterAll(killAll);

describe('a station and an upstream serving https with the site CA', () => {
  it('refuses a certificate from a CA it does not know: sync.badCertificate, and nothing is stored', async () => {
    const file = tempStoreFile();
    const store = await openStore(file);
    try {
      await expect(enrollStation(store.db, url, { code: null, name: null, enrollKey: siteKey })).rejects.toMatchObject({ code: 'sync.badCertificate' });
      expect(await store.db.selectFrom('sync_state').select('id').execute()).toEqual([]);
    } finally {
      await store.close();
    }
    const other = await hq({ NODE_EXTRA_CA_CERTS: inFolder('other-ca.pem') }, 'sync', '--db', tempStoreFile(), '--upstream', url, '--enroll-key', siteKey, '--once');
    expect(other.code).toBe(1);
    expect(other.output).toContain(`The upstream ${url} shows a certificate this station does not trust`);
  }, 60_000);

  it('enrolls and syncs over https once the site CA is trusted (NODE_EXTRA_CA_CERTS)', async () => {
    const run = await hq({ NODE_EXTRA_CA_CERTS: inFolder('site-ca.pem') }, 'sync', '--db', tempStoreFile(), '--upstream', url, '--enroll-key', siteKey, '--once');
    expect(run.output).toMatch(new RegExp(`^Enrolled as station \\w+ \\(.*\\) with ${url}\\n`));
    expect(run.code).toBe(0);
  }, 60_000);
});

describe('plain http to another machine', () => {
  const lan = Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

  it('is refused unless allowed, before the site key is sent; allowed, it works and the Sync screen warns', async () => {
    expect(lan, 'this test needs a non-loopback IPv4 address on this machine').toBeDefined();
    const upstream = await Upstream.open(tempStoreFile('plain.db'), { enrollKey: siteKey });
    const server = await startUpstreamServer(upstream, { port: 0, host: lan! });
    const plainUrl = `http://${lan}:${new URL(server.url).port}`;
    const store = await openStore(tempStoreFile());
    try {
      await expect(enrollStation(store.db, plainUrl, { code: null, name: null, enrollKey: siteKey })).rejects.toMatchObject({ code: 'sync.insecureHttp' });
      expect(await upstream.store.db.selectFrom('upstream_stations').select('code').execute()).toEqual([]);
      const refused = await hq({}, 'sync', '--db', tempStoreFile(), '--upstream', plainUrl, '--enroll-key', siteKey, '--once');
      expect(refused.code).toBe(1);
      expect(refused.output).toContain(`${plainUrl} is plain http to another machine`);

      await enrollStation(store.db, plainUrl, { code: null, name: null, enrollKey: siteKey, insecureHttp: true });
      expect(await syncDetail(store.db, null)).toMatchObject({ enrolled: true, insecure: true });
      const allowed = await hq({}, 'sync', '--db', tempStoreFile(), '--upstream', plainUrl, '--enroll-key', siteKey, '--insecure-http', '--once');
      expect(allowed.code).toBe(0);
    } finally {
      await store.close();
      await server.close();
      await upstream.close();
    }
  }, 120_000);

  it('over loopback needs no option, and the Sync screen does not warn', async () => {
    const upstream = await Upstream.open(tempStoreFile('loop.db'), { enrollKey: siteKey });
    const server = await startUpstreamServer(upstream, { port: 0, host: '127.0.0.1' });
    const store = await openStore(tempStoreFile());
    try {
      await enrollStation(store.db, server.url, { code: null, name: null, enrollKey: siteKey });
      expect(await syncDetail(store.db, null)).toMatchObject({ enrolled: true, insecure: false });
    } finally {
      await store.close();
      await server.close();
      await upstream.close();
    }
  });
});
