import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../kernel/errors';
import type { BenchArgs } from './args';
import { readSeedInfo, writeSeedInfo, type SeedInfo, seedInfoFile } from './seed/seedInfo';
import { seedStore } from './seed/seedStore';

export interface BenchStore {
  file: string;
  seed: SeedInfo;
  /** true when --db named a store seeded earlier at this size. */
  reused: boolean;
  /** Deletes a temporary store (not one named by --db, nor one kept with --keep). */
  dispose(): void;
}

/** The store to measure: the one --db names (seeding it if it does not exist yet) or a temporary one. */
export async function prepareBenchStore(args: BenchArgs, log: (line: string) => void): Promise<BenchStore> {
  if (args.db && existsSync(args.db)) {
    const seed = readSeedInfo(args.db);
    if (!seed || seed.lots !== args.lots || seed.events !== args.events)
      throw new UsageError(
        `${args.db} exists but was not seeded by the bench with --lots ${args.lots} --events ${args.events}` +
          (seed ? ` (it has ${seed.lots} lots, ${seed.events} events)` : ` (no ${path.basename(seedInfoFile(args.db))} beside it)`),
      );
    return { file: args.db, seed, reused: true, dispose: () => undefined };
  }
  const folder = args.db ? null : mkdtempSync(path.join(os.tmpdir(), 'karakana-bench-'));
  const file = args.db ?? path.join(folder!, 'station.db');
  try {
    log(`seeding ${file}: ${args.lots.toLocaleString('en')} lots, ${args.events.toLocaleString('en')} events`);
    const seed = await seedStore(file, { lots: args.lots, events: args.events, indexesDuringInsert: args.indexesDuringInsert }, log);
    writeSeedInfo(file, seed);
    const temporary = folder !== null && !args.keep;
    return { file, seed, reused: false, dispose: () => (temporary ? rmSync(folder, { recursive: true, force: true }) : undefined) };
  } catch (error) {
    // A half-seeded store must not pass for a seeded one next time.
    if (folder) rmSync(folder, { recursive: true, force: true });
    else for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    throw error;
  }
}
