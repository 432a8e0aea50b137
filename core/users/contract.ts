import { z } from 'zod';
import { displayName, none, ok, procedure } from '../api/procedure';
import { admins, roles } from '../api/roles';

// The users part of the contract (listed in core/featureContracts.ts): the site's people, managed by admins.

export const role = z.enum(roles);
export const language = z.enum(['en', 'sw']);
export const pin = z.string().regex(/^\d{4,8}$/, 'PIN is 4 to 8 digits');
export const username = z.string().trim().min(2).max(32).regex(/^[a-z0-9._-]+$/i, 'Letters, digits, dot, dash, underscore');

export const user = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  roles: z.array(role),
  language,
  disabled: z.boolean(),
});

export const userProcedures = {
  'users.list': procedure(none, z.array(user), admins),
  'users.add': procedure(z.object({ name: displayName, username, roles: z.array(role).min(1), pin }).strict(), user, admins),
  // A new PIN may come with a change: one that makes someone an admin or supervisor needs one (7+ digits).
  'users.update': procedure(z.object({ id: z.string(), name: displayName, roles: z.array(role).min(1), pin: pin.optional() }).strict(), user, admins),
  'users.resetPin': procedure(z.object({ id: z.string(), pin }).strict(), ok, admins),
  'users.setDisabled': procedure(z.object({ id: z.string(), disabled: z.boolean() }).strict(), user, admins),
} as const;
