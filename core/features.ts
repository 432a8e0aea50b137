import { authFeature } from './auth/feature';
import { backupFeature } from './backup/feature';
import { logsFeature } from './logs/feature';
import { lotsFeature } from './lots/feature';
import { packingFeature } from './packing/feature';
import { platingFeature } from './plating/feature';
import { printingFeature } from './printing/feature';
import { qcFeature } from './qc/feature';
import { quarantineFeature } from './quarantine/feature';
import { receivingFeature } from './receiving/feature';
import { referenceFeature } from './reference/feature';
import { scanFeature } from './scan/feature';
import { setupFeature } from './setup/feature';
import { stationFeature } from './station/feature';
import { syncFeature } from './sync/feature';
import { usersFeature } from './users/feature';
import type { Feature } from './app/defineFeature';

// Every feature this version of Karakana has (core/app/defineFeature.ts). The registries read this list:
// the app joins their handlers, the event catalog their events, sync their scopes, the snapshot
// their own tables, `hq` their commands. A new feature is a folder with its feature.ts, added here
// and, for its procedures, to core/featureContracts.ts (the renderer's half of the same list).
// Read only when used, never while modules load: the features import the code that reads it.

export const features: readonly Feature[] = [
  setupFeature,
  authFeature,
  lotsFeature,
  scanFeature,
  usersFeature,
  stationFeature,
  syncFeature,
  receivingFeature,
  qcFeature,
  printingFeature,
  backupFeature,
  logsFeature,
  packingFeature,
  platingFeature,
  quarantineFeature,
  referenceFeature,
];

/** One registry's entries from every feature, by name, joined at first use; a name two features declare stops it there. */
export function joinedOnUse<T>(what: string, entriesOf: (feature: Feature) => Iterable<readonly [string, T]>): () => ReadonlyMap<string, T> {
  let joined: Map<string, T> | null = null;
  return () => {
    if (joined) return joined;
    const map = new Map<string, T>();
    for (const feature of features)
      for (const [name, entry] of entriesOf(feature)) {
        if (map.has(name)) throw new Error(`${what} ${name} is declared twice`);
        map.set(name, entry);
      }
    return (joined = map);
  };
}
