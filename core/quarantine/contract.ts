import { z } from 'zod';
import { none, procedure } from '../api/procedure';

// The quarantine part of the contract (listed in core/featureContracts.ts): supervisors decide.

export const supervisors = ['supervisor', 'admin'] as const;

const quarantinedLot = z.object({
  lotId: z.string(),
  designSku: z.string(),
  designName: z.string(),
  finish: z.string(),
  artisanId: z.string(),
  artisanName: z.string(),
  quantity: z.number(),
  receivedAt: z.string(),
  deliveryCode: z.string().nullable(),
  /** Why the desk put it here: not on the notice, or another design than the line. */
  why: z.enum(['unexpected', 'wrongDesign']).nullable(),
  note: z.string().nullable(),
});

export const quarantineProcedures = {
  // With the designs a lot may be sent on to QC as (items off the notice are often another design).
  'quarantine.list': procedure(none, z.object({ lots: z.array(quarantinedLot), designs: z.array(z.object({ sku: z.string(), name: z.string(), finishes: z.array(z.string()) })) }), supervisors),
  'quarantine.decide': procedure(
    z
      .object({
        lotId: z.string().trim().min(1).max(40),
        outcome: z.enum(['in_qc', 'returned', 'scrapped']),
        designSku: z.string().trim().min(1).max(40).optional(),
        finish: z.string().trim().min(1).max(40).optional(),
        reason: z.string().max(300),
      })
      .strict(),
    z.object({ returnNoteJobId: z.string().nullable() }),
    supervisors,
  ),
} as const;

export type QuarantinedLot = z.output<typeof quarantinedLot>;
