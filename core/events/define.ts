import type { z } from 'zod';
import type { Lot, Trx } from '../db/schema';

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
  /**
   * The lot the fact is about. Its apply changes or reads no lot's row but this one's (sync
   * applies another lot's pending receipts and moves after it); a fact about no lot may touch any.
   */
  lotId(payload: P): string | null;
  /** 'station': a fact about one station's own set-up (its name, its devices), applied only there. */
  scope?: 'station';
  apply(trx: Trx, payload: P, envelope: EventEnvelope): Promise<void>;
  /**
   * The same change as apply, made in memory on the lot's row, for a payload that changes nothing
   * but that row (`folds`, default all). Sync applies a run of such events with one read and one
   * write for all their lots (core/sync/fold.ts); apply itself goes through it too (applyFold), so
   * the two cannot disagree. Throws what apply throws.
   */
  fold?(lot: Lot | undefined, payload: P, envelope: EventEnvelope): Lot;
  folds?(payload: P): boolean;
}

export function defineEvent<P>(definition: EventDefinition<P>): EventDefinition<P> {
  return definition;
}

/** The payload type of an event definition. */
export type EventPayload<D> = D extends EventDefinition<infer P> ? P : never;
