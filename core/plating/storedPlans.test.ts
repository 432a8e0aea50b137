import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { describe, expect, it, vi } from 'vitest';
import { openStore } from '../db/store';
import { earlierPayload } from '../events/define';
import { demoStoreFile } from '../testing/tempStore';
import { replannedAway } from './batchIds';

// A traveller of a batch re-planned away reads the last plan that held it as that plan's type reads
// today. The plan has one version so far; here it gets a second, for this file only, whose first
// version called a batch's items its `lots`.
vi.mock('./events', async (importOriginal) => {
  const real = await importOriginal<typeof import('./events')>();
  const first = z.object({ basedOn: z.number(), batches: z.array(real.plannedBatch.omit({ items: true }).extend({ lots: real.plannedBatch.shape.items })) });
  const upcast = earlierPayload(first, (old) => ({ ...old, batches: old.batches.map(({ lots, ...batch }) => ({ ...batch, items: lots })) }));
  return { ...real, planPublished: { ...real.planPublished, version: 2, earlier: { 1: upcast } } };
});

describe("a re-planned batch's traveller", () => {
  it('says where its lots went whether the plan that held it was stored at version 1 or 2; a plan this Karakana cannot read tells nothing', async () => {
    const store = await openStore(await demoStoreFile());
    try {
      const held = await store.db.selectFrom('plating_batches').selectAll().where('state', '=', 'planned').orderBy('id').executeTakeFirstOrThrow();
      const items = await store.db.selectFrom('plating_batch_items').select(['lot_id as lotId', 'pieces']).where('batch_id', '=', held.id).execute();
      const user = await store.db.selectFrom('users').select('id').where('username', '=', 'akinyi').executeTakeFirstOrThrow();
      const batch = { lineId: held.line_id, finish: held.finish, startAt: held.start_at, endAt: held.end_at, locked: false, expectedMetalG: 1 };
      // Plans as a store holds them, each the last to hold its batch.
      const plans = [
        { basedOn: 0, batches: [{ id: 'PB-OLD-1-001', ...batch, lots: items }] },
        { v: 2, basedOn: 0, batches: [{ id: 'PB-OLD-2-001', ...batch, items }] },
        { v: 3, basedOn: 0, batches: [{ id: 'PB-OLD-3-001', ...batch, pieces: items }] },
      ];
      for (const [i, payload] of plans.entries())
        await store.db
          .insertInto('events')
          .values({ id: uuidv7(), station: 'Q9', seq: i + 1, type: 'plating.planPublished', lot_id: null, payload: JSON.stringify(payload), user_id: user.id, at: `2026-01-0${i + 1}T08:00:00.000Z`, upstream_seq: null, local: 0 })
          .execute();
      for (const old of ['PB-OLD-1-001', 'PB-OLD-2-001']) {
        const why = await replannedAway(store.db, old);
        expect(why).toMatchObject({ code: 'plating.batchReplanned', params: { batch: old } });
        expect(String(why!.params!.batches).split(', ')).toContain(held.id);
      }
      expect(await replannedAway(store.db, 'PB-OLD-3-001')).toBeNull();
    } finally {
      await store.close();
    }
  });
});
