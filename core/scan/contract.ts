import { z } from 'zod';
import { procedure } from '../api/procedure';

// The scan part of the contract (listed in core/featureContracts.ts): what a scanned code names.

export const scanProcedures = {
  'scan.resolve': procedure(
    z.object({ code: z.string().max(200) }).strict(),
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('lot'), lotId: z.string() }),
      z.object({ kind: z.literal('notice'), code: z.string() }),
      z.object({ kind: z.literal('order'), orderId: z.string() }),
      z.object({ kind: z.literal('batch'), batchId: z.string() }),
    ]),
    'session',
  ),
} as const;
