import { z } from 'zod';
import { none, ok, procedure } from '../api/procedure';
import { language, user } from '../users/contract';

// The auth part of the contract (listed in core/featureContracts.ts): logging in and out by PIN, and the session's own person.

const sessionInfo = z.object({ token: z.string(), user });

export const authProcedures = {
  'session.login': procedure(z.object({ username: z.string().trim().min(1).max(32), pin: z.string().max(16) }).strict(), sessionInfo, 'public'),
  'session.logout': procedure(none, ok, 'session'),
  'session.me': procedure(none, user, 'session'),
  'session.setLanguage': procedure(z.object({ language }).strict(), ok, 'session'),
} as const;
