import { v7 as uuidv7 } from 'uuid';
import { expect } from 'vitest';
import type { App } from '../app/app';
import { record } from '../events/log';
import { labelTemplates } from '../labels';
import { PrinterEmulator } from './emulator';
import { printQueued, type PrinterJob, type PrintTemplate } from './events';

// What the printing tests share: an app on a demo store, a printer emulator set up for a job, and
// jobs queued exactly as receiving queues them (print.queued in a write).

export const fastLink = { timeouts: { connectMs: 500, idleMs: 600, statusMs: 400 } };
export const fastQueue = { link: fastLink, retryMs: 40, maxRetryMs: 200, idleMs: 40 };

export async function login(app: App, username = 'grace', pin = '9999'): Promise<string> {
  const result = await app.call({ name: 'session.login', input: { username, pin }, token: null });
  expect(result.ok).toBe(true);
  return (result as { data: { token: string } }).data.token;
}

/** Calls a procedure and answers its data, failing the test on an error. */
export async function ok<T>(app: App, token: string, name: string, input: unknown): Promise<T> {
  const result = await app.call({ name, input, token });
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
  return result.data as T;
}

export async function setUpPrinter(
  app: App,
  token: string,
  emulator: PrinterEmulator,
  setup: { job?: PrinterJob; language?: 'zpl' | 'escpos'; dpi?: 203 | 300; widthMm?: number | null; heightMm?: number | null } = {},
): Promise<string> {
  const device = await ok<{ id: string }>(app, token, 'devices.save', { id: null, kind: setup.job === 'receipt' ? 'receipt_printer' : 'label_printer', name: `Printer ${emulator.port}`, driver: 'tcp', address: emulator.address });
  await ok(app, token, 'printers.save', {
    job: setup.job ?? 'label',
    deviceId: device.id,
    language: setup.language ?? 'zpl',
    dpi: setup.dpi ?? 203,
    widthMm: setup.widthMm === undefined ? 50 : setup.widthMm,
    heightMm: setup.heightMm === undefined ? 25 : setup.heightMm,
    offsetXMm: 0,
    offsetYMm: 0,
    darkness: 15,
  });
  return device.id;
}

export function example(template: PrintTemplate): Record<string, unknown> {
  return labelTemplates().find((t) => t.name === template)!.example;
}

/** Queues a job as receiving does: a print.queued event in one write. */
export async function queue(app: App, template: PrintTemplate, data: Record<string, unknown>, printer: PrinterJob = 'label'): Promise<string> {
  const jobId = uuidv7();
  const user = await app.store.db.selectFrom('users').select('id').where('username', '=', 'wanjiru').executeTakeFirstOrThrow();
  await app.store.db.transaction().execute((trx) =>
    record(trx, { userId: user.id, station: 'R1', now: () => new Date() }, printQueued, { jobId, template, printer, lotId: (data.lotId as string | undefined) ?? null, data }),
  );
  return jobId;
}

export async function jobState(app: App, jobId: string) {
  return app.store.db.selectFrom('print_jobs').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow();
}

/** Waits until the job reaches one of the states (the queue works in the background). */
export async function until(app: App, jobId: string, states: string[], timeoutMs = 8000) {
  for (let waited = 0; waited < timeoutMs; waited += 20) {
    const job = await jobState(app, jobId);
    if (states.includes(job.state)) return job;
    await new Promise((r) => setTimeout(r, 20));
  }
  const job = await jobState(app, jobId);
  throw new Error(`job ${jobId} stayed ${job.state} (${job.last_error ?? 'no error'}), not ${states.join('/')}`);
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
