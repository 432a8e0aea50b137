import { monitorEventLoopDelay } from 'node:perf_hooks';
import { v7 as uuidv7 } from 'uuid';
import { record } from '../../events/log';
import { labelTemplates } from '../../labels';
import { PrinterEmulator } from '../../printing/emulator';
import { printQueued } from '../../printing/events';
import type { BenchCase, Figure } from '../benchCase';
import { latencyFigures } from '../measure';

const labels = 1_000;

/**
 * 1,000 lot labels queued at once, rendered and sent to a port-9100 printer emulator by the app's
 * print queue, while a screen keeps calling the station: how long its calls take meanwhile, how
 * late the event loop runs, and how many labels a second reach the printer (each confirmed by ~HS).
 */
export const benchCase: BenchCase = {
  name: 'print queue: 1,000 lot labels queued, rendered and sent to a printer emulator',
  targets: {
    'a screen call during the run (printJobs.banner over HTTP) p99': { below: 50 },
    'event-loop delay during the run p99': { below: 50 },
  },
  async run(env) {
    const printer = await new PrinterEmulator({ language: 'zpl', keep: labels }).start();
    try {
      const device = await env.call<{ id: string }>('devices.save', { id: null, kind: 'label_printer', name: 'Bench printer', driver: 'tcp', address: printer.address });
      await env.call('printers.save', { job: 'label', deviceId: device.id, language: 'zpl', dpi: 203, widthMm: 50, heightMm: 25, offsetXMm: 0, offsetYMm: 0, darkness: 15 });
      const example = labelTemplates().find((t) => t.name === 'lot-label')!.example;
      const db = env.app.store.db;
      const station = (await db.selectFrom('station').select('code').executeTakeFirstOrThrow()).code;
      const lots = await env.randomLots(labels);

      const delay = monitorEventLoopDelay({ resolution: 5 });
      delay.enable();
      const started = performance.now();
      // As receiving queues them: one print.queued per lot, each in its own transaction.
      const jobIds: string[] = [];
      for (const lotId of lots) {
        const jobId = uuidv7();
        jobIds.push(jobId);
        await db.transaction().execute((trx) =>
          record(trx, { userId: env.userId, station, now: () => new Date() }, printQueued, { jobId, template: 'lot-label', printer: 'label', lotId, data: { ...example, lotId } }),
        );
      }
      const queuedMs = performance.now() - started;
      await env.call('printJobs.retry', {});
      const sendStart = performance.now();

      // A screen meanwhile: the status bar's banner call, every 20 ms, until the last label is out.
      const latencies: number[] = [];
      let done = false;
      const screen = (async () => {
        while (!done) {
          const t0 = performance.now();
          await env.call('printJobs.banner', {});
          latencies.push(performance.now() - t0);
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      await printer.waitForJobs(labels, 600_000);
      const sendMs = performance.now() - sendStart;
      done = true;
      await screen;
      delay.disable();
      const confirmed = await db.selectFrom('print_jobs').select((eb) => eb.fn.countAll<number>().as('n')).where('id', 'in', jobIds).where('state', '=', 'confirmed').executeTakeFirstOrThrow();
      const figures: Figure[] = [
        { name: 'queueing 1,000 labels (one print.queued transaction each)', value: queuedMs, unit: 'ms' },
        { name: 'render + send throughput (each label confirmed by ~HS)', value: (labels / sendMs) * 1000, unit: 'labels/s' },
        { name: 'labels confirmed, of 1,000', value: Number(confirmed.n), unit: 'labels' },
        ...latencyFigures(latencies, 'a screen call during the run (printJobs.banner over HTTP)'),
        { name: 'event-loop delay during the run p99', value: delay.percentile(99) / 1e6, unit: 'ms' },
        { name: 'event-loop delay during the run max', value: delay.max / 1e6, unit: 'ms' },
      ];
      return figures;
    } finally {
      await printer.stop();
    }
  },
};
