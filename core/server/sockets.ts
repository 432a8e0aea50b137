import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { topics, type TopicName } from '../api/contract';
import type { Station } from '../app/storeProblem';
import type { Admission, Refusal } from './admission';

export interface SocketLimits {
  /** A socket that has not logged in by then is closed. */
  loginTimeoutMs: number;
  /** Open sockets at most; one more is closed at once. */
  maxSockets: number;
}

// Close codes a client can tell apart: 1008 no login in time, 1013 too many sockets (try again
// later), 4001 a wrong token (the renderer stops reconnecting on it).
export const closeCodes = { loginTimeout: 1008, full: 1013, loginRequired: 4001 } as const;

function refuse(socket: Duplex, { status, error }: Refusal): void {
  const body = JSON.stringify({ ok: false, error });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

function serveTopics(app: Station, socket: WebSocket, loginTimeoutMs: number): void {
  const unsubscribe: (() => void)[] = [];
  const timer = setTimeout(() => socket.close(closeCodes.loginTimeout, 'login timed out'), loginTimeoutMs);
  socket.on('message', async (data) => {
    // The first message carries the session token; topics flow only to a logged-in client.
    let token: unknown;
    try {
      token = (JSON.parse(String(data)) as { token?: unknown }).token;
    } catch {
      socket.close(1003, 'bad message');
      return;
    }
    const me = await app.call({ name: 'session.me', input: {}, token: typeof token === 'string' ? token : null });
    if (socket.readyState !== WebSocket.OPEN) return;
    if (!me.ok) {
      socket.close(closeCodes.loginRequired, 'login required');
      return;
    }
    clearTimeout(timer);
    if (unsubscribe.length) return;
    for (const topic of Object.keys(topics) as TopicName[])
      unsubscribe.push(app.bus.subscribe(topic, (payload) => socket.send(JSON.stringify({ topic, payload }))));
  });
  socket.on('close', () => {
    clearTimeout(timer);
    unsubscribe.forEach((off) => off());
  });
}

/** Topics over WebSocket at /ws, for the pages the admission lets in. */
export function topicSockets(app: Station, admit: Admission, limits: SocketLimits) {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  sockets.on('connection', (socket: WebSocket) => {
    // ws has already begun closing the socket with the fitting code (1009 too big, 1002 malformed);
    // without a listener the 'error' event would end the whole process.
    socket.on('error', () => undefined);
    if (sockets.clients.size > limits.maxSockets) socket.close(closeCodes.full, 'too many connections');
    else serveTopics(app, socket, limits.loginTimeoutMs);
  });
  return {
    upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
      // Until ws takes the socket over, a reset from the client would otherwise go unheard and end the process.
      socket.on('error', () => socket.destroy());
      if (new URL(req.url ?? '/', 'http://station').pathname !== '/ws') return void socket.destroy();
      const refusal = admit.host(req) ?? admit.origin(req);
      if (refusal) return refuse(socket, refusal);
      sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws, req));
    },
    close(): void {
      sockets.clients.forEach((client) => client.terminate());
      sockets.close();
    },
  };
}
