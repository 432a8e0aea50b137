import { z } from 'zod';
import { defineEvent, type EventDefinition } from '../events/define';
import { admins } from '../api/roles';

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
  // A carrier's own label travels in its job: its ZPL may be 200 kB (carrierLabel.issued).
  authority: { by: 'person', roles: 'anyone', maxBytes: 256 << 10 },
  // Printed where it was asked for; other stations keep it for the record.
  ownStationOnly: true,
  async apply(trx, p, e) {
    await trx
      .insertInto('print_jobs')
      .values({ id: p.jobId, template: p.template, printer: p.printer, data: JSON.stringify(p.data), lot_id: p.lotId, station: e.station, created_by: e.userId, created_at: e.at })
      // Applied again when its lot is recomputed after a pull: the job is queued once.
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  },
});

// Printing facts are the station's own: which printer does which job here, and what became of each
// job (bytes out with their hash, confirmed, or an outcome nobody knows; a reprint a person asked for;
// a cancel). They travel upstream for the record and apply only at their station. Retries before
// any byte went out are not facts: they stay in the job's row (attempts, last error).

const errorBody = z.object({ code: z.string().max(80), message: z.string().max(500), params: z.record(z.string(), z.union([z.string(), z.number()])) });

export const printerSet = defineEvent({
  type: 'printer.set',
  payload: z.object({
    job: z.enum(['label', 'receipt', 'shipping']),
    deviceId: z.string().min(1).max(64),
    language: z.enum(['zpl', 'escpos']),
    dpi: z.union([z.literal(203), z.literal(300)]),
    widthMm: z.number().positive().max(300).nullable(),
    heightMm: z.number().positive().max(1000).nullable(),
    offsetXMm: z.number().min(-50).max(50),
    offsetYMm: z.number().min(-50).max(50),
    darkness: z.number().int().min(0).max(30).nullable(),
  }),
  lotId: () => null,
  authority: { by: 'person', roles: admins },
  ownStationOnly: true,
  async apply(trx, p) {
    const row = { device_id: p.deviceId, language: p.language, dpi: p.dpi, width_mm: p.widthMm, height_mm: p.heightMm, offset_x_mm: p.offsetXMm, offset_y_mm: p.offsetYMm, darkness: p.darkness };
    await trx.insertInto('printer_setups').values({ job: p.job, ...row }).onConflict((oc) => oc.column('job').doUpdateSet(row)).execute();
    // Jobs that could not print as the printer was set up get their chance with the new set-up.
    await trx.updateTable('print_jobs').set({ state: 'queued', next_attempt_at: null }).where('printer', '=', p.job).where('state', '=', 'failed').execute();
  },
});

export const printDelivered = defineEvent({
  type: 'print.delivered',
  payload: z.object({
    jobId: z.string().max(64),
    deviceId: z.string().max(64),
    bytesHash: z.string().max(64),
    outcome: z.enum(['sent', 'confirmed', 'unknown']),
    error: errorBody.nullable(),
  }),
  lotId: () => null,
  authority: { by: 'station' },
  ownStationOnly: true,
  async apply(trx, p, e) {
    await trx
      .updateTable('print_jobs')
      .set((eb) => ({ state: p.outcome, device_id: p.deviceId, bytes_hash: p.bytesHash, sent_at: e.at, attempts: eb('attempts', '+', 1), last_error: p.error ? JSON.stringify(p.error) : null, next_attempt_at: null }))
      .where('id', '=', p.jobId)
      .where('state', '=', 'queued')
      .execute();
  },
});

/** A person asked for a job again (an unknown outcome, or any label from a lot's history): a new job. */
export const printReprinted = defineEvent({
  type: 'print.reprinted',
  payload: z.object({ jobId: z.string().max(64), reprintOf: z.string().max(64), lotId: z.string().max(40).nullable() }),
  lotId: (p) => p.lotId,
  authority: { by: 'person', roles: 'anyone' },
  ownStationOnly: true,
  async apply(trx, p, e) {
    const original = await trx.selectFrom('print_jobs').selectAll().where('id', '=', p.reprintOf).executeTakeFirst();
    if (!original) return;
    await trx
      .insertInto('print_jobs')
      .values({ id: p.jobId, template: original.template, printer: original.printer, data: original.data, lot_id: original.lot_id, station: e.station, created_by: e.userId, created_at: e.at, reprint_of: original.id })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    await trx.updateTable('print_jobs').set({ reprinted_as: p.jobId, settled_by: e.userId, settled_at: e.at }).where('id', '=', p.reprintOf).where('reprinted_as', 'is', null).execute();
  },
});

/** A person says what became of a job whose outcome was unknown: it printed after all. */
export const printSettled = defineEvent({
  type: 'print.settled',
  payload: z.object({ jobId: z.string().max(64) }),
  lotId: () => null,
  authority: { by: 'person', roles: 'anyone' },
  ownStationOnly: true,
  async apply(trx, p, e) {
    await trx.updateTable('print_jobs').set({ state: 'confirmed', settled_by: e.userId, settled_at: e.at }).where('id', '=', p.jobId).where('state', '=', 'unknown').execute();
  },
});

export const printCancelled = defineEvent({
  type: 'print.cancelled',
  payload: z.object({ jobId: z.string().max(64) }),
  lotId: () => null,
  authority: { by: 'person', roles: 'anyone' },
  ownStationOnly: true,
  async apply(trx, p, e) {
    await trx.updateTable('print_jobs').set({ state: 'cancelled', settled_by: e.userId, settled_at: e.at }).where('id', '=', p.jobId).where('state', 'in', ['queued', 'failed']).execute();
  },
});

// The printing events besides print.queued (joined in core/events/catalog.ts).
export const printingEvents = [printerSet, printDelivered, printReprinted, printSettled, printCancelled] as unknown as EventDefinition<never>[];
