import { EventEmitter } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { hostIdentification, hostStatusReply, realTimeStatusReply, type PrinterStatus } from './status';

/** What a printer on port 9100 received on one connection, status requests left out. */
export interface CapturedJob {
  bytes: Buffer;
  /** false when the emulator stalled or cut the connection part way (its fault modes). */
  complete: boolean;
  at: Date;
}

/** normal; refuse: nothing listens; stall: stops reading mid-job; closeEarly: hangs up mid-job. */
export type EmulatorFault = 'none' | 'refuse' | 'stall' | 'closeEarly';

/**
 * A network label/receipt printer on a real TCP port: it captures each job's bytes and answers
 * ZPL ~HS and ESC/POS DLE EOT from its state (paper out, head open, paused), for the tests, the
 * demo station's simulated printers and `hq printer-emulator`.
 */
export class PrinterEmulator extends EventEmitter<{ job: [CapturedJob] }> {
  readonly jobs: CapturedJob[] = [];
  state: PrinterStatus = { online: true, paperOut: false, headOpen: false, paused: false, ribbonOut: false };
  private server: Server | null = null;
  private sockets = new Set<Socket>();
  private fault: EmulatorFault = 'none';
  private faultAfter = 0;
  private boundPort = 0;

  private readonly host: string;
  private readonly keep: number;
  /** Which status requests it answers: a ZPL printer ignores DLE EOT, an ESC/POS one ~HS; 'any' answers both (the demo's). */
  readonly language: 'zpl' | 'escpos' | 'any';
  /** What ~HI reports (dots per millimetre: 8 for 203 dpi, 12 for 300). */
  readonly dpi: 203 | 300;

  constructor(options: { host?: string; keep?: number; language?: 'zpl' | 'escpos' | 'any'; dpi?: 203 | 300 } = {}) {
    super();
    this.host = options.host ?? '127.0.0.1';
    this.keep = options.keep ?? 10_000;
    this.language = options.language ?? 'any';
    this.dpi = options.dpi ?? 203;
  }

  get port(): number {
    return this.boundPort;
  }

  get address(): string {
    return `${this.host}:${this.boundPort}`;
  }

  async start(port = 0): Promise<this> {
    const server = createServer((socket) => this.serve(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.host, () => resolve());
    });
    this.server = server;
    this.boundPort = (server.address() as { port: number }).port;
    return this;
  }

  /** A printer inside the app (the demo's) does not keep the process alive. */
  unref(): this {
    this.server?.unref();
    return this;
  }

  set(state: Partial<PrinterStatus>): void {
    this.state = { ...this.state, ...state };
  }

  /** Switches a fault on (refuse stops listening; stall and closeEarly act after `afterBytes` of a job). */
  async setFault(fault: EmulatorFault, afterBytes = 64): Promise<void> {
    this.fault = fault;
    this.faultAfter = afterBytes;
    if (fault === 'refuse' && this.server) await this.closeServer();
    if (fault !== 'refuse' && !this.server) await this.start(this.boundPort);
  }

  /** Resolves once `count` jobs in all have arrived. */
  waitForJobs(count: number, timeoutMs = 10_000): Promise<CapturedJob[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.jobs.length < count) return false;
        this.off('job', check);
        clearTimeout(timer);
        resolve(this.jobs.slice(0, count));
        return true;
      };
      const timer = setTimeout(() => {
        this.off('job', check);
        reject(new Error(`The printer emulator got ${this.jobs.length} jobs, not ${count}, in ${timeoutMs} ms`));
      }, timeoutMs);
      if (!check()) this.on('job', check);
    });
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    if (this.server) await this.closeServer();
  }

  private async closeServer(): Promise<void> {
    const server = this.server!;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private serve(socket: Socket): void {
    this.sockets.add(socket);
    const received: Buffer[] = [];
    let pending = Buffer.alloc(0);
    let jobBytes = 0;
    let stalled = false;
    let finished = false;
    const finish = (complete: boolean) => {
      if (finished) return;
      finished = true;
      const bytes = Buffer.concat(received);
      if (bytes.length === 0) return;
      const job = { bytes, complete, at: new Date() };
      this.jobs.push(job);
      if (this.jobs.length > this.keep) this.jobs.shift();
      this.emit('job', job);
    };
    const faulty = () => this.fault === 'stall' || this.fault === 'closeEarly';
    /** Job bytes in; false once a fault mode acted (the rest of the data is never looked at). */
    const take = (segment: Buffer): boolean => {
      if (faulty() && jobBytes + segment.length >= this.faultAfter) {
        received.push(segment.subarray(0, Math.max(0, this.faultAfter - jobBytes)));
        jobBytes = this.faultAfter;
        stalled = true;
        finish(false);
        if (this.fault === 'closeEarly') socket.destroy();
        else socket.pause();
        return false;
      }
      received.push(segment);
      jobBytes += segment.length;
      return true;
    };
    socket.on('data', (chunk) => {
      if (stalled) return;
      // Status requests are answered at once, wherever they fall; the rest is the job.
      const data = Buffer.concat([pending, chunk]);
      pending = Buffer.alloc(0);
      let from = 0;
      for (let i = 0; i < data.length; i++) {
        if (data[i] !== 0x7e && data[i] !== 0x10) continue;
        if (data.length - i < 3) {
          if (!take(data.subarray(from, i))) return;
          pending = Buffer.from(data.subarray(i));
          return;
        }
        const zpl = this.language !== 'escpos' && data[i] === 0x7e && data[i + 1] === 0x48 && (data[i + 2] === 0x53 || data[i + 2] === 0x49); // ~HS, ~HI
        const escpos = this.language !== 'zpl' && data[i] === 0x10 && data[i + 1] === 0x04 && data[i + 2]! >= 1 && data[i + 2]! <= 4;
        if (!zpl && !escpos) continue;
        if (!take(data.subarray(from, i))) return;
        from = i + 3;
        if (zpl && data[i + 2] === 0x53) socket.write(hostStatusReply(this.state));
        else if (zpl) socket.write(hostIdentification(this.dpi));
        else socket.write(Buffer.from([realTimeStatusReply(this.state, data[i + 2]!)]));
        i += 2;
      }
      take(data.subarray(from));
    });
    socket.on('end', () => {
      finish(true);
      socket.end();
    });
    socket.on('close', () => {
      this.sockets.delete(socket);
      finish(!stalled);
    });
    socket.on('error', () => undefined);
  }
}
