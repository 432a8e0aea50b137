import { z } from 'zod';
import { displayName, errorBody, none, ok, procedure } from '../api/procedure';
import { stationCode } from '../station/code';

// The sync part of the contract (listed in core/featureContracts.ts): joining a site, its upstream, and what
// needs a supervisor's attention.

/** A hub's link to the cloud as this station last learnt it (null when its upstream is no hub); warning: unlinked for more than a few minutes. */
export const hubLink = z
  .object({ linked: z.boolean(), everLinked: z.boolean(), unreachedMs: z.number(), waiting: z.number(), error: errorBody.nullable(), warning: z.boolean() })
  .nullable();

const attentionItem = z.object({
  eventId: z.string(),
  kind: z.enum(['rejected', 'conflict']),
  reason: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  at: z.string(),
  lotId: z.string().nullable(),
  event: z.object({ type: z.string(), station: z.string(), seq: z.number(), at: z.string(), userName: z.string(), payload: z.record(z.string(), z.unknown()) }),
  current: z.record(z.string(), z.unknown()).nullable(),
  resolution: z.object({ by: z.string(), at: z.string(), how: z.string() }).nullable(),
});

const syncDetail = z.object({
  enrolled: z.boolean(),
  upstreamUrl: z.string().nullable(),
  /** Plain http to another machine, allowed at enrollment: the Sync screen warns while it is in use. */
  insecure: z.boolean(),
  enrolledAt: z.string().nullable(),
  pending: z.number(),
  oldestPendingAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: errorBody.nullable(),
  lastErrorAt: z.string().nullable(),
  clockOffsetMs: z.number().nullable(),
  clockWarning: z.boolean(),
  hub: hubLink,
  cursor: z.number(),
  nextAttemptAt: z.string().nullable(),
  attention: z.array(attentionItem),
});
const syncReport = z.object({ pushed: z.number(), rejected: z.number(), pulled: z.number(), held: z.number(), conflicts: z.number(), cursor: z.number(), head: z.number() });
const upstreamUrl = z.string().trim().url().max(300).refine((u) => /^https?:/.test(u), 'http:// or https://');
/** Joining a site: its upstream, the site key a real upstream asks for, and whether plain http to another machine is allowed. */
const joinInput = z.object({ url: upstreamUrl, siteKey: z.string().trim().max(200).optional(), insecureHttp: z.boolean().optional() }).strict();

export const syncProcedures = {
  // The station's code and name as the person chose them; without them the upstream hands out the next.
  'setup.joinSite': procedure(joinInput.extend({ stationCode: stationCode.optional(), stationName: displayName.optional() }), z.object({ code: z.string(), name: z.string() }), 'public'),
  'setup.suggestCode': procedure(joinInput.extend({ letter: z.string().regex(/^[A-Z]$/) }), z.object({ code: z.string().nullable() }), 'public'),
  'sync.status': procedure(none, syncDetail, 'session'),
  'sync.now': procedure(none, syncReport, 'session'),
  'sync.enroll': procedure(joinInput, syncDetail, ['admin']),
  'sync.resolve': procedure(z.object({ eventId: z.string().max(64), resolution: z.enum(['acknowledge', 'redo']) }).strict(), ok, ['supervisor', 'admin']),
} as const;
