import { z } from 'zod';
import { defineEvent, type EventDefinition } from '../events/define';

// Every template the label layer renders (core/labels), and the printer job that prints each:
// tag (the small label printer), receipt (80 mm), shipping (4 x 6 inch).
export const printTemplates = [
  'lot-label',
  'piece-tag',
  'plating-traveller',
  'delivery-receipt',
  'return-note',
  'packing-slip',
  'shipping-label',
  'customs-declaration',
  'carrier-label',
] as const;
export type PrintTemplate = (typeof printTemplates)[number];
export const printerJobs = ['label', 'receipt', 'shipping'] as const;
export type PrinterJob = (typeof printerJobs)[number];

// A label or receipt asked for: kept in the station's print queue until a printer takes it.
// The printing layer (printers, templates, delivery and reprints) builds on this queue.
export const printQueued = defineEvent({
  type: 'print.queued',
  payload: z.object({
    jobId: z.string().max(64),
    template: z.enum(printTemplates),
    printer: z.enum(printerJobs),
    lotId: z.string().max(40).nullable(),
    data: z.record(z.string(), z.unknown()),
  }),
  lotId: (p) => p.lotId,
  // Printed where it was asked for; other stations keep it for the record.
  scope: 'station',
  async apply(trx, p, e) {
    await trx
      .insertInto('print_jobs')
      .values({ id: p.jobId, template: p.template, printer: p.printer, data: JSON.stringify(p.data), lot_id: p.lotId, station: e.station, created_by: e.userId, created_at: e.at })
      // Applied again when its lot is recomputed after a pull: the job is queued once.
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  },
});

// The printing events besides print.queued (joined in core/events/catalog.ts).
export const printingEvents: EventDefinition<never>[] = [];
