import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../app/app';
import { decodeEscpos } from '../labels/decode/escpos';
import { decodeZpl } from '../labels/decode/zpl';
import { demoStoreFile } from '../testing/tempStore';
import { PrinterEmulator } from './emulator';
import { usbPrinter } from './transports/usbPrinter';
import { example, fastLink, fastQueue, jobState, login, ok, pause, queue, setUpPrinter, until } from './testing';

// The print queue against a printer emulator on a real TCP port: the bytes it captures are decoded
// back to the texts and barcodes they print.

const running: { apps: App[]; printers: PrinterEmulator[] } = { apps: [], printers: [] };
afterEach(async () => {
  for (const app of running.apps.splice(0)) await app.close();
  for (const printer of running.printers.splice(0)) await printer.stop();
});

/** The demo station (its queue starts empty: the demo's past printed long ago), or a store reopened. */
async function station(file?: string) {
  const app = await createApp(file ?? (await demoStoreFile()), { devicePollMs: 0, printing: fastQueue });
  running.apps.push(app);
  return { app, token: await login(app) };
}

async function printer(options: ConstructorParameters<typeof PrinterEmulator>[0] = { language: 'zpl' }) {
  const emulator = await new PrinterEmulator(options).start();
  running.printers.push(emulator);
  return emulator;
}

const lot = example('lot-label');

describe('the print queue', () => {
  it('prints a queued lot label in ZPL: its text and its Code 128 lot id arrive, confirmed by ~HS, with the bytes hash kept', async () => {
    const { app, token } = await station();
    const zebra = await printer();
    await setUpPrinter(app, token, zebra);
    const jobId = await queue(app, 'lot-label', lot);
    const job = await until(app, jobId, ['confirmed']);
    const [captured] = await zebra.waitForJobs(1);
    const decoded = decodeZpl(captured!.bytes);
    expect(decoded.barcodes).toContainEqual({ type: 'code128', value: lot.lotId });
    expect(decoded.texts.join('\n')).toContain(String(lot.designName));
    expect(job.bytes_hash).toBe(createHash('sha256').update(captured!.bytes).digest('hex'));
    expect(job.attempts).toBe(1);
    const events = await app.store.db.selectFrom('events').select('type').where('type', 'like', 'print.%').where('payload', 'like', `%${jobId}%`).orderBy('seq').execute();
    expect(events.map((e) => e.type)).toEqual(['print.queued', 'print.delivered']);
  });

  it('prints an 80 mm receipt in ESC/POS, confirmed by DLE EOT', async () => {
    const { app, token } = await station();
    const epson = await printer({ language: 'escpos' });
    await setUpPrinter(app, token, epson, { job: 'receipt', language: 'escpos', widthMm: 80, heightMm: null });
    const data = example('delivery-receipt');
    const jobId = await queue(app, 'delivery-receipt', data, 'receipt');
    await until(app, jobId, ['confirmed']);
    const [captured] = await epson.waitForJobs(1);
    expect(decodeEscpos(captured!.bytes).texts.join('\n')).toContain(String(data.artisan));
  });

  it('keeps a job while the printer refuses connections, retries, shows it blocked, and prints it once when it is back', async () => {
    const { app, token } = await station();
    const zebra = await printer();
    await setUpPrinter(app, token, zebra);
    await zebra.setFault('refuse');
    const jobId = await queue(app, 'lot-label', lot);
    await pause(500);
    const waiting = await jobState(app, jobId);
    expect(waiting.state).toBe('queued');
    expect(waiting.attempts).toBeGreaterThan(1);
    expect(JSON.parse(waiting.last_error!)).toMatchObject({ code: 'printing.unreachable' });
    const banner = await ok<{ blocked: { job: string; error: { code: string } }[]; waiting: number }>(app, token, 'printJobs.banner', {});
    expect(banner).toMatchObject({ blocked: [{ job: 'label', error: { code: 'printing.unreachable' } }], waiting: 1 });
    await zebra.setFault('none');
    await until(app, jobId, ['confirmed']);
    await pause(300);
    expect(zebra.jobs).toHaveLength(1);
    expect((await ok<{ blocked: unknown[] }>(app, token, 'printJobs.banner', {})).blocked).toEqual([]);
  });

  it('holds jobs while the printer is out of paper (nothing is sent), and prints them in order once paper is in', async () => {
    const { app, token } = await station();
    const zebra = await printer();
    await setUpPrinter(app, token, zebra);
    zebra.set({ paperOut: true });
    const first = await queue(app, 'lot-label', { ...lot, lotId: 'L-26-R1-000201' });
    const second = await queue(app, 'lot-label', { ...lot, lotId: 'L-26-R1-000202' });
    await pause(400);
    expect(zebra.jobs).toHaveLength(0);
    expect((await jobState(app, first)).state).toBe('queued');
    const banner = await ok<{ blocked: { error: { code: string } }[] }>(app, token, 'printJobs.banner', {});
    expect(banner.blocked[0]?.error.code).toBe('printing.paperOut');
    zebra.set({ paperOut: false });
    await until(app, second, ['confirmed']);
    const lots = zebra.jobs.map((j) => decodeZpl(j.bytes).barcodes[0]?.value);
    expect(lots).toEqual(['L-26-R1-000201', 'L-26-R1-000202']);
  });

  for (const fault of ['stall', 'closeEarly'] as const) {
    it(`marks a job unknown when the printer ${fault === 'stall' ? 'stalls' : 'hangs up'} mid-job, never sends it again by itself, and a confirmed reprint prints once`, async () => {
      const { app, token } = await station();
      const zebra = await printer();
      await setUpPrinter(app, token, zebra);
      await zebra.setFault(fault, 40);
      const jobId = await queue(app, 'lot-label', lot);
      const unknown = await until(app, jobId, ['unknown']);
      expect(unknown.bytes_hash).toMatch(/^[0-9a-f]{64}$/);
      await zebra.setFault('none');
      await pause(400);
      expect(zebra.jobs.map((j) => j.complete)).toEqual([false]);
      const attention = await ok<{ jobs: { id: string; state: string }[] }>(app, token, 'printJobs.list', { filter: 'attention' });
      expect(attention.jobs.filter((j) => j.state === 'unknown').map((j) => j.id)).toEqual([jobId]);

      const clerk = await login(app, 'wanjiru', '1111');
      const { jobId: reprintId } = await ok<{ jobId: string }>(app, clerk, 'printJobs.reprint', { jobId });
      // A second press (a double Enter) does not make a second copy.
      expect(await app.call({ name: 'printJobs.reprint', input: { jobId }, token: clerk })).toMatchObject({ ok: false, error: { code: 'printing.alreadyReprinted' } });
      const reprinted = await until(app, reprintId, ['confirmed']);
      expect(reprinted.reprint_of).toBe(jobId);
      await pause(300);
      expect(zebra.jobs.map((j) => j.complete)).toEqual([false, true]);
      expect(decodeZpl(zebra.jobs[1]!.bytes).barcodes).toContainEqual({ type: 'code128', value: lot.lotId });
      expect((await ok<{ jobs: { state: string }[] }>(app, token, 'printJobs.list', { filter: 'attention' })).jobs.filter((j) => j.state === 'unknown')).toEqual([]);
    });
  }

  // A job cut part way through its own bytes, not only at the status question after them: on a
  // network printer the loopback link holds a whole label, so the cut is placed at the USB edge.
  it('a receipt cut part way through its bytes is never taken for "not sent": it waits for a person and nothing is sent again', async () => {
    const receiptPrinter = usbPrinter({ online: true, paperOut: false, headOpen: false, paused: false, ribbonOut: false });
    const app = await createApp(await demoStoreFile(), { devicePollMs: 0, printing: { ...fastQueue, link: { ...fastLink, usbBus: receiptPrinter.bus } } });
    running.apps.push(app);
    const token = await login(app);
    const device = await ok<{ id: string }>(app, token, 'devices.save', { id: null, kind: 'receipt_printer', name: 'Epson TM-T20 (USB)', driver: 'system', address: 'usb:04b8:0202' });
    await ok(app, token, 'printers.save', { job: 'receipt', deviceId: device.id, language: 'escpos', dpi: 203, widthMm: 80, heightMm: null, offsetXMm: 0, offsetYMm: 0, darkness: 15 });
    receiptPrinter.fault.stalled = true;
    const jobId = await queue(app, 'delivery-receipt', example('delivery-receipt'), 'receipt');
    const cut = await until(app, jobId, ['unknown']);
    expect(JSON.parse(cut.last_error!)).toMatchObject({ code: 'printing.stalled' });
    receiptPrinter.fault.stalled = false;
    await pause(400);
    expect(receiptPrinter.out).toEqual([]);
    expect((await jobState(app, jobId)).state).toBe('unknown');
  });

  it('keeps its jobs over a restart: queued while the printer is off, printed once by the reopened app', async () => {
    const { app, token } = await station();
    const zebra = await printer();
    await setUpPrinter(app, token, zebra);
    await zebra.setFault('refuse');
    const jobId = await queue(app, 'lot-label', lot);
    await pause(200);
    await app.close();
    running.apps.splice(running.apps.indexOf(app), 1);
    await zebra.setFault('none');
    const { app: reopened } = await station(app.store.file);
    await until(reopened, jobId, ['confirmed']);
    await pause(300);
    expect(zebra.jobs).toHaveLength(1);
  });

  it('after a crash while bytes were going out, the reopened app asks a person instead of sending again', async () => {
    const { app, token } = await station();
    const zebra = await printer();
    await setUpPrinter(app, token, zebra);
    await zebra.setFault('refuse');
    const jobId = await queue(app, 'lot-label', lot);
    await app.close();
    running.apps.splice(running.apps.indexOf(app), 1);
    // What a crash between "bytes may go out" and the outcome leaves in the store.
    const { openStore } = await import('../db/store');
    const store = await openStore(app.store.file);
    await store.db.updateTable('print_jobs').set({ sent_at: new Date().toISOString(), bytes_hash: 'ab'.repeat(32) }).where('id', '=', jobId).execute();
    await store.close();
    await zebra.setFault('none');
    const { app: reopened } = await station(app.store.file);
    const job = await until(reopened, jobId, ['unknown']);
    expect(JSON.parse(job.last_error!)).toMatchObject({ code: 'printing.interrupted' });
    await pause(300);
    expect(zebra.jobs).toHaveLength(0);
  });

  it('a printer of the wrong language or dpi: a clear error, the job kept, and printed once the set-up is right', async () => {
    const { app, token } = await station();
    const epson = await printer({ language: 'escpos' });
    await setUpPrinter(app, token, epson);
    const jobId = await queue(app, 'lot-label', lot);
    const failed = await until(app, jobId, ['failed']);
    expect(JSON.parse(failed.last_error!)).toMatchObject({ code: 'printing.wrongLanguage', params: { language: 'ZPL', actual: 'ESCPOS' } });
    // Only the status request reached it (an ESC/POS printer prints "~HS" as text): never the label.
    expect(epson.jobs.map((j) => j.bytes.toString('latin1'))).toEqual(['~HS']);

    const zebra300 = await printer({ language: 'zpl', dpi: 300 });
    await setUpPrinter(app, token, zebra300);
    const wrongDpi = await until(app, jobId, ['failed'], 8000).then(async () => {
      for (let i = 0; i < 100; i++) {
        const job = await jobState(app, jobId);
        if (job.state === 'failed' && job.last_error?.includes('wrongDpi')) return job;
        await pause(20);
      }
      return jobState(app, jobId);
    });
    expect(JSON.parse(wrongDpi.last_error!)).toMatchObject({ code: 'printing.wrongDpi', params: { dpi: 203, actual: 300 } });
    expect(zebra300.jobs).toHaveLength(0);

    await setUpPrinter(app, token, zebra300, { dpi: 300 });
    await until(app, jobId, ['confirmed']);
    expect(decodeZpl(zebra300.jobs[0]!.bytes).barcodes).toContainEqual({ type: 'code128', value: lot.lotId });
  });

  it('a cancelled job never prints, and one that printed cannot be cancelled', async () => {
    const { app, token } = await station();
    const zebra = await printer();
    await setUpPrinter(app, token, zebra);
    await zebra.setFault('refuse');
    const cancelled = await queue(app, 'lot-label', { ...lot, lotId: 'L-26-R1-000301' });
    await pause(100);
    await ok(app, token, 'printJobs.cancel', { jobId: cancelled });
    const printed = await queue(app, 'lot-label', { ...lot, lotId: 'L-26-R1-000302' });
    await zebra.setFault('none');
    await until(app, printed, ['confirmed']);
    expect((await jobState(app, cancelled)).state).toBe('cancelled');
    expect(zebra.jobs.map((j) => decodeZpl(j.bytes).barcodes[0]?.value)).toEqual(['L-26-R1-000302']);
    expect(await app.call({ name: 'printJobs.cancel', input: { jobId: printed }, token })).toMatchObject({ ok: false, error: { code: 'printing.notCancellable' } });
  });

  it('previews any job as the PNG its printer prints, and a test print reaches the printer', async () => {
    const { app, token } = await station();
    const zebra = await printer();
    await setUpPrinter(app, token, zebra);
    const jobId = await queue(app, 'lot-label', lot);
    const preview = await ok<{ png: string }>(app, token, 'printJobs.preview', { jobId });
    const png = Buffer.from(preview.png.replace('data:image/png;base64,', ''), 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // 50 mm at 203 dpi is 400 dots wide.
    expect(png.readUInt32BE(16)).toBe(400);
    await until(app, jobId, ['confirmed']);
    expect(await ok(app, token, 'printers.testPrint', { job: 'label' })).toEqual({ outcome: 'confirmed', error: null });
    await zebra.waitForJobs(2);
    zebra.set({ headOpen: true });
    expect(await ok(app, token, 'printers.testPrint', { job: 'label' })).toMatchObject({ outcome: 'notSent', error: { code: 'printing.headOpen' } });
  });
});
