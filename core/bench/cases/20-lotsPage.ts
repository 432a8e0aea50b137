import { lotsPage, type LotPageRequest } from '../../lots/queries';
import { regions } from '../../demo/data';
import type { BenchCase } from '../benchCase';
import { latencyFigures, timeEach } from '../measure';

const runs = 200;
const warmup = 5;
const pageSize = 100;

// Surnames from the artisan name pools: each matches a few hundred artisans of 25,000.
const surnames = [...new Set(Object.values(regions).flatMap((r) => r.last))];

/** The Lots screen's first page, through the same query its procedure runs (lots.page). */
export const benchCase: BenchCase = {
  name: 'Lots screen, first page of 100 (lotsPage)',
  targets: { 'state=finished by receivedAt desc p99': { below: 50 }, 'artisan name by id p99': { below: 50 } },
  async run(env) {
    const db = env.app.store.db;
    const page = (request: Omit<LotPageRequest, 'offset' | 'limit'>) => lotsPage(db, { ...request, offset: 0, limit: pageSize });
    const finished = await timeEach(Array.from({ length: warmup + runs }), warmup, async () => {
      await page({ filters: { state: 'finished' }, sort: { by: 'receivedAt', desc: true } });
    });
    const byArtisan = await timeEach(
      Array.from({ length: warmup + runs }, (_, i) => surnames[i % surnames.length]!),
      warmup,
      async (artisan) => {
        await page({ filters: { artisan }, sort: { by: 'id', desc: false } });
      },
    );
    return [...latencyFigures(finished, 'state=finished by receivedAt desc'), ...latencyFigures(byArtisan, 'artisan name by id')];
  },
};
