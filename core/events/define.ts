import type { z } from 'zod';
import type { Role } from '../api/roles';
import type { Lot, Trx } from '../db/schema';
import { applyAppend, type Appending } from './append';
import type { Beside } from './fold';

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
 * Who may make a fact, which the upstream checks for every event a station pushes
 * (upstream/authority.ts): the site's people are the upstream's users table as the log stands at
 * that event.
 * - `person`: a user of the site, active, holding one of `roles` (the roles of the procedures
 *   that record it, core/api/contract.ts and the features' contracts), or any active user;
 *   `self`: the fact is about its actor alone (its payload's `id` is the actor's);
 *   `stricter`: the roles this payload asks for beyond `roles`, or null (pieces leaving
 *   quarantine: a supervisor's decision, whatever fact carries them).
 * - `station`: the station's own work on a person's behalf (a printer's answer, recorded under
 *   the person who queued the job): that person need only be known to the site.
 * - `platform`: made only by the upstream itself (the platform's artisans, designs, orders and
 *   notices); no station may push one.
 * `newLot`: the fact creates its lot, whose id must carry the sending station's code.
 * `maxBytes`: the largest payload an honest station sends (16 KiB when not said).
 */
export type Authority<P = unknown> = (
  | { by: 'person'; roles: readonly Role[] | 'anyone'; self?: boolean; stricter?(payload: P): readonly Role[] | null }
  | { by: 'station' }
  | { by: 'platform' }
) & { newLot?: boolean; maxBytes?: number };

/**
 * One kind of fact. Its projection (apply) is the only code that changes domain rows for it,
 * whether the event was made here or pulled from upstream.
 */
export interface EventDefinition<P> {
  type: string;
  /**
   * The payload's shape at its current version, written out here and not taken from a screen's
   * schema: every store keeps events of every version, so a shape changes only by a new version.
   */
  payload: z.ZodType<P>;
  /** The payload's current version, 1 when not said: what record() writes (core/events/payload.ts). */
  version?: number;
  /** Each earlier version's shape and its upcaster to the next, by version: how old events are read. */
  earlier?: Readonly<Record<number, EarlierPayload>>;
  /**
   * The lot the fact is about. Its apply changes or reads no lot's row but this one's (sync
   * applies another lot's pending receipts and moves after it); a fact about no lot may touch any.
   */
  lotId(payload: P): string | null;
  authority: Authority<P>;
  /** A fact about one station's own set-up (its name, its devices), applied only at the station that made it. */
  ownStationOnly?: true;
  apply(trx: Trx, payload: P, envelope: EventEnvelope): Promise<void>;
  /**
   * The same change as apply, made in memory on the lot's row, for a payload that changes nothing
   * but that row (`folds`, default all). Sync applies a run of such events with one read and one
   * write for all their lots (core/sync/fold.ts); apply itself goes through it too (applyFold), so
   * the two cannot disagree. Throws what apply throws.
   */
  fold?(lot: Lot | undefined, payload: P, envelope: EventEnvelope): Lot;
  folds?(payload: P): boolean;
  /**
   * For a fact with a fold that keeps rows of its own beside its lot's (a QC decision's row and
   * its artisan and design's switching state): those rows for a run of such facts, in order. Sync
   * writes them right after the run's lots (core/events/fold.ts), a few statements a run; apply
   * goes through both. The rows are ones that facts of this type alone write, and that nothing
   * sync applies while a run is unwritten reads: no fact about another lot, none that says it
   * reads no lot (readsLots); nor do they read a row an append-only fact adds.
   */
  alongside?(trx: Trx, run: readonly Beside<P>[]): Promise<void>;
  /**
   * For an append-only fact, the one row apply adds (core/events/append.ts): sync writes a run of
   * them in multi-row statements; apply itself goes through it too (applyAppend), so the two
   * cannot disagree.
   */
  append?(payload: P, envelope: EventEnvelope): Appending;
  /**
   * False for a fact whose apply reads no row that append-only facts add (a plating batch's
   * reading reads its batch, not the metal weighings): sync then leaves the appends before it to be
   * written with those after it, a few statements a page instead of two or more an inspection. A
   * fact with a fold never reads them (a run does not write them first).
   */
  readsAppends?: false;
  /**
   * False for a fact about no lot whose apply reads and changes no lot's row (a batch's reading, a
   * step of refining counted): sync then leaves the receipts and moves before it to be written with
   * those after it, as it does across a fact about another lot.
   */
  readsLots?: false;
  /**
   * Facts the site's upstream records itself once a push has placed this one, each about a scope
   * this fact cannot touch (a shipped box's packs of a lot its shipping table never saw in it are
   * taken out in that lot's own history, packing.leftOut). Only the top upstream records them, not
   * a hub: they reach every station in the upstream's order, so every rebuild replays them.
   */
  consequences?(trx: Trx, payload: P, envelope: EventEnvelope): Promise<Fact[]>;
}

/** A fact to record: its definition and payload. */
export interface Fact {
  definition: EventDefinition<never>;
  payload: unknown;
}

/** An earlier version of a payload: its shape, and a pure function from it to the next version's. */
export interface EarlierPayload {
  payload: z.ZodType<unknown>;
  upcast(old: unknown): unknown;
}

export function earlierPayload<Old, Next>(payload: z.ZodType<Old>, upcast: (old: Old) => Next): EarlierPayload {
  return { payload, upcast: upcast as (old: unknown) => unknown };
}

/** How a definition says its projection: an apply of its own, or the one row an append-only fact adds (apply then goes through it). */
type Projection<P> =
  | { apply: EventDefinition<P>['apply']; append?: undefined }
  | { append: NonNullable<EventDefinition<P>['append']>; apply?: undefined };

export function defineEvent<P>(definition: Omit<EventDefinition<P>, 'apply' | 'append'> & Projection<P>): EventDefinition<P> {
  return definition.append ? { ...definition, apply: applyAppend(definition.append) } : (definition as EventDefinition<P>);
}

/** The payload type of an event definition. */
export type EventPayload<D> = D extends EventDefinition<infer P> ? P : never;
