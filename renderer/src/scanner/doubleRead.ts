// A scanner sometimes reads one label twice and sends the same code again within milliseconds.
// Pure: fed each scan with its time, it says which are new; ScannerProvider drops the rest.

/** Shorter than any person takes to present the next label, longer than a scanner's double read. */
export const doubleReadWindowMs = 300;

export class DoubleReadFilter {
  private last: { code: string; at: number } | null = null;

  constructor(private readonly windowMs = doubleReadWindowMs) {}

  /** True for a new scan; false for the previous scan's code again within the window (of its latest read). */
  accept(code: string, t: number): boolean {
    const repeat = this.last !== null && this.last.code === code && t - this.last.at < this.windowMs;
    this.last = { code, at: t };
    return !repeat;
  }

  /** A person did something between (a key, a shortcut): the next scan is new whatever its code. */
  forget(): void {
    this.last = null;
  }
}
