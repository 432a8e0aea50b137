import { z } from 'zod';
import { procedure } from '../api/procedure';
import { admins } from '../api/roles';

// The support part of the contract (listed in core/featureContracts.ts).

export const supportBundle = z.object({ file: z.string(), bytes: z.number(), entries: z.array(z.string()) });

export const supportProcedures = {
  'support.saveBundle': procedure(z.object({ folder: z.string().trim().max(500) }).strict(), supportBundle, admins),
} as const;
