import type { Handler } from '../api/handler';
import type { ProcedureName, Status } from '../api/contract';
import type { BackupSchedule } from '../backup/schedule';
import type { DeskScale } from '../devices/deskScale';
import type { EventDefinition } from '../events/define';
import type { Command } from '../kernel/command';
import type { StationLog } from '../logs/stationLog';
import type { LinkOptions } from '../printing/deliver';
import type { PrintQueue } from '../printing/queue';
import type { OwnedRows, ScopeKind, Settle } from '../sync/scope';
import type { SyncControl } from '../sync/handlers';

// A feature module: one capability's procedures, handlers, events, `hq` commands, sync scopes and
// the tables only one store holds, declared once in its folder's feature.ts. core/features.ts lists
// them, and every registry (dispatch, the app, the event catalog, sync, the snapshot, the CLI)
// reads that list instead of importing the features one by one.

/** What the running app lends the handlers of the features that need it (types only: the app makes them). */
export interface Services {
  storeFile: string;
  log: StationLog;
  status(): Promise<Status>;
  /** The upstream's head as the sync loop last saw it, for the first load's progress. */
  head(): number | null;
  sync: SyncControl;
  deskScale: DeskScale;
  printQueue: PrintQueue;
  printLink: LinkOptions | undefined;
  backups: BackupSchedule;
}

export interface Feature<P extends object = object> {
  /** Its folder under core/, which holds this definition in feature.ts. */
  name: string;
  /** Its part of the contract: the same object core/featureContracts.ts lists for the renderer. */
  procedures?: P;
  /** A handler for each of its procedures (a name two features handle stops the app at start). */
  handlers?(services: Services): { [N in keyof P & ProcedureName]: Handler<N> };
  events?: readonly EventDefinition<unknown>[];
  commands?: Record<string, Command>;
  /** The kinds of sync scope its facts are recomputed in (core/sync/scope.ts), by kind. */
  scopes?: Record<string, ScopeKind>;
  /**
   * The rows its facts keep in each kind of scope (a lot, a box, a batch, the plan), by kind: what a
   * rebuild of the scope removes before it replays the scope's events. Its events' applies write
   * no other rows, but for the settings and reference data that are never recomputed (the last one
   * stands) and what `derived` names (core/sync/owned.test.ts).
   */
  owns?: Record<string, readonly OwnedRows[]>;
  /** What it folds from many scopes' rows, brought up to date after a rebuild of a scope of each kind. */
  settles?: Record<string, Settle>;
  /** Its tables (or `table.column`) folded from many scopes' rows, which any scope's events may write: settled, never owned. */
  derived?: readonly string[];
  /** Tables that belong to one store and never travel in a snapshot, by name or by pattern. */
  ownTables?: readonly (string | RegExp)[];
}

export const defineFeature = <P extends object>(feature: Feature<P>): Feature<P> => feature;
