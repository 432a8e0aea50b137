import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { Agent as HttpAgent, get as httpGet } from 'node:http';
import { Agent as HttpsAgent, get as httpsGet } from 'node:https';
import { connect, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hq, hqProcess, killAll, type Proc } from '../core/sync/faults/harness';

// A service manager's stop (systemd's SIGTERM) of a cloud and of its HQ hub while the site is
// connected to them: each must end by itself with exit 0, or every stop and restart waits for
// the stop timeout and is then killed.

const folder = mkdtempSync(path.join(os.tmpdir(), 'karakana-stop-'));
const inFolder = (name: string) => path.join(folder, name);
const held: Socket[] = [];

afterAll(async () => {
  for (const socket of held) socket.destroy();
  await killAll();
});

/** The hub's own certificate for 127.0.0.1, made as its technician would. */
function hubCertificate(): { cert: string; key: string } {
  const [cert, key] = [inFolder('hub.pem'), inFolder('hub.key')];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'pipe' });
  return { cert, key };
}

/** One answered request over a keep-alive agent: the connection stays open afterwards. */
function askKeepingAlive(url: string, ca: string): Promise<number> {
  const https = url.startsWith('https:');
  const agent = https ? new HttpsAgent({ keepAlive: true, ca }) : new HttpAgent({ keepAlive: true });
  return new Promise((resolve, reject) => {
    const request = (https ? httpsGet : httpGet)(`${url}/sync/v1/digest`, { agent }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('socket', (socket) => held.push(socket));
    request.on('error', reject);
  });
}

/** A station whose connection is open but has not finished its TLS handshake (a flaky Wi-Fi). */
function halfOpen(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  held.push(socket);
  return new Promise((resolve) => socket.once('connect', () => resolve()));
}

async function stopped(proc: Proc) {
  proc.child.kill('SIGTERM');
  const exit = await proc.exited;
  return { ...exit, output: proc.output };
}

describe('stopping a cloud and its hub while stations are connected', () => {
  it('each ends by itself on SIGTERM, with exit 0 and no error', async () => {
    const cloudDb = inFolder('cloud.db');
    const added = await hq(['upstream', '--db', cloudDb, '--enroll-key', 'cloud-key', 'add-hub', '--name', 'HQ hub']);
    expect(added).toMatchObject({ code: 0, output: expect.stringMatching(/shown only now:\n\S+\n/) });
    const hubKey = /shown only now:\n(\S+)\n/.exec(added.output)![1]!;
    const cloud = hqProcess(['upstream', '--db', cloudDb, '--port', '0', '--enroll-key', 'cloud-key']);
    const cloudUrl = (await cloud.waitFor(/Karakana upstream: (http:\/\/\S+)/))[1]!;
    const tls = hubCertificate();
    const hub = hqProcess(['upstream', '--db', inFolder('hub.db'), '--port', '0', '--enroll-key', 'site-key', '--tls-cert', tls.cert, '--tls-key', tls.key, '--upstream', cloudUrl, '--upstream-key', hubKey]);
    const hubUrl = (await hub.waitFor(/\(hub of \S+\): (https:\/\/\S+)/))[1]!;
    await hub.waitFor(/hub: linked;/);

    const ca = readFileSync(tls.cert, 'utf8');
    expect(await askKeepingAlive(hubUrl, ca)).toBe(200);
    expect(await askKeepingAlive(cloudUrl, ca)).toBe(200);
    await halfOpen(hubUrl);

    const [hubExit, cloudExit] = await Promise.all([stopped(hub), stopped(cloud)]);
    expect(hubExit).toEqual({ code: 0, signal: null, output: expect.not.stringMatching(/Error|failed/) });
    expect(cloudExit).toEqual({ code: 0, signal: null, output: expect.not.stringMatching(/Error|failed/) });
  }, 90_000);
});
