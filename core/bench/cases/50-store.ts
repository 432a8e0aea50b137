import { existsSync, statSync } from 'node:fs';
import type { BenchCase } from '../benchCase';

const megabytes = (file: string) => (existsSync(file) ? statSync(file).size / 2 ** 20 : 0);

/** What the store costs to hold and to build; seed times come from when it was seeded. */
export const benchCase: BenchCase = {
  name: 'store on disk, and seeding it',
  // "Minutes, not hours" for the planning size on a 2-core machine.
  targets: { 'seed total': { below: 60 } },
  async run(env) {
    const { seconds } = env.seed;
    return [
      { name: 'store file', value: megabytes(env.file), unit: 'MB' },
      { name: 'WAL file', value: megabytes(`${env.file}-wal`), unit: 'MB' },
      { name: 'seed total', value: seconds.total / 60, unit: 'min' },
      { name: 'seed: demo + 25,000 artisans, 3,000 designs', value: seconds.demo + seconds.reference, unit: 's' },
      { name: 'seed: bulk insert of lots and events', value: seconds.insert, unit: 's' },
      { name: 'seed: index rebuild', value: seconds.indexes, unit: 's' },
      { name: 'seed: final checkpoint', value: seconds.checkpoint, unit: 's' },
    ];
  },
};
