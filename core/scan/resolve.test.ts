import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../db/store';
import { demoStoreFile } from '../testing/tempStore';
import { resolveScan } from './resolve';

// A code scanned outside a form opens what it stands for, on the demo headquarters' store.
describe('a scanned code', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(await demoStoreFile());
  });
  afterAll(() => store.close());

  it('leads to its lot, from a lot label or a piece tag, in any case', async () => {
    const lot = await store.db.selectFrom('lots').select(['id', 'design_sku', 'finish']).executeTakeFirstOrThrow();
    expect(await resolveScan(store.db, ` ${lot.id.toLowerCase()}\n`)).toEqual({ kind: 'lot', lotId: lot.id });
    expect(await resolveScan(store.db, `${lot.id}/${lot.design_sku}/${lot.finish}`)).toEqual({ kind: 'lot', lotId: lot.id });
  });

  it('leads to a delivery notice, a customer order, a plating batch', async () => {
    const notice = await store.db.selectFrom('delivery_notices').select('code').executeTakeFirstOrThrow();
    const order = await store.db.selectFrom('customer_orders').select('id').executeTakeFirstOrThrow();
    const batch = await store.db.selectFrom('plating_batches').select('id').executeTakeFirstOrThrow();
    expect(await resolveScan(store.db, notice.code)).toEqual({ kind: 'notice', code: notice.code });
    expect(await resolveScan(store.db, order.id.toLowerCase())).toEqual({ kind: 'order', orderId: order.id });
    expect(await resolveScan(store.db, batch.id)).toEqual({ kind: 'batch', batchId: batch.id });
  });

  it('that is unknown, or a lot not in this store, is refused by name', async () => {
    await expect(resolveScan(store.db, 'L-26-R9-999999')).rejects.toMatchObject({ code: 'scan.lotNotFound', params: { code: 'L-26-R9-999999' } });
    await expect(resolveScan(store.db, 'CO-99-0000')).rejects.toMatchObject({ code: 'scan.unknownCode' });
  });
});
