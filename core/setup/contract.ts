import { z } from 'zod';
import { displayName, none, ok, procedure } from '../api/procedure';
import { station } from '../station/contract';
import { stationCode } from '../station/code';
import { pin, role, username } from '../users/contract';

// The setup part of the contract (listed in core/featureContracts.ts): a new station, before anyone can log
// in, as a demo or with its first admin (joining a site is sync's).

export const setupProcedures = {
  'setup.state': procedure(
    none,
    z.object({ hasUsers: z.boolean(), demo: z.boolean(), station: station.nullable(), loading: z.object({ cursor: z.number(), head: z.number().nullable(), snapshot: z.object({ received: z.number(), bytes: z.number() }).nullable() }).nullable() }),
    'public',
  ),
  'setup.loadDemo': procedure(none, z.object({ users: z.array(z.object({ username: z.string(), pin: z.string(), roles: z.array(role) })) }), 'public'),
  'setup.createAdmin': procedure(
    z.object({ name: displayName, username, pin, stationCode, stationName: displayName }).strict(),
    ok,
    'public',
  ),
} as const;
