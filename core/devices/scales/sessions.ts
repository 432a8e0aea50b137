import type { AppError } from '../../kernel/errors';
import { scaleErrors, withDevice } from './errors';
import type { ScaleReport } from './report';
import { streamCommands, type SerialProtocol } from './serialProtocols';

/** What a protocol session needs from the serial driver. */
export interface SessionLink {
  readonly device: string;
  write(command: string): Promise<void>;
}

/**
 * The talking part of a protocol: what to send after the port opens, how tare and zero are asked
 * and answered, and what to say before the port closes.
 */
export interface Session {
  readonly can: { tare: boolean; zero: boolean };
  start(): void;
  /** Every parsed line, so replies can complete the command waiting for them. */
  seen(report: ScaleReport): void;
  /** The balance went quiet: a stream that stopped (power cycle) is asked again. */
  quiet(): void;
  /** The port is gone or closing: nothing more will be answered. */
  stop(reason: AppError): void;
  /** Last words before the port closes (MT-SICS stops its SIR stream). */
  farewell(): Promise<void>;
  tare(): Promise<void>;
  zero(): Promise<void>;
}

export type MtSicsMode = 'SI' | 'S' | 'SIR';

export interface SessionOptions {
  /** MT-SICS: poll with SI (immediate, shows motion; the default), poll with S (stable only), or ask once for the SIR stream. */
  mtSicsMode?: MtSicsMode;
  /** Continuous families: ask for each weight (A&D `Q`, Ohaus `IP`) instead of listening to the stream. */
  poll?: boolean;
  pollMs?: number;
  /** How long a command may wait for its reply; MT-SICS `S` waits for stability, so be generous. */
  replyTimeoutMs?: number;
}

interface Pending {
  command: string;
  kind: 'weigh' | 'zero' | 'tare';
  sentAt: number;
  done?: (error: AppError | null) => void;
}

/**
 * MT-SICS is a dialogue: one command at a time, each answered by a line that starts with the
 * command's name. Polling keeps the dialogue self-healing: a balance switched off and on answers
 * the next SI without being told anything.
 */
export class MtSicsSession implements Session {
  readonly can = { tare: true, zero: true };
  private readonly mode: MtSicsMode;
  private readonly pollMs: number;
  private readonly replyTimeoutMs: number;
  private pending: Pending | null = null;
  private readonly queue: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly link: SessionLink,
    options: SessionOptions = {},
  ) {
    this.mode = options.mtSicsMode ?? 'SI';
    this.pollMs = options.pollMs ?? 200;
    this.replyTimeoutMs = options.replyTimeoutMs ?? 5000;
  }

  start(): void {
    this.stopTimer();
    if (this.mode === 'SIR') this.send({ command: 'SIR', kind: 'weigh', sentAt: 0 });
    this.timer = setInterval(() => this.tick(), this.pollMs);
    this.timer.unref();
  }

  seen(report: ScaleReport): void {
    const pending = this.pending;
    if (!pending) return;
    const answers =
      pending.kind === 'weigh'
        ? report.kind === 'reading' || report.kind === 'busy' || report.kind === 'problem'
        : (report.kind === 'reply' && report.command === pending.kind) || (report.kind === 'problem' && report.error.code === 'scale.error');
    if (!answers) return;
    let error: AppError | null = null;
    if (report.kind === 'reply' && !report.ok) error = scaleErrors.refused(this.link.device, pending.kind, `${report.raw.trim()}: ${report.detail}`);
    if (report.kind === 'problem' && pending.kind !== 'weigh') error = withDevice(report.error, this.link.device);
    this.complete(error);
  }

  quiet(): void {
    // An unanswered poll would hold the dialogue until its reply timeout: ask again instead.
    if (this.pending?.kind === 'weigh') this.pending = null;
    // SIR streams until told otherwise; a balance that was off has forgotten it was told.
    if (this.mode === 'SIR' && !this.pending) this.send({ command: 'SIR', kind: 'weigh', sentAt: 0 });
  }

  stop(reason: AppError): void {
    this.stopTimer();
    for (const waiting of [this.pending, ...this.queue.splice(0)]) waiting?.done?.(reason);
    this.pending = null;
  }

  async farewell(): Promise<void> {
    // `@` resets the balance's interface: it ends an SIR stream so the next program starts clean.
    if (this.mode === 'SIR') await this.link.write('@').catch(() => undefined);
  }

  tare(): Promise<void> {
    return this.ask('T', 'tare');
  }

  zero(): Promise<void> {
    return this.ask('Z', 'zero');
  }

  private ask(command: string, kind: 'tare' | 'zero'): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ command, kind, sentAt: 0, done: (error) => (error ? reject(error) : resolve()) });
      if (!this.pending || this.pending.kind === 'weigh') this.next();
    });
  }

  private tick(): void {
    // SI is answered at once; S, T and Z may wait for the balance to settle.
    const patience = this.pending?.command === 'SI' ? Math.min(1000, this.replyTimeoutMs) : this.replyTimeoutMs;
    if (this.pending && Date.now() - this.pending.sentAt > patience) {
      const { kind } = this.pending;
      this.complete(kind === 'weigh' ? null : scaleErrors.noReply(this.link.device, kind));
      return;
    }
    if (this.pending) return;
    if (this.queue.length) return this.next();
    if (this.mode !== 'SIR') this.send({ command: this.mode, kind: 'weigh', sentAt: 0 });
  }

  private complete(error: AppError | null): void {
    const done = this.pending?.done;
    // In SIR mode the stream keeps coming after its first answer: nothing is pending for it.
    this.pending = null;
    done?.(error);
    if (this.queue.length) this.next();
  }

  /** A zero or tare goes next, even ahead of an unanswered poll: the poll's answer is only a weight. */
  private next(): void {
    const command = this.queue.shift();
    if (command) this.send(command);
  }

  private send(pending: Pending): void {
    this.pending = { ...pending, sentAt: Date.now() };
    this.link.write(pending.command).catch(() => undefined); // a write that fails shows as silence or unplug
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

/**
 * A&D and Ohaus in stream mode talk on their own; commands are fire-and-forget (they answer with
 * nothing, or an ACK), and the effect of a tare shows in the next weights. With `poll` the balance
 * is asked for each weight instead.
 */
export class StreamSession implements Session {
  readonly can = { tare: true, zero: true };
  private timer: NodeJS.Timeout | null = null;
  private readonly commands: { tare: string; zero: string; printNow: string };

  constructor(
    private readonly link: SessionLink,
    protocol: Exclude<SerialProtocol, 'mt-sics'>,
    private readonly options: SessionOptions = {},
  ) {
    this.commands = streamCommands[protocol];
  }

  start(): void {
    this.stopTimer();
    if (!this.options.poll) return;
    this.timer = setInterval(() => void this.link.write(this.commands.printNow).catch(() => undefined), this.options.pollMs ?? 200);
    this.timer.unref();
  }

  seen(): void {}

  quiet(): void {}

  stop(): void {
    this.stopTimer();
  }

  async farewell(): Promise<void> {}

  tare(): Promise<void> {
    return this.link.write(this.commands.tare);
  }

  zero(): Promise<void> {
    return this.link.write(this.commands.zero);
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
