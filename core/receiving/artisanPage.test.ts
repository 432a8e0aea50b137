import { afterEach, beforeEach, expect, it } from 'vitest';
import { Bus } from '../app/bus';
import { createContext, type Ctx } from '../app/context';
import { openStore, type Store } from '../db/store';
import { moveLot, receiveLot } from '../lots/service';
import { demoStoreFile } from '../testing/tempStore';
import { artisanPage } from './artisanPage';

// The artisan's page on a real demo store: what they are owed, and what is still undecided.

let store: Store;
const as = (userId: string): Ctx => createContext({ db: store.db, bus: new Bus(), now: () => new Date(), statusChanged: () => undefined }, null, userId);

beforeEach(async () => {
  store = await openStore(await demoStoreFile());
});
afterEach(() => store.close());

/** An artisan no inspector has yet judged a lot of, with an open order (its price known). */
async function newcomer() {
  const judged = store.db.selectFrom('qc_decisions').select('artisan_id');
  const order = await store.db
    .selectFrom('artisan_orders')
    .select(['id', 'artisan_id', 'design_sku', 'finish', 'unit_price_kes'])
    .where('artisan_id', 'not in', judged)
    .where('unit_price_kes', '>', 0)
    .executeTakeFirstOrThrow();
  const lot = (quantity: number, artisanOrderId: string | null, state: 'in_qc' | 'quarantine' = 'in_qc') =>
    receiveLot(as('u-clerk'), { designSku: order.design_sku, artisanId: order.artisan_id, finish: order.finish, deliveryCode: null, quantity, weightG: null, state, artisanOrderId });
  return { order, lot };
}

it('prices accepted pieces at their order price, and counts apart those of a lot with no order instead of paying them at 0', async () => {
  const { order, lot } = await newcomer();
  const before = await artisanPage(store.db, order.artisan_id);
  const ordered = await lot(10, order.id);
  const unordered = await lot(7, null);
  for (const lotId of [ordered, unordered]) await moveLot(as('u-inspector'), { lotId, from: 'in_qc', to: 'refining', quantity: lotId === ordered ? 10 : 7, reason: null });
  const after = await artisanPage(store.db, order.artisan_id);
  expect(after.totals.accepted - before.totals.accepted).toBe(17);
  expect(after.totals.payableKes - before.totals.payableKes).toBe(10 * order.unit_price_kes);
  expect(after.totals.unpricedAccepted - before.totals.unpricedAccepted).toBe(7);
});

it('counts quarantined pieces apart from those waiting for QC', async () => {
  const { order, lot } = await newcomer();
  const before = (await artisanPage(store.db, order.artisan_id)).totals;
  await lot(5, order.id, 'quarantine');
  await lot(8, order.id);
  const after = (await artisanPage(store.db, order.artisan_id)).totals;
  expect({ quarantine: after.quarantine - before.quarantine, pendingQc: after.pendingQc - before.pendingQc }).toEqual({ quarantine: 5, pendingQc: 8 });
});

it('gives no acceptance rate to an artisan none of whose lots were inspected', async () => {
  const { order } = await newcomer();
  expect((await artisanPage(store.db, order.artisan_id)).inspections).toEqual({ lots: 0, acceptancePct: null });
});
