import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { describe, expect, it, vi } from 'vitest';
import { openStore } from '../db/store';
import { earlierPayload } from '../events/define';
import { demoStoreFile } from '../testing/tempStore';
import { quarantineList } from './service';

// The quarantine list says why the desk held each lot from its receipt, read as the receipt's type
// reads today. The receipt has one version so far; here it gets a second, for this file only,
// whose first version called the variance a `discrepancy`.
vi.mock('../lots/events', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lots/events')>();
  const { variance, ...fields } = (real.lotReceived.payload as unknown as z.ZodObject).shape;
  const first = z.object({ ...fields, discrepancy: variance });
  const upcast = earlierPayload(first, ({ discrepancy, ...old }) => ({ ...old, variance: discrepancy }));
  return { ...real, lotReceived: { ...real.lotReceived, version: 2, earlier: { 1: upcast } } };
});

describe('the quarantine list', () => {
  it("gives each lot's reason whether its receipt was stored at version 1 or 2; a receipt this Karakana cannot read gives none", async () => {
    const store = await openStore(await demoStoreFile());
    try {
      const lot = await store.db.selectFrom('lots').selectAll().orderBy('id').executeTakeFirstOrThrow();
      const user = await store.db.selectFrom('users').select('id').where('username', '=', 'wanjiru').executeTakeFirstOrThrow();
      const receipt = { designSku: lot.design_sku, artisanId: lot.artisan_id, finish: lot.finish, deliveryCode: null, quantity: 12, weightG: null, state: 'quarantine' };
      const variance = { kind: 'unexpected', reason: 'notOnNotice', note: 'came in the same bag' };
      // Receipts as a store holds them: version 1 with its `discrepancy`, version 2 with its `v`, and a version from a later Karakana.
      const stored = [
        { ...receipt, lotId: 'L-Q9-1', discrepancy: variance },
        { v: 2, ...receipt, lotId: 'L-Q9-2', variance },
        { v: 3, ...receipt, lotId: 'L-Q9-3', variance },
      ];
      for (const [i, payload] of stored.entries()) {
        const at = `2020-01-0${i + 1}T08:00:00.000Z`;
        const zero = { in_qc: 0, rework: 0, refining: 0, plating: 0, finished: 0, packed: 0, shipped: 0, returned: 0, scrapped: 0 };
        await store.db.insertInto('lots').values({ ...lot, ...zero, id: payload.lotId, received_qty: 12, quarantine: 12, received_at: at, delivery_code: null }).execute();
        await store.db.insertInto('events').values({ id: uuidv7(), station: 'Q9', seq: i + 1, type: 'lot.received', lot_id: payload.lotId, payload: JSON.stringify(payload), user_id: user.id, at, upstream_seq: null, local: 0 }).execute();
      }
      const listed = (await quarantineList(store.db)).lots.filter((l) => l.lotId.startsWith('L-Q9-'));
      expect(listed.map((l) => [l.lotId, l.why, l.note])).toEqual([
        ['L-Q9-1', 'unexpected', variance.note],
        ['L-Q9-2', 'unexpected', variance.note],
        ['L-Q9-3', null, null],
      ]);
    } finally {
      await store.close();
    }
  });
});
