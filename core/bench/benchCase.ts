import type { App } from '../app/app';
import type { Random } from '../demo/random';
import type { SeedInfo } from './seed/seedInfo';

/** One measured number, e.g. { name: 'p99', value: 4.2, unit: 'ms' }. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
}

/** What good looks like for one figure: exactly one bound. */
export type Target = { below: number } | { above: number };

/**
 * One row group of the report. A case is one file in cases/ exporting `benchCase`; figures with a
 * target in `targets` (keyed by figure name) get a met? verdict, the others are for reading.
 */
export interface BenchCase {
  name: string;
  targets: Record<string, Target>;
  run(env: BenchEnv): Promise<Figure[]>;
}

/** What every case gets: the seeded store opened as a station opens it, and a server over it. */
export interface BenchEnv {
  app: App;
  /** Calls a contract procedure over HTTP (a real startServer on loopback) as the logged-in admin; throws on { ok: false }. */
  call<T>(procedure: string, input: unknown): Promise<T>;
  /** The admin's user id, for writes made outside a session (as the demo seed does). */
  userId: string;
  random: Random;
  /** Distinct existing lots, picked at random. */
  randomLots(count: number): Promise<string[]>;
  seed: SeedInfo;
  file: string;
}
