import { z } from 'zod';
import type { Access } from './roles';

// The pieces every feature's part of the contract is built from (core/api/contract.ts joins them).

export function procedure<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, access: Access) {
  return { input, output, access };
}

export const none = z.object({}).strict();
export const ok = z.object({ ok: z.literal(true) });
