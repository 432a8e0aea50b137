import { z } from 'zod';

// What the receiving desk records with each lot, so a count can always be traced to its weighing.

export const receivingWeighing = z.object({
  method: z.enum(['scale', 'hand']),
  scaleId: z.string().max(80).nullable(),
  grossG: z.number().min(0).max(1_000_000),
  tareG: z.number().min(0).max(1_000_000),
  raw: z.string().max(200).nullable(),
});

export const receivingCount = z.object({
  method: z.enum(['weight', 'sample', 'hand']),
  unitWeightG: z.number().positive().nullable(),
  sampleSize: z.number().int().positive().nullable(),
});

export const varianceKinds = ['short', 'over', 'wrongDesign', 'unexpected'] as const;
export const varianceReasons = ['countedShort', 'artisanSentMore', 'partialDelivery', 'damagedInTransit', 'wrongItemSent', 'notOnNotice', 'other'] as const;

export const receivingVariance = z.object({
  kind: z.enum(varianceKinds),
  reason: z.enum(varianceReasons),
  note: z.string().max(300).nullable(),
});

export type ReceivingWeighing = z.infer<typeof receivingWeighing>;
export type ReceivingCount = z.infer<typeof receivingCount>;
export type ReceivingVariance = z.infer<typeof receivingVariance>;
