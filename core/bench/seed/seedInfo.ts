import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** What seeding made and how long it took; kept beside the store so a reused store reports it too. */
export interface SeedInfo {
  lots: number;
  events: number;
  artisans: number;
  designs: number;
  seededAt: string;
  /** Seconds per phase, and total. */
  seconds: { demo: number; reference: number; insert: number; indexes: number; checkpoint: number; total: number };
  /** false: secondary indexes were dropped for the bulk insert and rebuilt after it. */
  indexesDuringInsert: boolean;
}

export const seedInfoFile = (storeFile: string): string => `${storeFile}.bench.json`;

export function readSeedInfo(storeFile: string): SeedInfo | null {
  const file = seedInfoFile(storeFile);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SeedInfo) : null;
}

export function writeSeedInfo(storeFile: string, info: SeedInfo): void {
  writeFileSync(seedInfoFile(storeFile), JSON.stringify(info, null, 2) + '\n');
}
