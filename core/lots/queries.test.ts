import { describe, expect, it } from 'vitest';
import { openStore } from '../db/store';
import { demoStoreFile } from '../testing/tempStore';
import { lotsCount, lotsPage } from './queries';

describe('the Lots screen, a page at a time', () => {
  it('pages through every lot once, in order, whatever the sort and filter', async () => {
    const store = await openStore(await demoStoreFile());
    try {
      const all = await store.db.selectFrom('lots').innerJoin('artisans', 'artisans.id', 'lots.artisan_id').select(['lots.id', 'lots.received_at', 'artisans.name', 'lots.finished']).execute();
      const cases = [
        { sort: { by: 'receivedAt' as const, desc: true }, filters: {}, expected: [...all].sort((a, b) => b.received_at.localeCompare(a.received_at) || b.id.localeCompare(a.id)) },
        { sort: { by: 'id' as const, desc: false }, filters: { state: 'finished' as const }, expected: all.filter((l) => l.finished > 0).sort((a, b) => a.id.localeCompare(b.id)) },
        { sort: { by: 'artisan' as const, desc: false }, filters: {}, expected: [...all].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)) },
      ];
      for (const { sort, filters, expected } of cases) {
        const seen: string[] = [];
        for (let offset = 0; ; offset += 25) {
          const page = await lotsPage(store.db, { filters, sort, offset, limit: 25 });
          seen.push(...page.rows.map((r) => r.id));
          if (!page.hasMore) break;
        }
        expect(seen).toEqual(expected.map((l) => l.id));
        expect(await lotsCount(store.db, filters)).toBe(expected.length);
      }
      const someone = all[0]!.name.split(' ')[1]!;
      const theirs = await lotsPage(store.db, { filters: { artisan: someone }, sort: { by: 'id', desc: false }, offset: 0, limit: 500 });
      expect(theirs.rows.map((r) => r.id)).toEqual(all.filter((l) => l.name.includes(someone)).map((l) => l.id).sort());
    } finally {
      await store.close();
    }
  });
});
