import type { Db } from '../db/schema';
import { syncOnce, type SyncOptions, type SyncReport } from './sync';

export interface LoopOptions extends SyncOptions {
  /** Between rounds while all is well: how long a change waits at most to travel. */
  intervalMs?: number;
  /** The longest wait after failures; waits grow from intervalMs, with jitter. */
  maxBackoffMs?: number;
  random?: () => number;
  onRound?: (outcome: { report?: SyncReport; error?: unknown }) => void;
}

/**
 * Syncs on a timer, and at once when nudged (a local write, a reconnect, "sync now"). After a
 * failure it waits longer each time, with jitter so that twenty stations coming back after a
 * power cut do not all knock at once; it never stops trying.
 */
export class SyncLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private failures = 0;
  private stopped = true;
  nextAttemptAt: Date | null = null;
  /** The upstream's head as the last page pulled showed it. */
  head: number | null = null;

  constructor(
    protected readonly db: Db,
    private readonly options: LoopOptions = {},
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  nudge(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  /** Runs a round now (waiting for one under way first) and reports it, or throws its error. */
  async runNow(): Promise<SyncReport> {
    await this.running;
    return this.round();
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.nextAttemptAt = new Date(Date.now() + ms);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.round()
        .then(
          () => undefined,
          () => undefined,
        )
        .finally(() => {
          this.running = null;
          if (this.stopped) return;
          this.schedule(this.again ? 0 : this.delay());
          this.again = false;
        });
    }, ms);
  }

  private delay(): number {
    const interval = this.options.intervalMs ?? 1000;
    if (this.failures === 0) return interval;
    const ceiling = Math.min(this.options.maxBackoffMs ?? 60_000, interval * 2 ** this.failures);
    return Math.round(ceiling / 2 + (this.options.random ?? Math.random)() * (ceiling / 2));
  }

  /** One round of syncing; an HQ hub's loop forwards onward instead. */
  protected sync(): Promise<SyncReport> {
    return syncOnce(this.db, {
      ...this.options,
      onProgress: (cursor, head) => {
        this.head = head;
        this.options.onProgress?.(cursor, head);
      },
      // A part of a new station's snapshot arrived: the cursor is still 0.
      onSnapshotProgress: () => this.options.onProgress?.(0, this.head ?? 0),
    });
  }

  private async round(): Promise<SyncReport> {
    try {
      const report = await this.sync();
      this.failures = 0;
      this.options.onRound?.({ report });
      return report;
    } catch (error) {
      this.failures++;
      this.options.onRound?.({ error });
      throw error;
    }
  }
}
