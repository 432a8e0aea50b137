import { z } from 'zod';
import { procedure } from '../api/procedure';
import { lotStates } from '../db/schema';

// The lots part of the contract (listed in core/featureContracts.ts): the lot list, its filters, one lot's history.

const lotState = z.enum(lotStates);
const lotSortable = z.enum(['id', 'receivedAt', 'design', 'artisan', 'receivedQty']);
const lotFilters = z.object({
  id: z.string().trim().max(40).optional(),
  design: z.string().trim().max(40).optional(),
  artisan: z.string().trim().max(80).optional(),
  finish: z.string().trim().max(40).optional(),
  state: lotState.optional(),
});

const lotQuantities = z.object(Object.fromEntries(lotStates.map((s) => [s, z.number()])) as Record<(typeof lotStates)[number], z.ZodNumber>);

const lotRow = z.object({
  id: z.string(),
  designSku: z.string(),
  designName: z.string(),
  artisanId: z.string(),
  artisanName: z.string(),
  finish: z.string(),
  receivedQty: z.number(),
  receivedWeightG: z.number().nullable(),
  receivedAt: z.string(),
  station: z.string(),
  quantities: lotQuantities,
});

const lotEvent = z.object({
  id: z.string(),
  type: z.string(),
  station: z.string(),
  seq: z.number(),
  at: z.string(),
  userId: z.string(),
  userName: z.string(),
  payload: z.record(z.string(), z.unknown()),
});

/** The notice line a lot answered: what the artisan's notice said would come. */
const lotExpected = z.object({ notice: z.string(), line: z.number(), quantity: z.number() });

export const lotProcedures = {
  'lots.page': procedure(
    z
      .object({
        filters: lotFilters,
        sort: z.object({ by: lotSortable, desc: z.boolean() }),
        offset: z.number().int().min(0).max(50_000_000),
        limit: z.number().int().min(1).max(500),
      })
      .strict(),
    z.object({ rows: z.array(lotRow), hasMore: z.boolean() }),
    'session',
  ),
  'lots.count': procedure(z.object({ filters: lotFilters }).strict(), z.object({ total: z.number() }), 'session'),
  'lots.get': procedure(z.object({ lotId: z.string().max(40) }).strict(), z.object({ lot: lotRow, expected: lotExpected.nullable(), history: z.array(lotEvent) }), 'session'),
} as const;

export const lotTopics = { 'lot.changed': z.object({ lotId: z.string() }) } as const;
