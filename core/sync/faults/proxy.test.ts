import { once } from 'node:events';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultProxy } from './proxy';

// The fault proxy itself, against a raw TCP server that records every byte it gets: the other
// fault tests trust that a cut is a cut at that byte, and that a stall reaches nobody.

let target: net.Server;
let received: Buffer[] = [];
let connections = 0;
let proxy: FaultProxy;
const reply = 'HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 5\r\n\r\nhello';

beforeAll(async () => {
  target = net.createServer((socket) => {
    connections++;
    let got = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      got = Buffer.concat([got, chunk]);
      received.push(chunk);
      if (got.includes('\r\n\r\n') && got.length >= got.indexOf('\r\n\r\n') + 4 + Number(/content-length: (\d+)/i.exec(got.toString())?.[1] ?? 0)) {
        got = Buffer.alloc(0);
        socket.write(reply);
      }
    });
    socket.on('error', () => undefined);
  });
  target.listen(0, '127.0.0.1');
  await once(target, 'listening');
  proxy = await FaultProxy.start({ port: (target.address() as AddressInfo).port });
});
afterAll(async () => {
  await proxy.close();
  target.close();
});

const body = 'x'.repeat(4000);
const call = (path: string, timeoutMs = 400) => fetch(`${proxy.url}${path}`, { method: 'POST', body, signal: AbortSignal.timeout(timeoutMs) }).then((r) => r.text());
const upstreamBytes = () => received.reduce((n, c) => n + c.length, 0);

describe('the fault proxy', () => {
  it('passes requests and answers through, and counts them', async () => {
    received = [];
    proxy.set({ kind: 'pass' });
    expect(await call('/sync/v1/push')).toBe('hello');
    expect(proxy.requests.get('/sync/v1/push')).toBe(1);
    expect(upstreamBytes()).toBeGreaterThan(4000);
  });

  it('cuts a request after exactly N bytes on its way up', async () => {
    received = [];
    proxy.set({ kind: 'cut', dir: 'up', after: 1234 });
    const fired = proxy.nextFault();
    await expect(call('/sync/v1/push')).rejects.toThrow();
    await fired;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(upstreamBytes()).toBe(1234);
  });

  it('delivers the whole request and drops the answer (one way), until the client gives up', async () => {
    received = [];
    proxy.set({ kind: 'drop', dir: 'down', after: 0 });
    await expect(call('/sync/v1/push', 300)).rejects.toThrow(/timeout|aborted/i);
    expect(upstreamBytes()).toBeGreaterThan(4000);
  });

  it('aims a fault at one path and lets others through', async () => {
    proxy.set({ kind: 'cut', dir: 'down', after: 0, path: '/sync/v1/pull' });
    expect(await call('/sync/v1/push')).toBe('hello');
    await expect(call('/sync/v1/pull')).rejects.toThrow();
  });

  it('stalls without reaching the upstream, and refuses connections when down', async () => {
    const before = connections;
    proxy.set({ kind: 'stall' });
    await expect(call('/sync/v1/push', 300)).rejects.toThrow(/timeout|aborted/i);
    proxy.set({ kind: 'down' });
    await expect(call('/sync/v1/push')).rejects.toThrow(/fetch failed/);
    expect(connections).toBe(before);
    proxy.set({ kind: 'pass' });
    expect(await call('/sync/v1/push')).toBe('hello');
  });
});
