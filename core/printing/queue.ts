import { createHash } from 'node:crypto';
import { AppError, toErrorBody, type ErrorBody } from '../kernel/errors';
import type { Db, Trx } from '../db/schema';
import type { EventDefinition } from '../events/define';
import { record } from '../events/log';
import { renderLabel } from '../labels';
import { deliver, type LinkOptions } from './deliver';
import { printDelivered, printerJobs, type PrinterJob } from './events';
import { printerFor } from './setup';

export interface QueueOptions {
  now?: () => Date;
  /** Told after every change to a job (the screens refresh, the status bar's banner). */
  changed?: (jobId: string | null) => void;
  /** A printer took nothing (told once until it prints again), or a job cannot print as set up: for the station's log. */
  fault?: (printer: string, error: AppError) => void;
  link?: LinkOptions;
  /** First wait before a printer that took nothing is tried again; it doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
  /** How often the queue looks for work when nobody tells it (jobs pulled from elsewhere). */
  idleMs?: number;
}

/** A printer that keeps its jobs waiting: why, since when, and when it is tried again. */
export interface Blocked {
  job: PrinterJob;
  printer: string;
  error: ErrorBody;
  since: string;
  retryAt: string;
}

type JobRow = { id: string; template: string; printer: PrinterJob; data: string; created_by: string };
type OutcomePayload = Parameters<typeof printDelivered.apply>[1];

export const bytesHash = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * The station's print queue: takes this station's queued jobs oldest first, renders each for the
 * printer set up for its job and sends it. Everything it must remember is in the store, so a
 * restart carries on where it stopped. A printer that takes nothing delays its jobs (retried with
 * growing waits, shown as blocked); bytes that went out are never sent again by the queue.
 */
export class PrintQueue {
  readonly blocked = new Map<PrinterJob, Blocked & { attempt: number; until: number }>();
  private running = false;
  private loopDone: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private nudged = false;
  private readonly now: () => Date;
  private readonly unrecorded = new Map<string, { job: { created_by: string }; payload: OutcomePayload }>();

  constructor(
    private readonly db: Db,
    private readonly options: QueueOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.settleInterrupted().then(() => this.loop());
  }

  async stop(): Promise<void> {
    this.running = false;
    this.nudge();
    await this.loopDone;
    this.loopDone = null;
  }

  /** Something was queued, or a printer's set-up changed: look now, and try blocked printers again. */
  nudge(retryBlocked = false): void {
    if (retryBlocked) for (const b of this.blocked.values()) b.until = 0;
    this.nudged = true;
    this.wake?.();
  }

  blockedList(): Blocked[] {
    return [...this.blocked.values()].map(({ job, printer, error, since, retryAt }) => ({ job, printer, error, since, retryAt }));
  }

  private async loop(): Promise<void> {
    while (this.running) {
      this.nudged = false;
      let worked = false;
      try {
        worked = await this.round();
      } catch (e) {
        console.error('karakana: print queue:', e);
      }
      if (!worked && this.running && !this.nudged) await this.sleep();
    }
  }

  private sleep(): Promise<void> {
    const until = Math.min(...[...this.blocked.values()].map((b) => b.until).filter((u) => u > Date.now()), Date.now() + (this.options.idleMs ?? 5000));
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(0, until - Date.now()));
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }

  private async station(): Promise<string | null> {
    return (await this.db.selectFrom('station').select('code').executeTakeFirst())?.code ?? null;
  }

  /** One job: the oldest queued one of a printer that is not waiting out a retry. */
  private async round(): Promise<boolean> {
    const station = await this.station();
    if (!station) return false;
    // Outcomes the store could not take at the time (another program held it): recorded first.
    for (const [jobId, pending] of this.unrecorded) {
      await this.recordOutcome(station, pending.job, pending.payload);
      this.unrecorded.delete(jobId);
    }
    const ready = printerJobs.filter((j) => (this.blocked.get(j)?.until ?? 0) <= Date.now());
    if (ready.length === 0) return false;
    const job = await this.db
      .selectFrom('print_jobs')
      .select(['id', 'template', 'printer', 'data', 'created_by'])
      .where('station', '=', station)
      // Worded as print_jobs_waiting's condition, so SQLite can use that partial index.
      .where('state', 'in', ['queued', 'failed'])
      .where('state', '=', 'queued')
      // A job marked as on its way has an outcome still to be recorded: never picked to send again.
      .where('sent_at', 'is', null)
      .where('printer', 'in', ready)
      .orderBy('created_at')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    if (!job) return false;
    await this.print(station, job);
    return true;
  }

  private async print(station: string, job: JobRow): Promise<void> {
    let bytes: Buffer;
    let setup;
    try {
      setup = await printerFor(this.db, job.printer);
      bytes = renderLabel(job.template, JSON.parse(job.data), setup.target).bytes;
    } catch (e) {
      // The job cannot print as things are set up (no printer, wrong language or dpi, bad data):
      // kept, failed, and queued again when the printer's set-up changes.
      return this.failed(job, e);
    }
    const hash = bytesHash(bytes);
    const delivery = await deliver(setup.device, setup.target, bytes, `${job.template} ${job.id}`, this.options.link, async () => {
      // From here bytes may reach the printer: a restart that finds this mark does not send again.
      const claimed = await this.db.updateTable('print_jobs').set({ sent_at: this.now().toISOString(), bytes_hash: hash, device_id: setup.device.id }).where('id', '=', job.id).where('state', '=', 'queued').executeTakeFirst();
      return claimed.numUpdatedRows > 0n;
    });
    if (delivery.outcome === 'notSent' && delivery.error.code === 'printing.cancelled') return this.options.changed?.(job.id);
    if (delivery.outcome === 'notSent') {
      await this.db
        .updateTable('print_jobs')
        .set((eb) => ({ sent_at: null, attempts: eb('attempts', '+', 1), last_error: JSON.stringify(toErrorBody(delivery.error)) }))
        .where('id', '=', job.id)
        .execute();
      if (delivery.error.code === 'printing.wrongLanguage' || delivery.error.code === 'printing.wrongDpi') return this.failed(job, delivery.error);
      this.block(job.printer, setup.device.name, delivery.error);
    } else {
      this.blocked.delete(job.printer);
      const payload: OutcomePayload = {
        jobId: job.id,
        deviceId: setup.device.id,
        bytesHash: hash,
        outcome: delivery.outcome === 'unknown' ? 'unknown' : delivery.outcome,
        error: delivery.outcome === 'unknown' ? toErrorBody(delivery.error) : null,
      };
      // The bytes went out: whatever happens to the store now, this job is never sent again.
      this.unrecorded.set(job.id, { job, payload });
      await this.recordOutcome(station, job, payload);
      this.unrecorded.delete(job.id);
    }
    this.options.changed?.(job.id);
  }

  private block(job: PrinterJob, printer: string, error: AppError): void {
    const previous = this.blocked.get(job);
    if (!previous) this.options.fault?.(printer, error);
    const attempt = (previous?.attempt ?? 0) + 1;
    const wait = Math.min(this.options.maxRetryMs ?? 60_000, (this.options.retryMs ?? 1000) * 2 ** (attempt - 1));
    const until = Date.now() + wait;
    this.blocked.set(job, { job, printer, error: toErrorBody(error), since: previous?.since ?? this.now().toISOString(), retryAt: new Date(until).toISOString(), attempt, until });
  }

  private async failed(job: JobRow, e: unknown): Promise<void> {
    const error = e instanceof AppError ? e : new AppError('printing.renderFailed', `The ${job.template} could not be made: ${(e as Error).message}`, { template: job.template });
    this.options.fault?.(job.printer, error);
    await this.db
      .updateTable('print_jobs')
      .set((eb) => ({ state: 'failed', sent_at: null, attempts: eb('attempts', '+', 1), last_error: JSON.stringify(toErrorBody(error)) }))
      .where('id', '=', job.id)
      .where('state', '=', 'queued')
      .execute();
    this.options.changed?.(job.id);
  }

  private async recordOutcome(station: string, job: { created_by: string }, payload: OutcomePayload): Promise<void> {
    await this.db.transaction().execute((trx: Trx) =>
      record(trx, { userId: job.created_by, station, now: this.now }, printDelivered as EventDefinition<typeof payload>, payload),
    );
  }

  /** Jobs whose bytes were on their way when the app stopped: what printed is unknown, so a person decides. */
  private async settleInterrupted(): Promise<void> {
    const station = await this.station();
    if (!station) return;
    const interrupted = await this.db
      .selectFrom('print_jobs')
      .select(['id', 'created_by', 'device_id', 'bytes_hash'])
      .where('station', '=', station)
      .where('state', '=', 'queued')
      .where('sent_at', 'is not', null)
      .execute();
    for (const job of interrupted) {
      const error = new AppError('printing.interrupted', 'Karakana stopped while this job was being sent');
      await this.recordOutcome(station, job, { jobId: job.id, deviceId: job.device_id ?? '', bytesHash: job.bytes_hash ?? '', outcome: 'unknown', error: toErrorBody(error) });
      this.options.changed?.(job.id);
    }
  }
}
