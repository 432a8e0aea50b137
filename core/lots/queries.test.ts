import { describe, expect, it } from 'vitest';
import { openStore } from '../db/store';
import { demoStoreFile } from '../testing/tempStore';
import { v7 as uuidv7 } from 'uuid';
import { lotDetail, lotsCount, lotsPage } from './queries';

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

describe("a lot's history", () => {
  it('gives every event as its type reads today: a reading logged before readings carried their figure reads null, and no version mark shows', async () => {
    const store = await openStore(await demoStoreFile());
    try {
      const lot = await store.db.selectFrom('lots').select('id').orderBy('id').executeTakeFirstOrThrow();
      const user = await store.db.selectFrom('users').select('id').where('username', '=', 'grace').executeTakeFirstOrThrow();
      const reading = { inspectionId: uuidv7(), lotId: lot.id, piece: 3, measure: 'weight', value: 9.9, outOfTolerance: null };
      // As an old store holds them: version 1 without its figure, and version 2 with its `v`.
      const stored = [
        { entryId: uuidv7(), payload: reading },
        { entryId: uuidv7(), payload: { v: 2, ...reading, spec: { target: 10.2, tolerance: 0.3 } } },
      ];
      for (const [i, { entryId, payload }] of stored.entries())
        await store.db
          .insertInto('events')
          .values({ id: uuidv7(), station: 'Q9', seq: i + 1, type: 'qc.measured', lot_id: lot.id, payload: JSON.stringify({ ...payload, entryId }), user_id: user.id, at: `2026-01-0${i + 1}T08:00:00.000Z`, upstream_seq: null, local: 0 })
          .execute();
      const { history } = await lotDetail(store.db, lot.id);
      const readings = history.filter((e) => e.type === 'qc.measured').map((e) => e.payload);
      expect(readings).toEqual([
        { ...reading, entryId: stored[0]!.entryId, spec: null },
        { ...reading, entryId: stored[1]!.entryId, spec: { target: 10.2, tolerance: 0.3 } },
      ]);
    } finally {
      await store.close();
    }
  });
});
