import type { Handler } from '../api/handler';
import type { ProcedureName, Status } from '../api/contract';
import type { BackupSchedule } from '../backup/schedule';
import type { DeskScale } from '../devices/deskScale';
import type { EventDefinition } from '../events/define';
import type { Command } from '../kernel/command';
import type { StationLog } from '../logs/stationLog';
import type { LinkOptions } from '../printing/deliver';
import type { PrintQueue } from '../printing/queue';
import type { ScopeKind } from '../sync/scope';
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
  /** Tables that belong to one store and never travel in a snapshot, by name or by pattern. */
  ownTables?: readonly (string | RegExp)[];
}

export const defineFeature = <P extends object>(feature: Feature<P>): Feature<P> => feature;
