import { handlers } from '../api/handler';
import type { LinkOptions } from './deliver';
import type { PrintQueue } from './queue';
import { banner, cancel, listJobs, listPrinters, previewJob, previewLabel, reprint, savePrinter, sendTestPrint, settle } from './service';

// The printing procedures' handlers (joined in core/app/app.ts), around the station's print queue.
export function printingHandlers(queue: PrintQueue, link?: LinkOptions) {
  return handlers({
    'printers.list': (_input, ctx) => listPrinters(ctx.db),
    'printers.save': (input, ctx) => savePrinter(ctx, input, queue),
    'printers.testPrint': (input, ctx) => sendTestPrint(ctx.db, input.job, link),
    'printJobs.list': (input, ctx) => listJobs(ctx.db, input, queue),
    'printJobs.banner': (_input, ctx) => banner(ctx.db, queue),
    'printJobs.preview': (input, ctx) => previewJob(ctx.db, input.jobId),
    'printJobs.reprint': (input, ctx) => reprint(ctx, input.jobId, queue),
    'printJobs.settle': async (input, ctx) => {
      await settle(ctx, input.jobId);
      return { ok: true as const };
    },
    'printJobs.cancel': async (input, ctx) => {
      await cancel(ctx, input.jobId);
      return { ok: true as const };
    },
    'printJobs.retry': async () => {
      queue.nudge(true);
      return { ok: true as const };
    },
    'labels.preview': async (input) => previewLabel(input.template, input.data),
  });
}
