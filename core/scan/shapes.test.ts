import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../db/store';
import { demoStoreFile } from '../testing/tempStore';
import { looksLikeCode } from './shapes';

// The shapes the scanner detector trusts in a typing field, held against the codes a real (demo)
// store has: every lot, piece tag, notice, order, batch and defect card looks like a code; numbers do not.
describe('the shape of a code', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(await demoStoreFile());
  });
  afterAll(() => store.close());

  it('is every code the store knows, as a scanner reads it', async () => {
    const lots = await store.db.selectFrom('lots').select(['id', 'design_sku', 'finish']).execute();
    const codes = [
      ...lots.flatMap((l) => [l.id, `${l.id}/${l.design_sku}/${l.finish}`]),
      ...(await store.db.selectFrom('delivery_notices').select('code').execute()).map((n) => n.code),
      ...(await store.db.selectFrom('customer_orders').select('id').execute()).map((o) => o.id),
      ...(await store.db.selectFrom('plating_batches').select('id').execute()).map((b) => b.id),
      ...(await store.db.selectFrom('qc_defect_codes').select('code').execute()).map((d) => d.code),
      '(00)106141411234567897',
      ']C1001061414112345678974001234',
    ];
    expect(codes.length).toBeGreaterThan(10);
    expect(codes.filter((code) => !looksLikeCode(code))).toEqual([]);
  });

  it('is not a number a person types into a field', () => {
    expect(['267.3', '267,3', '1204', '-50', '0.5', '12 000'].filter(looksLikeCode)).toEqual([]);
  });
});
