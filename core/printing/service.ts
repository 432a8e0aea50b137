import { v7 as uuidv7 } from 'uuid';
import { AppError, toErrorBody, type ErrorBody } from '../kernel/errors';
import type { Output, ParsedInput } from '../api/contract';
import type { Ctx } from '../app/context';
import type { Db } from '../db/schema';
import { renderPreview, testPrint } from '../labels';
import { deliver, type LinkOptions } from './deliver';
import { printCancelled, printerSet, printReprinted, printSettled, type PrinterJob } from './events';
import type { PrintQueue } from './queue';
import { assertMayHandle } from './rights';
import { printerFor, targetOf } from './setup';

type PrintJobView = Output<'printJobs.list'>['jobs'][number];

export async function listPrinters(db: Db): Promise<Output<'printers.list'>> {
  const rows = await db.selectFrom('printer_setups as p').innerJoin('devices as d', 'd.id', 'p.device_id').selectAll('p').select('d.name').orderBy('p.job').execute();
  return rows.map((r) => ({ job: r.job, deviceId: r.device_id, deviceName: r.name, language: r.language, dpi: r.dpi, widthMm: r.width_mm, heightMm: r.height_mm, offsetXMm: r.offset_x_mm, offsetYMm: r.offset_y_mm, darkness: r.darkness }));
}

export async function savePrinter(ctx: Ctx, input: ParsedInput<'printers.save'>, queue: PrintQueue): Promise<Output<'printers.save'>> {
  const device = await ctx.db.selectFrom('devices').select(['name', 'kind']).where('id', '=', input.deviceId).executeTakeFirst();
  if (!device) throw new AppError('device.notFound', `No device ${input.deviceId}`, { id: input.deviceId });
  if (device.kind !== 'label_printer' && device.kind !== 'receipt_printer')
    throw new AppError('printing.notAPrinter', `${device.name} is not a printer`, { device: device.name });
  await ctx.write(({ record }) => record(printerSet, input));
  queue.nudge(true);
  return input;
}

/** The calibration page, straight to the printer (not through the queue): what it did, at once. */
export async function sendTestPrint(db: Db, job: PrinterJob, link?: LinkOptions): Promise<Output<'printers.testPrint'>> {
  const setup = await printerFor(db, job);
  const result = await deliver(setup.device, setup.target, testPrint(setup.target), `test ${job}`, link);
  return { outcome: result.outcome, error: 'error' in result ? toErrorBody(result.error) : null };
}

const parseError = (text: string | null): ErrorBody | null => (text ? (JSON.parse(text) as ErrorBody) : null);

export async function listJobs(db: Db, input: ParsedInput<'printJobs.list'>, queue: PrintQueue): Promise<Output<'printJobs.list'>> {
  let query = db
    .selectFrom('print_jobs as j')
    .leftJoin('devices as d', 'd.id', 'j.device_id')
    .leftJoin('users as u', 'u.id', 'j.created_by')
    .selectAll('j')
    .select(['d.name as device_name', 'u.name as user_name']);
  if (input.jobId) query = query.where('j.id', '=', input.jobId);
  if (input.lotId) query = query.where('j.lot_id', '=', input.lotId);
  // Both worded with print_jobs_open's condition, so SQLite reads that partial index.
  if (input.filter !== 'all') query = query.where('j.state', 'in', ['queued', 'failed', 'unknown']);
  if (input.filter === 'attention') query = query.where((eb) => eb.or([eb('j.state', '=', 'failed'), eb.and([eb('j.state', '=', 'unknown'), eb('j.reprinted_as', 'is', null)])]));
  const rows = await query.orderBy('j.created_at', 'desc').orderBy('j.id', 'desc').limit(input.limit).execute();
  const jobs: PrintJobView[] = rows.map((r) => ({
    id: r.id,
    template: r.template,
    printer: r.printer,
    printerName: r.device_name,
    lotId: r.lot_id,
    state: r.state,
    attempts: r.attempts,
    lastError: parseError(r.last_error),
    bytesHash: r.bytes_hash,
    createdAt: r.created_at,
    createdBy: r.user_name ?? r.created_by,
    sentAt: r.sent_at,
    reprintOf: r.reprint_of,
    reprintedAs: r.reprinted_as,
    sending: r.state === 'queued' && r.sent_at !== null,
  }));
  return { jobs, banner: await banner(db, queue) };
}

/** What the status bar shows: printers holding jobs back, jobs a person must decide on. */
export async function banner(db: Db, queue: PrintQueue): Promise<Output<'printJobs.banner'>> {
  const counts = await db
    .selectFrom('print_jobs')
    .select((eb) => [
      eb.fn.sum<number>(eb.case().when('state', '=', 'unknown').then(eb.case().when('reprinted_as', 'is', null).then(1).else(0).end()).else(0).end()).as('unknown'),
      eb.fn.sum<number>(eb.case().when('state', '=', 'failed').then(1).else(0).end()).as('failed'),
      eb.fn.sum<number>(eb.case().when('state', '=', 'queued').then(1).else(0).end()).as('waiting'),
    ])
    .where('state', 'in', ['queued', 'failed', 'unknown'])
    .executeTakeFirstOrThrow();
  return { blocked: queue.blockedList(), unknown: Number(counts.unknown ?? 0), failed: Number(counts.failed ?? 0), waiting: Number(counts.waiting ?? 0) };
}

async function job(db: Db, jobId: string) {
  const row = await db.selectFrom('print_jobs').selectAll().where('id', '=', jobId).executeTakeFirst();
  if (!row) throw new AppError('printing.jobNotFound', `No print job ${jobId}`, { job: jobId });
  return row;
}

const pngUrl = (png: Buffer | undefined) => `data:image/png;base64,${png?.toString('base64') ?? ''}`;

/** A job's picture as its printer prints it (the printer's dpi and media where one is set up). */
export async function previewJob(db: Db, jobId: string): Promise<Output<'printJobs.preview'>> {
  const row = await job(db, jobId);
  const setup = await db.selectFrom('printer_setups').selectAll().where('job', '=', row.printer).executeTakeFirst();
  const target = setup ? targetOf(setup) : null;
  const preview = renderPreview(row.template, JSON.parse(row.data), {
    format: 'png',
    ...(target ? { dpi: target.dpi, language: target.language, ...(target.widthMm ? { widthMm: target.widthMm } : {}), ...(target.heightMm ? { heightMm: target.heightMm } : {}) } : {}),
  });
  return { png: pngUrl(preview.png), warnings: preview.warnings };
}

export function previewLabel(template: string, data: unknown): Output<'labels.preview'> {
  const preview = renderPreview(template, data, { format: 'png' });
  return { png: pngUrl(preview.png), warnings: preview.warnings };
}

/**
 * A new job printing what another printed (or may have printed). A job whose outcome is unknown is
 * reprinted once; a job still waiting is not reprinted (it prints anyway).
 */
export async function reprint(ctx: Ctx, jobId: string, queue: PrintQueue): Promise<{ jobId: string }> {
  const newId = uuidv7();
  await ctx.write(async ({ trx, record }) => {
    const row = await trx.selectFrom('print_jobs').select(['template', 'state', 'reprinted_as', 'lot_id']).where('id', '=', jobId).executeTakeFirst();
    if (!row) throw new AppError('printing.jobNotFound', `No print job ${jobId}`, { job: jobId });
    assertMayHandle(ctx.user(), row.template, 'printJobs.reprint');
    if (row.state === 'queued' || row.state === 'failed') throw new AppError('printing.stillWaiting', 'This job has not printed yet: it prints when the printer takes it', { job: jobId });
    if (row.state === 'unknown' && row.reprinted_as) throw new AppError('printing.alreadyReprinted', `This job was already reprinted as ${row.reprinted_as}`, { job: row.reprinted_as });
    await record(printReprinted, { jobId: newId, reprintOf: jobId, lotId: row.lot_id });
  });
  queue.nudge();
  return { jobId: newId };
}

/** The person saw the label of a job whose outcome was unknown: it printed. */
export async function settle(ctx: Ctx, jobId: string): Promise<void> {
  await ctx.write(async ({ trx, record }) => {
    const row = await trx.selectFrom('print_jobs').select(['template', 'state', 'reprinted_as']).where('id', '=', jobId).executeTakeFirst();
    if (!row) throw new AppError('printing.jobNotFound', `No print job ${jobId}`, { job: jobId });
    assertMayHandle(ctx.user(), row.template, 'printJobs.settle');
    if (row.state !== 'unknown' || row.reprinted_as) throw new AppError('printing.notUnknown', 'Only a job whose outcome is unknown can be marked as printed', { job: jobId });
    await record(printSettled, { jobId });
  });
}

export async function cancel(ctx: Ctx, jobId: string): Promise<void> {
  await ctx.write(async ({ trx, record }) => {
    const row = await trx.selectFrom('print_jobs').select(['template', 'state', 'sent_at']).where('id', '=', jobId).executeTakeFirst();
    if (!row) throw new AppError('printing.jobNotFound', `No print job ${jobId}`, { job: jobId });
    assertMayHandle(ctx.user(), row.template, 'printJobs.cancel');
    if (row.state === 'queued' && row.sent_at) throw new AppError('printing.sendingNow', 'This job is being sent to the printer right now');
    if (row.state !== 'queued' && row.state !== 'failed') throw new AppError('printing.notCancellable', 'Only a job that has not printed can be cancelled', { job: jobId });
    await record(printCancelled, { jobId });
  });
}
