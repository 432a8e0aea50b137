import { withDevice } from './errors';
import { Listeners } from './listeners';
import type { ScaleReport } from './report';
import type { Scale, ScaleEvents, ScaleReading, ScaleState } from './types';

export interface BaseScaleOptions {
  /** No word from the scale for this long makes it `silent`. */
  silenceMs?: number;
}

/**
 * What every driver shares: state, listeners, the silence watchdog, and dropping the first reading
 * after each (re)connect, which can be a stale report from before (usbscale discards it for HID
 * scales; a serial port can hold lines buffered while nobody read them).
 */
export abstract class BaseScale implements Scale {
  abstract readonly can: { tare: boolean; zero: boolean };
  private readonly listeners = new Listeners<ScaleEvents>();
  private currentState: ScaleState = 'disconnected';
  private lastReading: ScaleReading | null = null;
  private heardAt: Date | null = null;
  private skipNextReading = true;
  private watchdog: NodeJS.Timeout | null = null;
  protected readonly silenceMs: number;

  constructor(
    readonly device: string,
    options: BaseScaleOptions = {},
  ) {
    this.silenceMs = options.silenceMs ?? 3000;
  }

  get state(): ScaleState {
    return this.currentState;
  }

  get last(): ScaleReading | null {
    return this.lastReading;
  }

  get lastHeardAt(): Date | null {
    return this.heardAt;
  }

  on<E extends keyof ScaleEvents>(event: E, listener: (...args: ScaleEvents[E]) => void): () => void {
    return this.listeners.on(event, listener);
  }

  abstract tare(): Promise<void>;
  abstract zero(): Promise<void>;
  abstract close(): Promise<void>;

  protected markConnected(detail = ''): void {
    if (this.currentState === 'closed') return;
    this.skipNextReading = true;
    this.lastReading = null;
    this.armWatchdog();
    this.setState('connected', detail);
  }

  protected markDisconnected(detail: string): void {
    if (this.currentState === 'closed' || this.currentState === 'disconnected') return;
    this.stopWatchdog();
    this.lastReading = null;
    this.setState('disconnected', detail);
  }

  protected markClosed(): void {
    if (this.currentState === 'closed') return;
    this.stopWatchdog();
    this.setState('closed', '');
    this.listeners.clear();
  }

  /** Any bytes at all: the scale is talking, even if what it says is garbage. */
  protected heard(): void {
    if (this.currentState !== 'connected' && this.currentState !== 'silent') return;
    this.heardAt = new Date();
    this.armWatchdog();
    if (this.currentState === 'silent') this.setState('connected', 'talking again');
  }

  /** One parsed report from the driver. */
  protected accept(report: ScaleReport): void {
    if (this.currentState !== 'connected' && this.currentState !== 'silent') return;
    this.heard();
    switch (report.kind) {
      case 'reading': {
        if (this.skipNextReading) {
          this.skipNextReading = false;
          return;
        }
        const { kind: _kind, ...fields } = report;
        const reading: ScaleReading = { ...fields, at: new Date(), device: this.device };
        this.lastReading = reading;
        this.listeners.emit('reading', reading);
        return;
      }
      case 'problem':
        this.listeners.emit('problem', withDevice(report.error, this.device));
        return;
      default:
        return;
    }
  }

  private setState(state: ScaleState, detail: string): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.listeners.emit('state', state, detail);
  }

  private armWatchdog(): void {
    this.stopWatchdog();
    this.watchdog = setTimeout(() => {
      if (this.currentState === 'connected') this.setState('silent', `nothing heard for ${this.silenceMs} ms`);
    }, this.silenceMs);
    // A quiet scale must not keep a CLI process alive.
    this.watchdog.unref();
  }

  private stopWatchdog(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = null;
  }
}
