import { looksLikeCode } from '../../../core/scan/shapes';

// Tells a barcode scanner (a keyboard that types a whole code in a few milliseconds and ends it
// with Enter) from a person typing, by the time between keys. Pure: fed key events with their
// times, it says what each burst was; the DOM wiring lives in ScannerProvider.

export type Terminator = 'enter' | 'tab' | null;

/** Where the keys go: a field meant for typing (a person's fast typing must stay there) or the page. */
export type Place = 'typing' | 'page';

export interface Burst {
  text: string;
  terminator: Terminator;
  /** The longest gap between two keys of the burst, in ms. */
  maxGapMs: number;
  /** When its last key (the terminator, if any) was pressed, in the keys' own clock (ms). */
  at: number;
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
  /**
   * In a typing field, every gap of a scan (Shift and the Enter included) is shorter than this:
   * scanners send keys 0-15 ms apart, while a fast typist's 35-60 ms holds a quick pair at 20-30.
   */
  scannerGapMs: number;
}

export const defaultDetectorOptions: DetectorOptions = { maxGapMs: 50, holdMs: 120, minLength: 4, scannerGapMs: 20 };

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
    private readonly place: () => Place = () => 'page',
  ) {}

  get holding(): boolean {
    return this.buffer.length > 0;
  }

  /** A printable character at time t (ms). The caller holds it back from the page. */
  character(char: string, t: number): void {
    this.step(t);
    this.buffer += char;
    this.lastAt = t;
  }

  /** Shift pressed at time t: it types nothing, but it is a key of the burst (a scanner's, per capital). */
  shift(t: number): void {
    this.step(t);
    if (this.buffer) this.lastAt = t;
  }

  /**
   * Enter or Tab at time t. Returns true when it ended a scan (the caller swallows the key),
   * false when it is a person's key (the caller lets it through, after the typed text).
   */
  terminator(kind: 'enter' | 'tab', t: number): boolean {
    const scan = this.place() === 'typing' ? this.isScanInField(t) : this.isBurst() && t - this.lastAt <= this.options.holdMs;
    if (scan) {
      this.emitBurst(kind, t);
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

  /** The gap since the last key: held keys that can no longer be one scan go on first. */
  private step(t: number): void {
    if (!this.buffer) return;
    const gap = t - this.lastAt;
    // In a typing field one gap a scanner never makes is enough; elsewhere a second slow gap.
    if (this.place() === 'typing' && gap >= this.options.scannerGapMs) return this.flush(null);
    if (gap > this.options.holdMs || (gap > this.options.maxGapMs && this.slowGaps > 0)) return this.flush(null);
    if (gap > this.options.maxGapMs) this.slowGaps++;
    this.maxGap = Math.max(this.maxGap, gap);
  }

  private isBurst(): boolean {
    return this.buffer.length >= this.options.minLength && this.slowGaps <= 1;
  }

  /** In a typing field a scan is all scanner-fast to its Enter, and a code of a shape Karakana knows. */
  private isScanInField(t: number): boolean {
    const gaps = Math.max(this.maxGap, t - this.lastAt);
    return this.buffer.length >= this.options.minLength && gaps < this.options.scannerGapMs && looksLikeCode(this.buffer);
  }

  /** Held keys with no Enter after them: a burst on the page (a scanner without suffix), typed text in a field. */
  private flush(terminator: Terminator): void {
    if (!this.buffer) return;
    if (this.place() === 'page' && this.isBurst()) this.emitBurst(terminator, this.lastAt);
    else {
      const text = this.buffer;
      this.reset();
      this.output.typed(text);
    }
  }

  private emitBurst(terminator: Terminator, at: number): void {
    const burst = { text: this.buffer, terminator, maxGapMs: this.maxGap, at };
    this.reset();
    this.output.burst(burst);
  }

  private reset(): void {
    this.buffer = '';
    this.maxGap = 0;
    this.slowGaps = 0;
  }
}
