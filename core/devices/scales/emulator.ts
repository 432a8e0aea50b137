import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ReadlineParser, SerialPort } from 'serialport';
import type { SerialProtocol } from './serialProtocols';

// A serial balance for tests: socat makes a pseudo-terminal pair; the driver opens `appPath` as it
// would /dev/ttyUSB0 or COM3, and the emulator speaks a protocol on the other end. Scripted
// behaviours cover what real balances do to a receiving desk: a load that swings then settles,
// overload, error replies, garbage (a wrong baud rate looks like this), silence, and a cable pulled.

export interface EmulatorOptions {
  protocol: SerialProtocol;
  /** Continuous formats and the MT-SICS SIR stream send a line this often (real balances: ~100 ms). */
  intervalMs?: number;
  /** Lines in motion after each weigh() before the weight settles. */
  motionReports?: number;
}

type Behaviour = 'weigh' | 'over' | 'under' | 'error' | 'garbage' | 'silent';

/** Bytes no protocol sends: what a wrong baud rate or a noisy cable delivers. */
const noise = Buffer.from([0x00, 0xfe, 0x13, 0x87, 0x41, 0xff, 0x0d, 0x0a]);

export class BalanceEmulator {
  /** Every command line the balance received, in order (`SI`, `T`, `Z`...). */
  readonly received: string[] = [];
  private behaviour: Behaviour = 'weigh';
  private errorCode = 'ES';
  private value = 0;
  private unit = 'g';
  private tare = 0;
  private motionLeft = 0;
  private stream: NodeJS.Timeout | null = null;
  private port: SerialPort | null = null;
  private socat: ChildProcess | null = null;
  private socatExited: Promise<void> = Promise.resolve();

  private constructor(
    readonly dir: string,
    private readonly options: Required<EmulatorOptions>,
  ) {}

  /** The end the driver under test opens. */
  get appPath(): string {
    return path.join(this.dir, 'app');
  }

  get balancePath(): string {
    return path.join(this.dir, 'balance');
  }

  static async start(options: EmulatorOptions): Promise<BalanceEmulator> {
    const dir = mkdtempSync(path.join(tmpdir(), 'karakana-balance-'));
    const emulator = new BalanceEmulator(dir, { intervalMs: 50, motionReports: 3, ...options });
    try {
      await emulator.plugIn();
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    return emulator;
  }

  /** Puts a load on: `motionReports` lines in motion, then stable at `value` in `unit` (net of the tare). */
  weigh(value: number, options: { unit?: string; motionReports?: number } = {}): void {
    this.behaviour = 'weigh';
    this.value = value;
    this.unit = options.unit ?? this.unit;
    this.motionLeft = options.motionReports ?? this.options.motionReports;
  }

  overload(): void {
    if (this.options.protocol === 'ohaus') throw new Error('Ohaus overload output is not documented: not emulated');
    this.behaviour = 'over';
  }

  underload(): void {
    this.behaviour = 'under';
  }

  /** MT-SICS answers every command with ES/ET/EL; A&D and Ohaus send their error line instead of data. */
  errorReplies(code?: string): void {
    this.behaviour = 'error';
    this.errorCode = code ?? (this.options.protocol === 'and' ? 'EC,E01' : 'ES');
  }

  garbage(): void {
    this.behaviour = 'garbage';
  }

  silent(): void {
    this.behaviour = 'silent';
  }

  /** Sends one line now, as is: a stale line waiting in the port, a partial line, anything. */
  sendLine(line: string): void {
    this.write(`${line}\r\n`);
  }

  /** Sends bytes as they are, line end or not. */
  sendBytes(bytes: Buffer): void {
    this.write(bytes);
  }

  /** Pulls the cable: socat exits and the app's end of the pair disappears. */
  async unplug(): Promise<void> {
    this.stopStream();
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    this.socat?.kill('SIGTERM');
    await this.socatExited;
    this.socat = null;
  }

  /** Plugs the cable back: the same path appears again, as a USB-serial adapter re-enumerates. */
  async plugIn(): Promise<void> {
    if (this.socat) return;
    const socat = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${this.appPath}`, `pty,raw,echo=0,link=${this.balancePath}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.socat = socat;
    this.socatExited = new Promise((resolve) => socat.once('exit', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      let log = '';
      const fail = (why: string) => {
        clearTimeout(timer);
        this.socat = null;
        reject(new Error(why));
      };
      const timer = setTimeout(() => {
        socat.kill('SIGTERM');
        fail(`socat did not start within 10 s: ${log}`);
      }, 10_000);
      const onError = (error: Error) => fail(`socat cannot be started (is it installed?): ${error.message}`);
      const onExit = (code: number | null) => fail(`socat exited with ${code}: ${log}`);
      socat.once('error', onError);
      socat.once('exit', onExit);
      socat.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
        log += chunk;
        // Both links exist once socat enters its transfer loop.
        if (log.includes('starting data transfer loop')) {
          clearTimeout(timer);
          socat.off('error', onError);
          socat.off('exit', onExit);
          resolve();
        }
      });
    });
    await this.openBalanceEnd();
  }

  async stop(): Promise<void> {
    await this.unplug();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async openBalanceEnd(): Promise<void> {
    const port = new SerialPort({ path: this.balancePath, baudRate: 9600, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    port.on('error', () => undefined); // the pair vanishing on unplug() is expected
    this.port = port;
    port.pipe(new ReadlineParser({ delimiter: '\n', encoding: 'latin1' })).on('data', (line: string) => this.command(line.replace(/\r$/, '')));
    if (this.options.protocol !== 'mt-sics') this.startStream();
  }

  private command(command: string): void {
    this.received.push(command);
    if (this.options.protocol !== 'mt-sics') return this.streamCommand(command);
    if (this.behaviour === 'silent') return;
    if (this.behaviour === 'garbage') return this.write(noise);
    if (this.behaviour === 'error') return this.sendLine(this.errorCode);
    switch (command) {
      case 'SI':
        return this.sendLine(this.mtSicsWeight());
      case 'S':
        this.motionLeft = 0; // S waits for stability: the answer is the settled weight
        return this.sendLine(this.mtSicsWeight());
      case 'SIR':
        return this.startStream();
      case '@':
        this.stopStream();
        return this.sendLine('I4 A "EMU0000001"');
      case 'Z':
        this.value = 0;
        this.tare = 0;
        return this.sendLine('Z A');
      case 'T':
        this.tare += this.value;
        this.value = 0;
        return this.sendLine(`T S ${this.tare.toFixed(2).padStart(10)} ${this.unit}`);
      default:
        return this.sendLine('ES');
    }
  }

  /** A&D and Ohaus: tare and zero act without an answer; Q / IP print the weight at once. */
  private streamCommand(command: string): void {
    if (command === 'T') {
      this.tare += this.value;
      this.value = 0;
    } else if (command === 'Z') {
      this.value = 0;
      this.tare = 0;
    } else if (command === 'Q' || command === 'IP') this.tick();
  }

  private startStream(): void {
    this.stopStream();
    this.stream = setInterval(() => this.tick(), this.options.intervalMs);
    this.stream.unref();
  }

  private stopStream(): void {
    if (this.stream) clearInterval(this.stream);
    this.stream = null;
  }

  private tick(): void {
    switch (this.behaviour) {
      case 'silent':
        return;
      case 'garbage':
        return this.write(noise);
      case 'error':
        return this.sendLine(this.errorCode);
      default:
        return this.sendLine(this.options.protocol === 'mt-sics' ? this.mtSicsWeight() : this.options.protocol === 'and' ? this.andLine() : this.ohausLine());
    }
  }

  /** The next value shown, and whether it has settled: a load swings a little before it settles. */
  private next(): { value: number; stable: boolean } {
    if (this.motionLeft > 0) {
      this.motionLeft -= 1;
      return { value: this.value + (this.motionLeft % 2 ? 0.7 : -0.4), stable: false };
    }
    return { value: this.value, stable: true };
  }

  private mtSicsWeight(): string {
    if (this.behaviour === 'over') return 'S +';
    if (this.behaviour === 'under') return 'S -';
    const { value, stable } = this.next();
    return `S ${stable ? 'S' : 'D'} ${value.toFixed(2).padStart(10)} ${this.unit}`;
  }

  private andLine(): string {
    if (this.behaviour === 'over') return 'OL,+9999999E+19';
    if (this.behaviour === 'under') return 'OL,-9999999E+19';
    const { value, stable } = this.next();
    return `${stable ? 'ST' : 'US'},${value < 0 ? '-' : '+'}${Math.abs(value).toFixed(2).padStart(8, '0')}${this.unit.padStart(3)}`;
  }

  private ohausLine(): string {
    const { value, stable } = this.next();
    return `${value.toFixed(2).padStart(11)} ${this.unit.padEnd(5)} ${stable ? ' ' : '?'}`;
  }

  private write(data: string | Buffer): void {
    this.port?.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
  }
}
