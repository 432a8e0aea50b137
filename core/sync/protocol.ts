import { z } from 'zod';
import { stationCode } from '../station/code';

// The sync protocol, version 1: what a station and its upstream say to each other, parsed at
// both ends. Documented in the README ("Sync protocol").

export const protocolVersion = 1;
export const protocolHeader = 'karakana-protocol';
export const maxPushBatch = 1000;
export const maxPullPage = 5000;
/** The largest piece of a snapshot's gzip one request carries. */
export const maxSnapshotPart = 4 << 20;

export const wireEvent = z.object({
  id: z.string().min(1).max(64),
  station: z.string().min(1).max(8),
  seq: z.number().int().positive(),
  type: z.string().min(1).max(60),
  lotId: z.string().max(40).nullable(),
  payload: z.record(z.string(), z.unknown()),
  userId: z.string().min(1).max(64),
  at: z.string().max(40),
});
export type WireEvent = z.infer<typeof wireEvent>;

export const pulledEvent = wireEvent.extend({ upstreamSeq: z.number().int().positive() });
export type PulledEvent = z.infer<typeof pulledEvent>;

export const enrollRequest = z.object({
  code: stationCode.nullable(),
  name: z.string().min(1).max(80),
  demo: z.boolean(),
});
/** The codes a site's stations hold, told to a station about to join that presents the site key. */
export const stationCodesResponse = z.object({ upstreamId: z.string(), codes: z.array(z.string().max(8)).max(10_000) });
export const enrollResponse = z.object({
  upstreamId: z.string(),
  demo: z.boolean(),
  station: z.object({ code: z.string(), name: z.string() }),
  token: z.string().min(32),
});

export const pushRequest = z.object({ events: z.array(wireEvent).max(maxPushBatch) });
export const pushResult = z.discriminatedUnion('status', [
  z.object({ id: z.string(), status: z.literal('applied'), upstreamSeq: z.number().int().positive() }),
  z.object({ id: z.string(), status: z.literal('duplicate'), upstreamSeq: z.number().int().positive() }),
  z.object({
    id: z.string(),
    status: z.literal('rejected'),
    reason: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
    current: z.record(z.string(), z.unknown()).nullable(),
  }),
]);
export type PushResult = z.infer<typeof pushResult>;
export const pushResponse = z.object({ upstreamId: z.string(), serverTime: z.string(), results: z.array(pushResult) });
export type PushResponse = z.infer<typeof pushResponse>;

/** One of the asking station's events that an HQ hub accepted and its own upstream then refused. */
export const refusal = z.object({
  id: z.string().min(1).max(64),
  reason: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  current: z.record(z.string(), z.unknown()).nullable(),
});
export type Refusal = z.infer<typeof refusal>;
export const maxRefusals = 500;

/**
 * An upstream's own link onward. A hub tells its stations (with every pull, and on GET /sync/v1/link)
 * whether it reaches its upstream, so their Sync screens do not say work reached the cloud when it
 * waits at the hub; an upstream with none above it says it is the cloud.
 */
export const upstreamLink = z.discriminatedUnion('role', [
  z.object({ role: z.literal('cloud') }),
  z.object({
    role: z.literal('hub'),
    /** Its last round reached its upstream. */
    linked: z.boolean(),
    /** It has enrolled there at least once. */
    everLinked: z.boolean(),
    lastPushAt: z.string().max(40).nullable(),
    lastPullAt: z.string().max(40).nullable(),
    /** How long since it last reached its upstream (or began trying), by its own clock: clocks differ. */
    unreachedMs: z.number().int().min(0),
    /** Events held at the hub that its upstream has not taken yet. */
    waiting: z.number().int().min(0),
    error: z.object({ code: z.string().max(80), message: z.string().max(1000), params: z.record(z.string(), z.union([z.string(), z.number()])) }).nullable(),
  }),
]);
export type UpstreamLinkState = z.infer<typeof upstreamLink>;

export const pullResponse = z.union([
  z.object({
    upstreamId: z.string(),
    serverTime: z.string(),
    events: z.array(pulledEvent).max(maxPullPage),
    next: z.number().int().min(0),
    head: z.number().int().min(0),
    hasMore: z.boolean(),
    /** From a hub: the asking station's events refused beyond it (absent from upstreams that relay nothing). */
    refusals: z.array(refusal).max(maxRefusals).optional(),
    /** The upstream's own link onward (absent from upstreams of earlier releases). */
    link: upstreamLink.optional(),
  }),
  // The upstream is behind this cursor (restored from a backup): the station must resync.
  z.object({ upstreamId: z.string(), serverTime: z.string(), resyncRequired: z.literal(true), head: z.number().int().min(0) }),
]);
export type PullResponse = z.infer<typeof pullResponse>;

// A new station starts from a snapshot of the upstream's state as of one place in its log (its
// cursor then), downloaded in pieces of its gzip by offset (GET /sync/v1/snapshot/ID?offset=N).
/** atLeast: the highest place this station already holds (its own acknowledged events): a snapshot from before it would lack them. */
export const snapshotRequest = z.object({ atLeast: z.number().int().min(0).default(0) });
export const snapshotResponse = z.object({
  upstreamId: z.string(),
  serverTime: z.string(),
  snapshot: z.object({ id: z.string().min(1).max(64), seq: z.number().int().positive(), bytes: z.number().int().positive(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).nullable(),
});
export type SnapshotInfo = NonNullable<z.infer<typeof snapshotResponse>['snapshot']>;

/** A refusal: its code, its message, and the values its message names (the code taken, say) for the station's own words. */
export const errorResponse = z.object({ error: z.object({ code: z.string(), message: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() }) });
