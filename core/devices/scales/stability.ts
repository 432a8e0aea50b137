import type { ScaleReading } from './types';

/**
 * Counts consecutive readings that say the same thing (same status, same grams). A scale's own
 * "stable" flag is not enough to capture a weight: it can be set on a single report while the bag
 * still swings, and the first report after connecting can be old. N equal reports in a row can't.
 */
export class StableRun {
  private key: string | null = null;
  private length = 0;

  /** Adds a reading and returns how many equal readings in a row end with it. */
  push(reading: ScaleReading): number {
    const key = `${reading.status}|${reading.grams ?? ''}`;
    if (key === this.key) this.length += 1;
    else {
      this.key = key;
      this.length = 1;
    }
    return this.length;
  }

  reset(): void {
    this.key = null;
    this.length = 0;
  }
}
