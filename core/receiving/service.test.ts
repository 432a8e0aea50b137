import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Bus } from '../app/bus';
import { createContext, type Ctx } from '../app/context';
import { openStore, type Store } from '../db/store';
import { demoStoreFile } from '../testing/tempStore';
import { rebuildScope } from '../sync/scopes';
import { openDelivery } from './delivery';
import { finishDelivery, openWalkIn, receiveLine, type LineReceipt } from './service';

// The receiving desk's rules, on a real demo store: what the clerk may and may not record.

let store: Store;
let clerk: Ctx;

beforeEach(async () => {
  store = await openStore(await demoStoreFile());
  const user = await store.db.selectFrom('users').selectAll().where('username', '=', 'wanjiru').executeTakeFirstOrThrow();
  clerk = createContext({ db: store.db, bus: new Bus(), now: () => new Date(), statusChanged: () => undefined }, {
    token: 't',
    user: { id: user.id, username: user.username, name: user.name, roles: ['clerk'], language: 'en', disabled: false },
  });
});
afterEach(() => store.close());

async function firstLine() {
  const delivery = await openDelivery(store.db, 'DN-26-000101');
  const line = delivery.lines[0]!;
  const receipt: LineReceipt = {
    deliveryCode: delivery.code,
    lineNo: line.lineNo,
    artisanOrderId: null,
    designSku: line.designSku,
    finish: line.finish,
    quantity: line.expected,
    weighing: { method: 'scale', scaleId: 'sim:desk', grossG: line.expected * line.unitWeightG + 50, tareG: 50, raw: 'S S 1612.0 g' },
    count: { method: 'weight', unitWeightG: line.unitWeightG, sampleSize: null },
    variance: null,
  };
  return { delivery, line, receipt };
}

async function counts() {
  const lots = await store.db.selectFrom('lots').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const events = await store.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const jobs = await store.db.selectFrom('print_jobs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { lots: Number(lots.n), events: Number(events.n), jobs: Number(jobs.n) };
}

describe('receiving a line', () => {
  it('creates the lot in QC with its weighing and count, and queues its label, in one go', async () => {
    const { receipt, line } = await firstLine();
    const { lotId, state } = await receiveLine(clerk, receipt);
    expect(state).toBe('in_qc');
    const lot = await store.db.selectFrom('lots').selectAll().where('id', '=', lotId).executeTakeFirstOrThrow();
    expect(lot).toMatchObject({ in_qc: line.expected, received_weight_g: line.expected * line.unitWeightG, artisan_order_id: line.artisanOrderId, delivery_code: 'DN-26-000101' });
    const event = await store.db.selectFrom('events').select('payload').where('lot_id', '=', lotId).where('type', '=', 'lot.received').executeTakeFirstOrThrow();
    expect(JSON.parse(event.payload)).toMatchObject({ weighing: { raw: 'S S 1612.0 g', tareG: 50 }, count: { method: 'weight' }, noticeLine: 1 });
    const job = await store.db.selectFrom('print_jobs').selectAll().where('lot_id', '=', lotId).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ template: 'lot-label', printer: 'label', state: 'queued' });
  });

  it('never receives a line twice (a double click, a second scan), and changes nothing the second time', async () => {
    const { receipt } = await firstLine();
    const [first, second] = await Promise.allSettled([receiveLine(clerk, receipt), receiveLine(clerk, receipt)]);
    expect([first.status, second.status].sort()).toEqual(['fulfilled', 'rejected']);
    const before = await counts();
    await expect(receiveLine(clerk, receipt)).rejects.toMatchObject({ code: 'receiving.lineAlreadyReceived' });
    expect(await counts()).toEqual(before);
  });

  it('asks for a reason when the count differs from the notice, and keeps it', async () => {
    const { receipt, line } = await firstLine();
    const short = { ...receipt, quantity: line.expected - 2, weighing: null, count: { method: 'hand' as const, unitWeightG: null, sampleSize: null } };
    const before = await counts();
    await expect(receiveLine(clerk, short)).rejects.toMatchObject({ code: 'receiving.varianceReasonRequired', params: { kind: 'short' } });
    expect(await counts()).toEqual(before);
    const { lotId } = await receiveLine(clerk, { ...short, variance: { kind: 'short', reason: 'countedShort', note: 'two in the bottom of the bag were earrings' } });
    const event = await store.db.selectFrom('events').select('payload').where('lot_id', '=', lotId).executeTakeFirstOrThrow();
    expect(JSON.parse(event.payload).variance).toEqual({ kind: 'short', reason: 'countedShort', note: 'two in the bottom of the bag were earrings' });
  });

  it('refuses a count the weight cannot be, and a weight no heavier than its tare', async () => {
    const { receipt } = await firstLine();
    await expect(receiveLine(clerk, { ...receipt, quantity: receipt.quantity * 3, variance: { kind: 'over', reason: 'artisanSentMore', note: null } })).rejects.toMatchObject({
      code: 'receiving.absurdCount',
    });
    await expect(receiveLine(clerk, { ...receipt, weighing: { ...receipt.weighing!, grossG: 50 } })).rejects.toMatchObject({ code: 'receiving.nothingWeighed' });
  });

  it('puts an item the notice did not list into quarantine, not QC', async () => {
    const { delivery } = await firstLine();
    const order = delivery.openOrders[0]!;
    const item = { deliveryCode: delivery.code, lineNo: null, artisanOrderId: order.id, designSku: order.designSku, finish: order.finish, quantity: 5, weighing: null, count: null, variance: null };
    await expect(receiveLine(clerk, item)).rejects.toMatchObject({ code: 'receiving.varianceReasonRequired', params: { kind: 'unexpected' } });
    const { lotId, state } = await receiveLine(clerk, { ...item, variance: { kind: 'unexpected', reason: 'notOnNotice', note: null } });
    expect(state).toBe('quarantine');
    expect(await store.db.selectFrom('lots').select(['quarantine', 'in_qc']).where('id', '=', lotId).executeTakeFirstOrThrow()).toEqual({ quarantine: 5, in_qc: 0 });
  });
});

describe('a delivery', () => {
  it('is finished once, with the receipt queued, and says who finished it', async () => {
    const { receipt } = await firstLine();
    await expect(finishDelivery(clerk, 'DN-26-000101')).rejects.toMatchObject({ code: 'receiving.nothingReceived' });
    await receiveLine(clerk, receipt);
    await finishDelivery(clerk, 'DN-26-000101');
    const delivery = await openDelivery(store.db, 'DN-26-000101');
    expect(delivery).toMatchObject({ status: 'received', receivedBy: 'Wanjiru Kamau' });
    const receiptJob = await store.db.selectFrom('print_jobs').selectAll().where('template', '=', 'delivery-receipt').executeTakeFirstOrThrow();
    expect(JSON.parse(receiptJob.data)).toMatchObject({ delivery: 'DN-26-000101', clerk: 'Wanjiru Kamau', notDelivered: [{ line: 2 }, { line: 3 }] });
    await expect(finishDelivery(clerk, 'DN-26-000101')).rejects.toMatchObject({ code: 'receiving.deliveryFinished' });
    await expect(receiveLine(clerk, { ...receipt, lineNo: 2 })).rejects.toMatchObject({ code: 'receiving.deliveryFinished' });
  });

  it('says on finishing what it came to: received, short, extra and quarantined, in lines or lots and pieces', async () => {
    const { delivery, receipt } = await firstLine();
    const [first, second] = delivery.lines;
    const hand = { weighing: null, count: { method: 'hand' as const, unitWeightG: null, sampleSize: null } };
    await receiveLine(clerk, { ...receipt, ...hand, quantity: first!.expected + 4, variance: { kind: 'over', reason: 'artisanSentMore', note: null } });
    await receiveLine(clerk, { ...receipt, ...hand, lineNo: 2, designSku: second!.designSku, finish: second!.finish, quantity: second!.expected - 2, variance: { kind: 'short', reason: 'countedShort', note: null } });
    const order = delivery.openOrders[0]!;
    const unexpected = { kind: 'unexpected' as const, reason: 'notOnNotice' as const, note: null };
    await receiveLine(clerk, { ...receipt, ...hand, lineNo: null, artisanOrderId: order.id, designSku: order.designSku, finish: order.finish, quantity: 5, variance: unexpected });
    const third = delivery.lines[2]!.expected;
    // Line 1 four over, line 2 two short, line 3 never came (all short), five pieces the notice did not list.
    expect(await finishDelivery(clerk, delivery.code)).toEqual({
      received: { count: 3, pieces: first!.expected + 4 + second!.expected - 2 + 5 },
      short: { count: 2, pieces: 2 + third },
      extra: { count: 2, pieces: 4 + 5 },
      quarantined: { count: 1, pieces: 5 },
    });
  });

  it('without a notice is opened for the artisan at the desk', async () => {
    const code = await openWalkIn(clerk, 'A-00002');
    const delivery = await openDelivery(store.db, code);
    expect(delivery).toMatchObject({ status: 'receiving', artisan: { id: 'A-00002' }, lines: [] });
    expect(delivery.openOrders.length).toBeGreaterThan(0);
    await expect(openDelivery(store.db, 'DN-99-000001')).rejects.toMatchObject({ code: 'receiving.unknownNotice' });
  });
});

describe('a walk-in artisan picked again', () => {
  /** The clerk at a clock the test sets: Nairobi is UTC+3 all year. */
  function clerkAt(clock: { now: Date }): Ctx {
    return createContext({ db: store.db, bus: new Bus(), now: () => clock.now, statusChanged: () => undefined }, clerk.session);
  }
  const openedFor = async (artisanId: string) =>
    (await store.db.selectFrom('events').select('payload').where('type', '=', 'delivery.opened').execute()).filter((e) => JSON.parse(e.payload).artisanId === artisanId).length;

  it('the same local day reopens the delivery already open, from 00:00 to 23:59 in Nairobi; the next day starts another', async () => {
    const clock = { now: new Date('2026-12-05T21:05:00Z') }; // 00:05 on 6 December in Nairobi
    const desk = clerkAt(clock);
    const first = await openWalkIn(desk, 'A-00002');
    clock.now = new Date('2026-12-06T20:59:00Z'); // 23:59 the same day in Nairobi
    expect(await openWalkIn(desk, 'A-00002')).toBe(first);
    expect(await openedFor('A-00002')).toBe(1);
    expect(await openWalkIn(desk, 'A-00003')).not.toBe(first);
    clock.now = new Date('2026-12-06T21:00:00Z'); // 00:00 on 7 December in Nairobi
    const next = await openWalkIn(desk, 'A-00002');
    expect(next).not.toBe(first);
    expect(await openedFor('A-00002')).toBe(2);
  });

  it('after the delivery was finished starts another, the same day', async () => {
    const clock = { now: new Date('2026-12-06T08:00:00Z') };
    const desk = clerkAt(clock);
    const first = await openWalkIn(desk, 'A-00002');
    const order = (await openDelivery(store.db, first)).openOrders[0]!;
    await receiveLine(desk, { deliveryCode: first, lineNo: null, artisanOrderId: order.id, designSku: order.designSku, finish: order.finish, quantity: 3, weighing: null, count: null, variance: { kind: 'unexpected', reason: 'notOnNotice', note: null } });
    await finishDelivery(desk, first);
    clock.now = new Date('2026-12-06T09:00:00Z');
    expect(await openWalkIn(desk, 'A-00002')).not.toBe(first);
  });
});

describe('a received lot recomputed after a pull', () => {
  it('comes out the same, with no false conflict from its notice line or its queued label', async () => {
    const { receipt } = await firstLine();
    const { lotId } = await receiveLine(clerk, receipt);
    const before = await store.db.selectFrom('lots').selectAll().where('id', '=', lotId).executeTakeFirstOrThrow();
    const misfits = await store.db.transaction().execute((trx) => rebuildScope(trx, { kind: 'lot', key: lotId }, 'R1'));
    expect(misfits).toEqual([]);
    expect(await store.db.selectFrom('lots').selectAll().where('id', '=', lotId).executeTakeFirstOrThrow()).toEqual(before);
    expect(await store.db.selectFrom('print_jobs').select('id').where('lot_id', '=', lotId).execute()).toHaveLength(1);
  });
});
