import type { z } from 'zod';
import type { Trx } from '../db/schema';

/** Who acted, where and when: every event carries it. */
export interface Actor {
  userId: string;
  station: string;
  now(): Date;
}

export interface EventEnvelope {
  id: string;
  station: string;
  seq: number;
  type: string;
  lotId: string | null;
  userId: string;
  at: string;
}

/**
 * One kind of fact. Its projection (apply) is the only code that changes domain rows for it,
 * whether the event was made here or pulled from upstream.
 */
export interface EventDefinition<P> {
  type: string;
  payload: z.ZodType<P>;
  lotId(payload: P): string | null;
  /** 'station': a fact about one station's own set-up (its name, its devices), applied only there. */
  scope?: 'station';
  apply(trx: Trx, payload: P, envelope: EventEnvelope): Promise<void>;
}

export function defineEvent<P>(definition: EventDefinition<P>): EventDefinition<P> {
  return definition;
}

/** The payload type of an event definition. */
export type EventPayload<D> = D extends EventDefinition<infer P> ? P : never;
