import { z } from 'zod';
import type { Access } from './roles';

// The pieces every feature's part of the contract is built from (core/api/contract.ts joins the
// parts core/featureContracts.ts lists).

export function procedure<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, access: Access) {
  return { input, output, access };
}

export const none = z.object({}).strict();
export const ok = z.object({ ok: z.literal(true) });

/** A name as people read it: a person's, a station's, a device's. */
export const displayName = z.string().trim().min(1).max(80);
/** An AppError as it crosses to the screen: its code, its words in English, the parameters they name. */
export const errorBody = z.object({ code: z.string(), message: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) });
