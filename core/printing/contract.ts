import { z } from 'zod';
import { errorBody, none, ok, procedure } from '../api/procedure';
import { admins as onlyAdmins } from '../api/roles';
import { limits } from '../numbers/limits';
import { numberIn } from '../numbers/schema';

// The printing part of the contract (listed in core/featureContracts.ts).

const printerJob = z.enum(['label', 'receipt', 'shipping']);
const jobState = z.enum(['queued', 'sent', 'confirmed', 'failed', 'unknown', 'cancelled']);
const jobId = z.string().trim().min(1).max(64);
const admins = ['supervisor', 'admin'] as const;

export const printerSetup = z.object({
  job: printerJob,
  deviceId: z.string().min(1).max(64),
  language: z.enum(['zpl', 'escpos']),
  dpi: z.union([z.literal(203), z.literal(300)]),
  widthMm: z.number().positive().max(300).nullable(),
  heightMm: z.number().positive().max(1000).nullable(),
  offsetXMm: z.number().min(-50).max(50),
  offsetYMm: z.number().min(-50).max(50),
  darkness: z.number().int().min(0).max(30).nullable(),
});

// What an admin saves is held to the printer fields' rules; stored set-ups keep the shape they were saved with.
const printerSetupInput = printerSetup.extend({
  widthMm: numberIn(limits.labelWidthMm).nullable(),
  heightMm: numberIn(limits.labelHeightMm).nullable(),
  offsetXMm: numberIn(limits.labelOffsetMm),
  offsetYMm: numberIn(limits.labelOffsetMm),
  darkness: numberIn(limits.printerDarkness).nullable(),
});

const blocked = z.object({ job: printerJob, printer: z.string(), error: errorBody, since: z.string(), retryAt: z.string() });

export const printJob = z.object({
  id: z.string(),
  template: z.string(),
  printer: printerJob,
  printerName: z.string().nullable(),
  lotId: z.string().nullable(),
  state: jobState,
  attempts: z.number(),
  lastError: errorBody.nullable(),
  bytesHash: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  sentAt: z.string().nullable(),
  reprintOf: z.string().nullable(),
  reprintedAs: z.string().nullable(),
  /** Bytes are on their way to the printer right now: it cannot be cancelled. */
  sending: z.boolean(),
});

const banner = z.object({ blocked: z.array(blocked), unknown: z.number(), failed: z.number(), waiting: z.number() });

const delivery = z.object({ outcome: z.enum(['confirmed', 'sent', 'unknown', 'notSent']), error: errorBody.nullable() });
const preview = z.object({ png: z.string(), warnings: z.array(z.string()) });

export const printingProcedures = {
  'printers.list': procedure(none, z.array(printerSetup.extend({ deviceName: z.string() })), 'session'),
  'printers.save': procedure(printerSetupInput.strict(), printerSetup, onlyAdmins),
  'printers.testPrint': procedure(z.object({ job: printerJob }).strict(), delivery, admins),
  'printJobs.list': procedure(
    z.object({ filter: z.enum(['all', 'open', 'attention']), lotId: z.string().max(40).optional(), jobId: jobId.optional(), limit: z.number().int().min(1).max(500).default(200) }).strict(),
    z.object({ jobs: z.array(printJob), banner }),
    'session',
  ),
  'printJobs.banner': procedure(none, banner, 'session'),
  'printJobs.preview': procedure(z.object({ jobId }).strict(), preview, 'session'),
  'printJobs.reprint': procedure(z.object({ jobId }).strict(), z.object({ jobId: z.string() }), 'session'),
  'printJobs.settle': procedure(z.object({ jobId }).strict(), ok, 'session'),
  'printJobs.cancel': procedure(z.object({ jobId }).strict(), ok, 'session'),
  'printJobs.retry': procedure(none, ok, 'session'),
  'labels.preview': procedure(z.object({ template: z.string().max(60), data: z.record(z.string(), z.unknown()) }).strict(), preview, 'session'),
} as const;

export const printingTopics = { 'printing.changed': z.object({ jobId: z.string().nullable() }) } as const;
