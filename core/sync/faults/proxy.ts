import { EventEmitter, once } from 'node:events';
import net, { type AddressInfo } from 'node:net';

// A TCP proxy between stations and their upstream that breaks the network on request, at any
// byte. It reads just enough HTTP to know where each request starts and ends (its path and
// Content-Length), so a fault can be aimed at one kind of request, e.g. only pushes, and
// "the request went out whole" can be waited for.

/** up: station → upstream (requests); down: upstream → station (replies). */
export type Direction = 'up' | 'down';

export type Fault =
  /** Bytes flow both ways. */
  | { kind: 'pass' }
  /** Connections are refused (reset at once); open ones are cut. */
  | { kind: 'down' }
  /** Connections are accepted and read, never forwarded, never answered: only the client's timeout ends it. */
  | { kind: 'stall'; path?: string }
  /** `after` bytes of the exchange go through in `dir`, then both sides are closed. */
  | { kind: 'cut'; dir: Direction; after: number; path?: string }
  /**
   * `after` bytes go through in `dir`, then that direction goes silent while the other keeps
   * flowing and the connection stays open (a one-way partition). after: 0 on 'down' is "the
   * upstream does the work, its answer never comes".
   */
  | { kind: 'drop'; dir: Direction; after: number; path?: string };

export interface FaultFired {
  fault: Fault;
  path: string;
  /** Bytes of this exchange seen so far in each direction. */
  up: number;
  down: number;
}

interface Exchange {
  method: string;
  path: string;
  fault: Fault;
  /** Request bytes still to come (headers + Content-Length). */
  upLeft: number;
  up: number;
  down: number;
  fired: boolean;
}

interface Link {
  client: net.Socket;
  server: net.Socket | null;
  head: Buffer | null;
  exchange: Exchange | null;
  closed: boolean;
}

const requestLine = /^([A-Z]+) (\S+) HTTP\/1\.[01]\r\n/;

export class FaultProxy extends EventEmitter {
  private fault: Fault = { kind: 'pass' };
  private readonly links = new Set<Link>();
  private readonly server: net.Server;
  /** Bytes forwarded in each direction since the proxy started. */
  bytesUp = 0;
  bytesDown = 0;
  /** Faults that took effect (a cut made, bytes swallowed, a connection refused). */
  fired = 0;
  /** Requests forwarded whole, by path (without the query). */
  readonly requests = new Map<string, number>();

  private constructor(
    private targetPort: number,
    private readonly targetHost: string,
  ) {
    super();
    this.server = net.createServer((client) => this.accept(client));
  }

  static async start(target: { port: number; host?: string }): Promise<FaultProxy> {
    const proxy = new FaultProxy(target.port, target.host ?? '127.0.0.1');
    proxy.server.listen(0, '127.0.0.1');
    await once(proxy.server, 'listening');
    return proxy;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Points the proxy at another port (an upstream restarted elsewhere); open connections are cut. */
  retarget(port: number): void {
    this.targetPort = port;
    this.cutAll();
  }

  /** The fault for requests from now on. 'down' also cuts every open connection. */
  set(fault: Fault): void {
    this.fault = fault;
    if (fault.kind === 'down') this.cutAll();
  }

  get current(): Fault {
    return this.fault;
  }

  /** Resolves when a fault next takes effect (optionally: on a request to this path). */
  nextFault(path?: string): Promise<FaultFired> {
    return new Promise((resolve) => {
      const listener = (fired: FaultFired) => {
        if (path && !fired.path.startsWith(path)) return;
        this.off('fault', listener);
        resolve(fired);
      };
      this.on('fault', listener);
    });
  }

  /** Resolves when a request to this path has been forwarded whole to the upstream. */
  nextRequest(path: string): Promise<void> {
    return new Promise((resolve) => {
      const listener = (sent: string) => {
        if (!sent.startsWith(path)) return;
        this.off('request', listener);
        resolve();
      };
      this.on('request', listener);
    });
  }

  /** Resolves when the upstream starts answering a request to this path (whatever the fault then does with the answer). */
  nextReply(path: string): Promise<void> {
    return new Promise((resolve) => {
      const listener = (replied: string) => {
        if (!replied.startsWith(path)) return;
        this.off('reply', listener);
        resolve();
      };
      this.on('reply', listener);
    });
  }

  async close(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private cutAll(): void {
    for (const link of this.links) this.closeLink(link);
  }

  private closeLink(link: Link): void {
    if (link.closed) return;
    link.closed = true;
    link.client.destroy();
    link.server?.destroy();
    this.links.delete(link);
  }

  /** A cut: the bytes already written to `flushed` still reach it (then its FIN); the other side is closed at once. */
  private cut(link: Link, flushed: net.Socket): void {
    if (link.closed) return;
    link.closed = true;
    this.links.delete(link);
    flushed.end();
    (flushed === link.client ? link.server : link.client)?.destroy();
    setTimeout(() => flushed.destroy(), 1000).unref();
  }

  private fire(exchange: Exchange | null): void {
    this.fired++;
    if (exchange) exchange.fired = true;
    this.emit('fault', { fault: exchange?.fault ?? this.fault, path: exchange?.path ?? '', up: exchange?.up ?? 0, down: exchange?.down ?? 0 } satisfies FaultFired);
  }

  private accept(client: net.Socket): void {
    const link: Link = { client, server: null, head: null, exchange: null, closed: false };
    client.on('error', () => this.closeLink(link));
    if (this.fault.kind === 'down') {
      this.fire(null);
      client.resetAndDestroy();
      return;
    }
    this.links.add(link);
    client.on('data', (chunk: Buffer) => this.fromClient(link, chunk));
    client.on('end', () => {
      // A one-way partition also swallows the FIN.
      const f = link.exchange?.fault;
      if (f && (f.kind === 'stall' || (f.kind === 'drop' && f.dir === 'up' && link.exchange!.fired))) return;
      if (link.server) link.server.end();
      else this.closeLink(link);
    });
    client.on('close', () => this.closeLink(link));
  }

  private connect(link: Link): net.Socket {
    if (link.server) return link.server;
    const server = net.connect(this.targetPort, this.targetHost);
    link.server = server;
    server.on('data', (chunk: Buffer) => this.fromServer(link, chunk));
    server.on('error', () => this.closeLink(link));
    server.on('end', () => {
      const f = link.exchange?.fault;
      if (f && f.kind === 'drop' && f.dir === 'down' && link.exchange!.fired) return;
      link.client.end();
    });
    server.on('close', () => {
      const f = link.exchange?.fault;
      if (f && f.kind === 'drop' && f.dir === 'down' && link.exchange!.fired) return;
      this.closeLink(link);
    });
    return server;
  }

  private fromClient(link: Link, chunk: Buffer): void {
    while (chunk.length > 0 && !link.closed) {
      let exchange = link.exchange;
      if (!exchange || exchange.upLeft === 0) {
        // A new request starts: wait for its whole header to know its path and length.
        const head = link.head ? Buffer.concat([link.head, chunk]) : chunk;
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) {
          link.head = head;
          return;
        }
        link.head = null;
        chunk = head;
        const text = head.subarray(0, end + 4).toString('latin1');
        const line = requestLine.exec(text);
        const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(text)?.[1] ?? 0);
        const path = (line?.[2] ?? '?').split('?')[0]!;
        const wanted = this.fault;
        const aimed = wanted.kind === 'pass' || wanted.kind === 'down' || !wanted.path || path.startsWith(wanted.path);
        exchange = { method: line?.[1] ?? '?', path, fault: aimed ? wanted : { kind: 'pass' }, upLeft: end + 4 + length, up: 0, down: 0, fired: false };
        link.exchange = exchange;
      }
      const part = chunk.subarray(0, exchange.upLeft);
      chunk = chunk.subarray(part.length);
      exchange.upLeft -= part.length;
      this.forwardUp(link, exchange, part);
      if (exchange.upLeft === 0 && !exchange.fired && !link.closed) {
        this.requests.set(exchange.path, (this.requests.get(exchange.path) ?? 0) + 1);
        this.emit('request', exchange.path);
      }
    }
  }

  private forwardUp(link: Link, exchange: Exchange, part: Buffer): void {
    const f = exchange.fault;
    const before = exchange.up;
    exchange.up += part.length;
    if (f.kind === 'stall') {
      if (!exchange.fired) this.fire(exchange);
      return;
    }
    if ((f.kind === 'cut' || f.kind === 'drop') && f.dir === 'up' && exchange.up > f.after) {
      const allowed = Math.max(0, f.after - before);
      if (allowed > 0 || f.kind === 'cut') this.write(link, this.connect(link), part.subarray(0, allowed), 'up');
      if (!exchange.fired) this.fire(exchange);
      if (f.kind === 'cut') this.cut(link, link.server!);
      return;
    }
    this.write(link, this.connect(link), part, 'up');
  }

  private fromServer(link: Link, chunk: Buffer): void {
    const exchange = link.exchange;
    const f = exchange?.fault ?? { kind: 'pass' };
    if (!exchange) return this.write(link, link.client, chunk, 'down');
    const before = exchange.down;
    exchange.down += chunk.length;
    if (before === 0) this.emit('reply', exchange.path);
    if ((f.kind === 'cut' || f.kind === 'drop') && f.dir === 'down' && exchange.down > f.after) {
      const allowed = Math.max(0, f.after - before);
      if (allowed > 0) this.write(link, link.client, chunk.subarray(0, allowed), 'down');
      if (!exchange.fired) this.fire(exchange);
      if (f.kind === 'cut') this.cut(link, link.client);
      return;
    }
    this.write(link, link.client, chunk, 'down');
  }

  private write(link: Link, socket: net.Socket, bytes: Buffer, dir: Direction): void {
    if (link.closed || bytes.length === 0) return;
    if (dir === 'up') this.bytesUp += bytes.length;
    else this.bytesDown += bytes.length;
    socket.write(bytes);
  }
}
