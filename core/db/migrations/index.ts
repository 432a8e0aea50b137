import type { Kysely } from 'kysely';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_sync';
import * as m0003 from './0003_receiving';
import * as m0004 from './0004_hub';
import * as m0005 from './0005_qc';
import * as m0006 from './0006_printing';
import * as m0007 from './0007_packing';
import * as m0008 from './0008_plating';
import * as m0009 from './0009_snapshot';
import * as m0010 from './0010_refinement';
import * as m0011 from './0011_lotRuns';
import * as m0012 from './0012_platingChecks';
import * as m0013 from './0013_switchingFolded';
import * as m0014 from './0014_scopeIndexes';
import * as m0015 from './0015_batchReadings';
import * as m0016 from './0016_hubKeys';
import * as m0017 from './0017_relayedStations';
import * as m0018 from './0018_sessionIdle';
import * as m0019 from './0019_metalOverride';
import * as m0020 from './0020_hubLink';
import * as m0021 from './0021_boxPaperwork';
import * as m0022 from './0022_backupSchedule';
import * as m0023 from './0023_designWordsSw';
import * as m0024 from './0024_outboxOrder';

export interface Migration {
  version: number;
  name: string;
  up(db: Kysely<unknown>): Promise<void>;
}

// Numbered, in order; a store's PRAGMA user_version is the last one applied.
export const migrations: Migration[] = [
  { version: 1, name: 'initial', ...m0001 },
  { version: 2, name: 'sync', ...m0002 },
  { version: 3, name: 'receiving', ...m0003 },
  { version: 4, name: 'hub', ...m0004 },
  { version: 5, name: 'qc', ...m0005 },
  { version: 6, name: 'printing', ...m0006 },
  { version: 7, name: 'packing', ...m0007 },
  { version: 8, name: 'plating', ...m0008 },
  { version: 9, name: 'snapshot', ...m0009 },
  { version: 10, name: 'refinement', ...m0010 },
  { version: 11, name: 'lotRuns', ...m0011 },
  { version: 12, name: 'platingChecks', ...m0012 },
  { version: 13, name: 'switchingFolded', ...m0013 },
  { version: 14, name: 'scopeIndexes', ...m0014 },
  { version: 15, name: 'batchReadings', ...m0015 },
  { version: 16, name: 'hubKeys', ...m0016 },
  { version: 17, name: 'relayedStations', ...m0017 },
  { version: 18, name: 'sessionIdle', ...m0018 },
  { version: 19, name: 'metalOverride', ...m0019 },
  { version: 20, name: 'hubLink', ...m0020 },
  { version: 21, name: 'boxPaperwork', ...m0021 },
  { version: 22, name: 'backupSchedule', ...m0022 },
  { version: 23, name: 'designWordsSw', ...m0023 },
  { version: 24, name: 'outboxOrder', ...m0024 },
];

export const latestVersion = migrations[migrations.length - 1]!.version;
