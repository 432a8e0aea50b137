import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { hqScript } from '../testing/hq';
import { demoStoreFile } from '../testing/tempStore';
import { closeCodes } from './sockets';
import { logIn, openStation, type Station } from './testing';

// /ws against what any web page (or program) can send before logging in: the socket at fault is
// closed, the station server and everyone else's sockets carry on.

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});

async function connect(port: number, headers: Record<string, string> = {}) {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers });
  const closed = once(socket, 'close') as Promise<[number, Buffer]>;
  await once(socket, 'open');
  return { socket, closed: closed.then(([code]) => code) };
}

/** Publishes at the station until the socket hears it (the server subscribes once it has checked the token). */
async function hears(station: Station, socket: WebSocket): Promise<boolean> {
  let heard = false;
  socket.once('message', () => (heard = true));
  for (let tries = 0; !heard && tries < 40; tries++) {
    station.app.bus.publish('printing.changed', { jobId: null });
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return heard;
}

/** A handshake and then raw bytes on a plain TCP socket; resolves when the server hangs up. */
async function rawFrame(port: number, frame: Buffer): Promise<string> {
  const socket = net.connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write(
    `GET /ws HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
  );
  let received = '';
  socket.setEncoding('latin1').on('data', (chunk: string) => {
    received += chunk;
    if (received.includes('\r\n\r\n') && !socket.writableEnded) socket.write(frame);
  });
  await once(socket, 'close');
  return received;
}

/** `hq serve` as an operator starts it, on a free port; stopped after the test. */
async function serving(): Promise<{ port: number; exitCode: () => number | null }> {
  const child = spawn(process.execPath, [hqScript, 'serve', '--db', await demoStoreFile(), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  while (!/:(\d+)\s/.test(output)) await once(child.stdout, 'data');
  return { port: Number(/:(\d+)\s/.exec(output)![1]), exitCode: () => child.exitCode };
}

describe('the WebSocket before login', () => {
  it('a frame over 64 KiB (closed with 1009) or a malformed one closes that socket only: the station server process carries on', async () => {
    const station = await serving();
    const big = await connect(station.port);
    big.socket.send('x'.repeat(100 * 1024));
    expect(await big.closed).toBe(1009);
    // Unmasked: a client's frames must be masked.
    const answer = await rawFrame(station.port, Buffer.from([0x81, 0x05, ...Buffer.from('hello')]));
    expect(answer).toContain('101 Switching Protocols');
    expect(answer.slice(answer.indexOf('\r\n\r\n') + 4).charCodeAt(0)).toBe(0x88); // a close frame

    expect(station.exitCode()).toBeNull();
    // Another client logs in and hears of a change an admin makes over HTTP.
    const call = (name: string, input: unknown, token?: string) =>
      fetch(`http://127.0.0.1:${station.port}/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ input }),
      }).then((response) => response.json() as Promise<{ ok: boolean; data: { token: string } }>);
    const { data } = await call('session.login', { username: 'grace', pin: '9999' });
    const member = await connect(station.port);
    member.socket.send(JSON.stringify({ token: data.token }));
    let heard = false;
    member.socket.once('message', () => (heard = true));
    for (let tries = 0; !heard && tries < 40; tries++) {
      expect(await call('station.setSessionIdle', { minutes: 720 - tries }, data.token)).toMatchObject({ ok: true });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(heard).toBe(true);
    member.socket.close();
    expect(station.exitCode()).toBeNull();
  });

  it('a socket that does not log in in time is closed with 1008; one that logged in stays', async () => {
    const station = await openStation({ loginTimeoutMs: 300 });
    const { data } = await logIn(station, 'grace', '9999');
    // The member connects first: by the time the quiet one is closed, the member's time has run out too.
    const member = await connect(station.port);
    member.socket.send(JSON.stringify({ token: data!.token }));
    const quiet = await connect(station.port);
    expect(await quiet.closed).toBe(closeCodes.loginTimeout);
    expect(await hears(station, member.socket)).toBe(true);
    expect(member.socket.readyState).toBe(WebSocket.OPEN);
    member.socket.close();
  });

  it('beyond the cap, a new socket is closed with 1013 (try again later); once one leaves, another gets in', async () => {
    const station = await openStation({ maxSockets: 2 });
    const first = await connect(station.port);
    await connect(station.port);
    const third = await connect(station.port);
    expect(await third.closed).toBe(closeCodes.full);
    first.socket.close();
    await first.closed;
    let code: number | undefined = closeCodes.full;
    for (let tries = 0; code === closeCodes.full && tries < 20; tries++) {
      const next = await connect(station.port);
      code = await Promise.race([next.closed, new Promise<undefined>((resolve) => setTimeout(resolve, 100))]);
    }
    expect(code).toBeUndefined();
  });

  it('refuses the handshake of a page of another site, or by a rebound name, with 403', async () => {
    const station = await openStation();
    for (const headers of [{ origin: 'http://evil.example' }, { host: `evil.example:${station.port}` }]) {
      const socket = new WebSocket(`ws://127.0.0.1:${station.port}/ws`, { headers });
      const [, response] = (await once(socket, 'unexpected-response')) as [unknown, IncomingMessage];
      expect(response.statusCode, JSON.stringify(headers)).toBe(403);
      response.resume();
    }
  });
});
