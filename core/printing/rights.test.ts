import { afterEach, expect, it } from 'vitest';
import { createApp, type App } from '../app/app';
import { demoStoreFile } from '../testing/tempStore';
import { PrinterEmulator } from './emulator';
import { example, fastQueue, jobState, login, ok, queue, setUpPrinter, until } from './testing';

// Who may cancel, reprint or settle a print job, on the demo station with a printer emulator.
// Demo people: akinyi (planner, 3333), wanjiru (clerk, 1111), kiprop (operator, 4444), mwangi (packer, 5555).

let app: App | undefined;
let zebra: PrinterEmulator | undefined;
afterEach(async () => {
  await app?.close();
  await zebra?.stop();
  app = zebra = undefined;
});

async function station(): Promise<App> {
  app = await createApp(await demoStoreFile(), { devicePollMs: 0, printing: fastQueue });
  return app;
}

/** The job's row, and how many jobs there are (a reprint would add one). */
const jobsOf = async (a: App, jobId: string) => ({
  job: await a.store.db.selectFrom('print_jobs').select(['state', 'reprinted_as']).where('id', '=', jobId).executeTakeFirstOrThrow(),
  jobs: (await a.store.db.selectFrom('print_jobs').select('id').execute()).length,
});
const printingEvents = async (a: App) => (await a.store.db.selectFrom('events').select('type').where('type', 'in', ['print.cancelled', 'print.reprinted', 'print.settled']).execute());

it('a shipping label waiting for its printer is cancelled by a packer, never by a planner or a clerk', async () => {
  const a = await station();
  zebra = await new PrinterEmulator({ language: 'zpl' }).start();
  await zebra.setFault('refuse'); // the label waits in the queue
  await setUpPrinter(a, await login(a), zebra, { job: 'shipping', widthMm: 102, heightMm: 152 });
  const jobId = await queue(a, 'shipping-label', example('shipping-label'), 'shipping');
  const before = await jobsOf(a, jobId);
  for (const [username, pin] of [['akinyi', '3333'], ['wanjiru', '1111']] as const) {
    const answer = await a.call({ name: 'printJobs.cancel', input: { jobId }, token: await login(a, username, pin) });
    expect(answer).toMatchObject({ ok: false, error: { code: 'auth.forbidden', params: { procedure: 'printJobs.cancel' } } });
  }
  expect(await jobsOf(a, jobId)).toEqual(before);
  expect(await printingEvents(a)).toEqual([]);

  await ok(a, await login(a, 'mwangi', '5555'), 'printJobs.cancel', { jobId });
  expect((await jobState(a, jobId)).state).toBe('cancelled');
});

it('a printed lot label is reprinted by one who handles pieces, never by a planner', async () => {
  const a = await station();
  zebra = await new PrinterEmulator({ language: 'zpl' }).start();
  await setUpPrinter(a, await login(a), zebra);
  const jobId = await queue(a, 'lot-label', example('lot-label'));
  await until(a, jobId, ['confirmed']);
  const before = await jobsOf(a, jobId);

  const planner = await login(a, 'akinyi', '3333');
  expect(await a.call({ name: 'printJobs.reprint', input: { jobId }, token: planner })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
  expect(await jobsOf(a, jobId)).toEqual(before);
  expect(await printingEvents(a)).toEqual([]);

  const { jobId: copy } = await ok<{ jobId: string }>(a, await login(a, 'kiprop', '4444'), 'printJobs.reprint', { jobId });
  expect((await jobState(a, copy)).reprint_of).toBe(jobId);
});
