import { ReadlineParser, SerialPort } from 'serialport';
import { scaleErrors } from './errors';
import { garbage, type ScaleReport } from './report';
import { BaseScale, type BaseScaleOptions } from './scaleBase';
import { lineParsers, portSettings, type SerialProtocol } from './serialProtocols';
import { MtSicsSession, StreamSession, type Session, type SessionOptions } from './sessions';

export interface SerialScaleOptions extends BaseScaleOptions, SessionOptions {
  path: string;
  protocol: SerialProtocol;
  /** Overrides the family's factory baud rate; data bits, parity and stop bits stay the family's. */
  baudRate?: number;
  /** How often to try the port again after it disappeared (a USB-serial adapter pulled out). */
  reconnectMs?: number;
}

/** Bytes without a line end before we call it garbage: every protocol here has lines under 80. */
const maxLineBytes = 512;

/**
 * A precision balance on a serial port (RS-232, or a USB-serial adapter), one line per report.
 * Opening fails with `scale.notFound` if the port cannot be opened; once open, losing the port is
 * `disconnected` and the driver keeps trying to reopen it until close().
 */
export class SerialScale extends BaseScale {
  readonly can: { tare: boolean; zero: boolean };
  private readonly session: Session;
  private readonly parse: (line: string) => ScaleReport;
  private port: SerialPort | null = null;
  private closing = false;
  private retry: NodeJS.Timeout | null = null;
  private bytesSinceLine = 0;
  private lines: ReadlineParser | null = null;

  private constructor(private readonly options: SerialScaleOptions) {
    super(`serial:${options.path}`, options);
    const link = { device: this.device, write: (command: string) => this.write(command) };
    this.session = options.protocol === 'mt-sics' ? new MtSicsSession(link, options) : new StreamSession(link, options.protocol, options);
    this.can = this.session.can;
    this.parse = lineParsers[options.protocol];
    this.on('state', (state) => {
      if (state === 'silent') this.session.quiet();
    });
  }

  static async open(options: SerialScaleOptions): Promise<SerialScale> {
    const scale = new SerialScale(options);
    await scale.openPort();
    return scale;
  }

  override tare(): Promise<void> {
    return this.whenConnected(() => this.session.tare());
  }

  override zero(): Promise<void> {
    return this.whenConnected(() => this.session.zero());
  }

  override async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.port?.isOpen) await this.session.farewell();
    this.session.stop(scaleErrors.closed(this.device));
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    this.markClosed();
  }

  private async whenConnected(action: () => Promise<void>): Promise<void> {
    if (this.state === 'closed') throw scaleErrors.closed(this.device);
    if (this.state === 'disconnected') throw scaleErrors.unplugged(this.device);
    return action();
  }

  private async openPort(): Promise<void> {
    const settings = { ...portSettings[this.options.protocol] };
    if (this.options.baudRate) settings.baudRate = this.options.baudRate;
    const port = new SerialPort({ path: this.options.path, ...settings, autoOpen: false });
    await new Promise<void>((resolve, reject) =>
      port.open((error) => (error ? reject(scaleErrors.notFound(this.device, error.message)) : resolve())),
    );
    if (this.closing) {
      port.close();
      return;
    }
    // Lines the balance sent while nobody listened are old news (a pty or an adapter keeps them).
    await new Promise<void>((resolve) => port.flush(() => resolve()));
    this.port = port;
    this.splitLines(port);
    port.on('data', (chunk: Buffer) => this.bytes(port, chunk));
    port.on('error', () => undefined); // a failed write or read ends in 'close', handled there
    port.on('close', () => this.lost(port));
    this.markConnected(this.options.path);
    this.session.start();
  }

  private line(text: string): void {
    this.bytesSinceLine = 0;
    const report = this.parse(text);
    this.session.seen(report);
    this.accept(report);
  }

  /** A fresh line splitter on the port; latin1 keeps every byte as one character, so garbage shows as what arrived. */
  private splitLines(port: SerialPort): void {
    if (this.lines) port.unpipe(this.lines);
    this.bytesSinceLine = 0;
    this.lines = port.pipe(new ReadlineParser({ delimiter: '\n', encoding: 'latin1' }));
    this.lines.on('data', (line: string) => this.line(line.replace(/\r$/, '')));
  }

  /**
   * Bytes that never end a line (wrong baud rate, CR-only line ends) would otherwise look like
   * silence, and the line splitter would hold them forever: report garbage and start it afresh.
   */
  private bytes(port: SerialPort, chunk: Buffer): void {
    this.heard();
    this.bytesSinceLine += chunk.length;
    if (this.bytesSinceLine <= maxLineBytes) return;
    const reports = Math.floor(this.bytesSinceLine / maxLineBytes);
    this.splitLines(port);
    for (let i = 0; i < reports; i++) this.accept(garbage(chunk.toString('latin1', 0, 40), `${maxLineBytes} bytes without a line end`));
  }

  private lost(port: SerialPort): void {
    if (this.port !== port || this.closing) return;
    this.port = null;
    this.lines = null;
    this.session.stop(scaleErrors.unplugged(this.device));
    this.markDisconnected('the port closed');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.retry = setTimeout(() => {
      this.retry = null;
      this.openPort().catch(() => {
        if (!this.closing) this.scheduleReconnect();
      });
    }, this.options.reconnectMs ?? 2000);
    this.retry.unref();
  }

  private write(command: string): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) return Promise.reject(scaleErrors.unplugged(this.device));
    return new Promise((resolve, reject) => {
      port.write(`${command}\r\n`, 'latin1', (error) => {
        if (error) return reject(scaleErrors.unplugged(this.device));
        port.drain(() => resolve());
      });
    });
  }
}
