// Tells a barcode scanner (a keyboard that types a whole code in a few milliseconds and ends it
// with Enter) from a person typing, by the time between keys. Pure: fed key events with their
// times, it says what each burst was; the DOM wiring lives in ScannerProvider.

export type Terminator = 'enter' | 'tab' | null;

export interface Burst {
  text: string;
  terminator: Terminator;
  /** The longest gap between two keys of the burst, in ms. */
  maxGapMs: number;
}

export interface DetectorOptions {
  /** Keys closer together than this belong to one burst. Scanners type 1-20 ms apart, people 80+. */
  maxGapMs: number;
  /**
   * How long keys are held before they count as a person's: also the one hiccup a burst may have
   * (a busy PC delivering one key late) without being split in two.
   */
  holdMs: number;
  /** Shorter bursts are a person's fast fingers, not a code. */
  minLength: number;
}

export const defaultDetectorOptions: DetectorOptions = { maxGapMs: 50, holdMs: 120, minLength: 4 };

export interface DetectorOutput {
  /** A fast burst of at least minLength characters, ended by Enter or Tab or by silence. */
  burst(burst: Burst): void;
  /** Characters that turned out to be typed by a person: hand them to the focused control. */
  typed(text: string): void;
}

export class ScanDetector {
  private buffer = '';
  private lastAt = 0;
  private maxGap = 0;
  private slowGaps = 0;

  constructor(
    private readonly output: DetectorOutput,
    private readonly options: DetectorOptions = defaultDetectorOptions,
  ) {}

  get holding(): boolean {
    return this.buffer.length > 0;
  }

  /** A printable character at time t (ms). The caller holds it back from the page. */
  character(char: string, t: number): void {
    if (this.buffer) {
      const gap = t - this.lastAt;
      // A second slow gap means a person is typing: what they typed goes on before this key.
      if (gap > this.options.holdMs || (gap > this.options.maxGapMs && this.slowGaps > 0)) this.flush(null);
      else {
        if (gap > this.options.maxGapMs) this.slowGaps++;
        this.maxGap = Math.max(this.maxGap, gap);
      }
    }
    this.buffer += char;
    this.lastAt = t;
  }

  /**
   * Enter or Tab at time t. Returns true when it ended a scan (the caller swallows the key),
   * false when it is a person's key (the caller lets it through, after the typed text).
   */
  terminator(kind: 'enter' | 'tab', t: number): boolean {
    if (this.isBurst() && t - this.lastAt <= this.options.holdMs) {
      this.emitBurst(kind);
      return true;
    }
    this.flush(null);
    return false;
  }

  /** Time passes with no key: a held burst without terminator, or a person's keys, is settled. */
  idle(t: number): void {
    if (this.buffer && t - this.lastAt > this.options.holdMs) this.flush(null);
  }

  /** Any other key (arrows, Backspace): what was held is a person's typing and goes first. */
  otherKey(): void {
    this.flush(null);
  }

  private isBurst(): boolean {
    return this.buffer.length >= this.options.minLength && this.slowGaps <= 1;
  }

  private flush(terminator: Terminator): void {
    if (!this.buffer) return;
    if (this.isBurst()) this.emitBurst(terminator);
    else {
      const text = this.buffer;
      this.reset();
      this.output.typed(text);
    }
  }

  private emitBurst(terminator: Terminator): void {
    const burst = { text: this.buffer, terminator, maxGapMs: this.maxGap };
    this.reset();
    this.output.burst(burst);
  }

  private reset(): void {
    this.buffer = '';
    this.maxGap = 0;
    this.slowGaps = 0;
  }
}
