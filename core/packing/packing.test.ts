import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../kernel/errors';
import type { Role } from '../api/roles';
import { Bus } from '../app/bus';
import { createContext, type Ctx } from '../app/context';
import { openStore, type Store } from '../db/store';
import { record } from '../events/log';
import { lotMoved } from '../lots/events';
import { customerOrderPlaced } from '../reference/events';
import { rebuildScope } from '../sync/scopes';
import { demoStoreFile } from '../testing/tempStore';
import { pieceTagCode } from '../labels/barcodes';
import { demoCarrierTracking } from './demo';
import { renderLabel } from '../labels';
import { decodeZpl } from '../labels/decode/zpl';
import { seededRandom } from '../demo/random';
import { boxOpened, piecesPacked } from './events';
import { simulatePacking } from './simulate';
import { openOrder } from './order';
import { checkWeight, openBox, pinAllocation, putAway, scanIntoBox, setBoxType, shipBox, unpack } from './service';

// The packing table's rules on a real demo store: CO-26-4901 (6 gold cuffs; 10 gold earrings from
// a lot of 4 and a lot of 10, to Berlin), CO-26-4902 (8 wood hoops, Nairobi), CO-26-4903 (carrier label).

let store: Store;
let packer: Ctx;
let supervisor: Ctx;

async function as(username: string, roles: Role[]): Promise<Ctx> {
  const user = await store.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  return createContext({ db: store.db, bus: new Bus(), now: () => new Date(), statusChanged: () => undefined }, {
    token: 't',
    user: { id: user.id, username: user.username, name: user.name, roles, language: 'en', disabled: false },
  });
}

beforeEach(async () => {
  store = await openStore(await demoStoreFile());
  packer = await as('mwangi', ['packer']);
  supervisor = await as('halima', ['supervisor']);
});
afterEach(() => store.close());

const lotIn = async (bin: string) => (await store.db.selectFrom('lot_bins').select('lot_id').where('bin', '=', bin).executeTakeFirstOrThrow()).lot_id;
const lot = (id: string) => store.db.selectFrom('lots').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const eventCount = async () => Number((await store.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const refused = async (work: Promise<unknown>, code: string) => {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
};

async function packAll4901(boxId: string) {
  await scanIntoBox(packer, { boxId, code: await lotIn('BIN-A01'), quantity: null });
  await scanIntoBox(packer, { boxId, code: await lotIn('BIN-A02'), quantity: null });
  await scanIntoBox(packer, { boxId, code: await lotIn('BIN-B01'), quantity: null });
}

describe('the pick list', () => {
  it('allocates finished lots in bins to an order by due date, splitting a lot where a line needs part of it', async () => {
    const view = await openOrder(store.db, 'co-26-4901');
    expect(view.lines.map((l) => ({ line: l.lineNo, need: l.need, pick: l.pick.map((p) => [p.bin, p.quantity]) }))).toEqual([
      { line: 1, need: 6, pick: [['BIN-A01', 6]] },
      { line: 2, need: 10, pick: [['BIN-A02', 4], ['BIN-B01', 6]] },
    ]);
  });

  it('gives stock to an order due earlier first, and a supervisor can change that with a reason', async () => {
    const cuffs = await lotIn('BIN-A01');
    await supervisor.write(({ record: r }) =>
      r(customerOrderPlaced, {
        id: 'CO-26-4999',
        customer: 'Early Shop',
        country: 'KE',
        shipTo: { city: 'Nairobi' },
        service: 'G4S Courier',
        currency: 'KES',
        dueOn: '2020-01-01',
        lines: [{ lineNo: 1, designSku: 'BR-CUF-001', finish: 'gold-1.0', quantity: 4, unitPriceMinor: 100 }],
      }),
    );
    expect((await openOrder(store.db, 'CO-26-4999')).lines[0]!.pick).toEqual([{ lotId: cuffs, bin: 'BIN-A01', quantity: 4, pinned: false }]);
    expect((await openOrder(store.db, 'CO-26-4901')).lines[0]!.pick).toEqual([{ lotId: cuffs, bin: 'BIN-A01', quantity: 2, pinned: false }]);
    // Those pieces are held for the earlier order: a lot label scan takes only what is this order's.
    const box = await openBox(packer, 'CO-26-4901', 'medium');
    expect(await scanIntoBox(packer, { boxId: box, code: cuffs, quantity: null })).toMatchObject({ status: 'packed', quantity: 2 });
    await refused(scanIntoBox(packer, { boxId: box, code: pieceTagCode(cuffs, 'BR-CUF-001', 'gold-1.0'), quantity: null }), 'packing.heldElsewhere');
    await unpack(packer, { orderId: 'CO-26-4901', boxId: box, reason: 'Wrong box' });

    await refused(pinAllocation(supervisor, { orderId: 'CO-26-4901', lineNo: 1, lotCode: cuffs, quantity: 6, reason: ' ' }), 'packing.reasonRequired');
    await pinAllocation(supervisor, { orderId: 'CO-26-4901', lineNo: 1, lotCode: cuffs, quantity: 6, reason: 'Berlin shop opening' });
    expect((await openOrder(store.db, 'CO-26-4901')).lines[0]!.pick).toEqual([{ lotId: cuffs, bin: 'BIN-A01', quantity: 6, pinned: true }]);
    expect((await openOrder(store.db, 'CO-26-4999')).lines[0]!.pick).toEqual([]);
    await refused(pinAllocation(supervisor, { orderId: 'CO-26-4901', lineNo: 2, lotCode: cuffs, quantity: 1, reason: 'x' }), 'packing.wrongItem');
  });

  it('puts a finished lot away in a bin; an unknown bin or an unfinished lot is refused', async () => {
    const cuffs = await lotIn('BIN-A01');
    expect(await putAway(packer, cuffs.toLowerCase(), 'bin-d07')).toEqual({ lotId: cuffs, bin: 'BIN-D07' });
    await refused(putAway(packer, cuffs, 'SHELF 7'), 'packing.badBin');
    const inQc = await store.db.selectFrom('lots').select('id').where('finished', '=', 0).executeTakeFirstOrThrow();
    await refused(putAway(packer, inQc.id, 'BIN-D07'), 'packing.notFinished');
  });
});

describe('scanning into the box', () => {
  it('counts a lot label by its allocation and a piece tag as one piece, per line', async () => {
    const box = await openBox(packer, 'CO-26-4901', 'medium');
    const cuffs = await lotIn('BIN-A01');
    expect(await scanIntoBox(packer, { boxId: box, code: pieceTagCode(cuffs, 'BR-CUF-001', 'gold-1.0'), quantity: null })).toEqual({ status: 'packed', lineNo: 1, lotId: cuffs, quantity: 1 });
    expect(await scanIntoBox(packer, { boxId: box, code: cuffs, quantity: null })).toEqual({ status: 'packed', lineNo: 1, lotId: cuffs, quantity: 5 });
    expect(await lot(cuffs)).toMatchObject({ finished: 0, packed: 6 });
    const view = await openOrder(store.db, 'CO-26-4901');
    expect(view.lines.map((l) => [l.packed, l.need])).toEqual([
      [6, 0],
      [0, 10],
    ]);
  });

  it('refuses, loudly and without counting anything, what does not belong in the box', async () => {
    const box = await openBox(packer, 'CO-26-4901', 'medium');
    const before = await eventCount();
    await refused(scanIntoBox(packer, { boxId: box, code: await lotIn('BIN-C01'), quantity: null }), 'packing.wrongItem');
    await refused(scanIntoBox(packer, { boxId: box, code: 'HELLO-WORLD', quantity: null }), 'packing.unknownCode');
    await refused(scanIntoBox(packer, { boxId: box, code: 'L-26-R1-999999', quantity: null }), 'packing.lotNotFound');
    const cuffs = await lotIn('BIN-A01');
    await refused(scanIntoBox(packer, { boxId: box, code: pieceTagCode(cuffs, 'BR-CUF-001', 'polished'), quantity: null }), 'packing.tagMismatch');
    await refused(scanIntoBox(packer, { boxId: box, code: cuffs, quantity: 7 }), 'packing.tooMany');
    // A lot of the right design and finish whose pieces are still at plating.
    const plating = await packer.write(async ({ trx }) => {
      const row = await trx.selectFrom('lots').select('id').where('design_sku', '=', 'BR-CUF-001').where('finish', '=', 'gold-1.0').where('finished', '=', 0).executeTakeFirst();
      return row?.id ?? null;
    });
    if (plating) await refused(scanIntoBox(packer, { boxId: box, code: plating, quantity: 1 }), 'packing.notFinished');
    expect(await eventCount()).toBe(before);
    expect(await lot(cuffs)).toMatchObject({ finished: 6, packed: 0 });
  });

  it('asks how many when a lot label is not allocated to the line', async () => {
    const earrings = await lotIn('BIN-B01');
    await pinAllocation(supervisor, { orderId: 'CO-26-4901', lineNo: 2, lotCode: await lotIn('BIN-A02'), quantity: 4, reason: 'keep' });
    const box = await openBox(packer, 'CO-26-4901', 'medium');
    await scanIntoBox(packer, { boxId: box, code: earrings, quantity: 3 });
    // 4 + 3 of 10: the earrings lot is still allocated for 3 more; a label scan takes them.
    expect(await scanIntoBox(packer, { boxId: box, code: earrings, quantity: null })).toMatchObject({ quantity: 3 });
    const other = await openBox(packer, 'CO-26-4902', 'small');
    await refused(scanIntoBox(packer, { boxId: other, code: earrings, quantity: null }), 'packing.wrongItem');
  });
});

describe('weighing and shipping', () => {
  it('expects the pieces plus the packaging, and warns beyond the tolerance', async () => {
    const box = await openBox(packer, 'CO-26-4901', 'medium');
    await packAll4901(box);
    // 6 cuffs of 38 g, 10 earrings of 6.2 g, a medium box of 250 g; tolerance 25 g + 4% and 5% of the pieces.
    expect(await checkWeight(store.db, box, 545)).toEqual({ expectedG: 540, toleranceG: 37.2, differenceG: 5, ok: true });
    expect(await checkWeight(store.db, box, 600)).toMatchObject({ differenceG: 60, ok: false });
    // A supervisor sets what a medium box's packaging weighs: the same box now should weigh more.
    await setBoxType(supervisor, { code: 'medium', name: 'Medium box', packagingG: 310, toleranceG: 20 });
    expect(await checkWeight(store.db, box, 600)).toEqual({ expectedG: 600, toleranceG: 32.2, differenceG: 0, ok: true });
  });

  it('ships a full box abroad: pieces packed -> shipped, shipping label, packing slip and customs lines queued', async () => {
    const box = await openBox(packer, 'CO-26-4901', 'medium');
    await refused(shipBox(packer, { boxId: box, service: 'DHL Express Worldwide', trackingNumber: 'JD0146000038', weighing: { grams: 540, method: 'scale' } }), 'packing.nothingPacked');
    await packAll4901(box);
    await refused(shipBox(packer, { boxId: box, service: 'DHL Express Worldwide', trackingNumber: null, weighing: { grams: 540, method: 'scale' } }), 'packing.trackingRequired');
    await refused(shipBox(packer, { boxId: box, service: 'DHL Express Worldwide', trackingNumber: 'JD0146000038', weighing: null }), 'packing.weightRequired');
    const shipped = await shipBox(packer, { boxId: box, service: 'DHL Express Worldwide', trackingNumber: 'jd0146000038', weighing: { grams: 541.3, method: 'scale' } });
    expect(shipped).toMatchObject({ trackingNumber: 'JD0146000038', orderStatus: 'shipped' });
    expect(shipped.jobs.map((j) => [j.template, j.printer])).toEqual([
      ['shipping-label', 'shipping'],
      ['packing-slip', 'receipt'],
      ['customs-declaration', 'shipping'],
    ]);
    expect(await lot(await lotIn('BIN-B01'))).toMatchObject({ finished: 4, packed: 0, shipped: 6 });
    const jobs = await store.db.selectFrom('print_jobs').select(['template', 'data']).where('id', 'in', shipped.jobs.map((j) => j.jobId)).execute();
    const data = (template: string) => JSON.parse(jobs.find((j) => j.template === template)!.data) as Record<string, never>;
    expect(data('shipping-label')).toMatchObject({ orderId: 'CO-26-4901', service: 'DHL Express Worldwide', weightKg: 0.541, tracking: 'JD0146000038', to: { name: 'Kifaru Boutique', lines: ['Torstraße 140', '10119 Berlin'], country: 'DE' }, box: 1, boxes: 1 });
    expect(data('customs-declaration')).toMatchObject({
      currency: 'EUR',
      recipientCountry: 'DE',
      lines: [
        { hsCode: '711719', quantity: 6, netWeightKg: 0.228, valueMinor: 20400, origin: 'KE' },
        { hsCode: '711719', quantity: 10, netWeightKg: 0.062, valueMinor: 12500, origin: 'KE' },
      ],
    });
    expect(data('packing-slip')).toMatchObject({ box: 1, packedBy: 'Mwangi Njoroge', lines: [{ designSku: 'BR-CUF-001', quantity: 6 }, { designSku: 'BR-EAR-002', quantity: 10 }] });
    // What the label layer prints from them: the tracking number as the label's barcode, the order on it.
    const label = decodeZpl(renderLabel('shipping-label', data('shipping-label'), { language: 'zpl', dpi: 203, widthMm: 101.6, heightMm: 152.4 }).bytes);
    expect(label.barcodes).toContainEqual({ type: 'code128', value: 'JD0146000038' });
    expect(label.texts.join(' ')).toContain('CO-26-4901');
    const customs = decodeZpl(renderLabel('customs-declaration', data('customs-declaration'), { language: 'zpl', dpi: 203, widthMm: 101.6, heightMm: 152.4 }).bytes);
    expect(customs.texts.join(' ')).toContain('711719');
    expect(() => renderLabel('packing-slip', data('packing-slip'), { language: 'escpos', dpi: 203, widthMm: 80 })).not.toThrow();
    // Shipping twice, or packing more into a shipped box, is refused.
    await refused(shipBox(packer, { boxId: box, service: 'DHL Express Worldwide', trackingNumber: 'JD0146000038', weighing: { grams: 540, method: 'scale' } }), 'packing.alreadyShipped');
    await refused(unpack(packer, { orderId: 'CO-26-4901', boxId: box, reason: 'late' }), 'packing.alreadyShipped');
    await refused(openBox(packer, 'CO-26-4901', 'small'), 'packing.orderShipped');
  });

  it('ships part of an order, then the rest in a second box', async () => {
    const first = await openBox(packer, 'CO-26-4901', 'small');
    await scanIntoBox(packer, { boxId: first, code: await lotIn('BIN-A01'), quantity: null });
    expect((await shipBox(packer, { boxId: first, service: 'DHL Express Worldwide', trackingNumber: 'JD0146000038', weighing: { grams: 350, method: 'hand' } })).orderStatus).toBe('partial');
    const second = await openBox(packer, 'CO-26-4901', 'small');
    await refused(scanIntoBox(packer, { boxId: second, code: await lotIn('BIN-A01'), quantity: 1 }), 'packing.notFinished');
    await scanIntoBox(packer, { boxId: second, code: await lotIn('BIN-A02'), quantity: null });
    await scanIntoBox(packer, { boxId: second, code: await lotIn('BIN-B01'), quantity: null });
    const view = await openOrder(store.db, 'CO-26-4901');
    expect(view.boxes.map((b) => [b.no, b.status, b.pieces])).toEqual([
      [1, 'shipped', 6],
      [2, 'open', 10],
    ]);
    expect(view.lines.map((l) => [l.shipped, l.packed, l.need])).toEqual([
      [6, 0, 0],
      [0, 10, 0],
    ]);
    const done = await shipBox(packer, { boxId: second, service: 'DHL Express Worldwide', trackingNumber: 'JD0146000039', weighing: { grams: 182, method: 'scale' } });
    expect(done.orderStatus).toBe('shipped');
  });

  it('un-packs an order before it ships, with a reason: the pieces go back to finished stock', async () => {
    const box = await openBox(packer, 'CO-26-4901', 'medium');
    await packAll4901(box);
    const before = await eventCount();
    await refused(unpack(packer, { orderId: 'CO-26-4901', boxId: null, reason: '  ' }), 'packing.reasonRequired');
    expect(await eventCount()).toBe(before);
    expect(await unpack(packer, { orderId: 'CO-26-4901', boxId: null, reason: 'Customer changed the order' })).toBe(16);
    expect(await lot(await lotIn('BIN-B01'))).toMatchObject({ finished: 10, packed: 0 });
    expect((await openOrder(store.db, 'CO-26-4901')).lines.map((l) => l.need)).toEqual([6, 10]);
    await refused(unpack(packer, { orderId: 'CO-26-4901', boxId: null, reason: 'again' }), 'packing.nothingPacked');
  });

  it("prints the carrier's own label as it came, with its tracking number", async () => {
    const box = await openBox(packer, 'CO-26-4903', 'mailer');
    await scanIntoBox(packer, { boxId: box, code: await lotIn('BIN-C02'), quantity: null });
    const shipped = await shipBox(packer, { boxId: box, service: 'DHL Express Worldwide', trackingNumber: null, weighing: { grams: 97, method: 'scale' } });
    expect(shipped.trackingNumber).toBe(demoCarrierTracking);
    const job = await store.db.selectFrom('print_jobs').select(['template', 'printer', 'data']).where('id', '=', shipped.jobs[0]!.jobId).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ template: 'carrier-label', printer: 'shipping' });
    expect(decodeZpl(renderLabel('carrier-label', JSON.parse(job.data), { language: 'zpl', dpi: 203, widthMm: 101.6, heightMm: 152.4 }).bytes).barcodes).toContainEqual({ type: 'code128', value: demoCarrierTracking });
    expect((await openOrder(store.db, 'CO-26-4903')).carrierLabel).toBeNull();
  });
});

describe('two stations packing the same pieces', () => {
  it('never counts them twice: the one the upstream ordered later is left out as a conflict', async () => {
    const cuffs = await lotIn('BIN-A01');
    // Everything so far is acknowledged by the upstream, in the order it was made.
    await store.db.updateTable('events').set({ upstream_seq: sql<number>`rowid` }).execute();
    const box = await openBox(packer, 'CO-26-4901', 'medium');
    await scanIntoBox(packer, { boxId: box, code: cuffs, quantity: null });
    // Meanwhile station K2 packed the same six cuffs, and the upstream ordered that first.
    const k2 = { userId: 'u-k2', station: 'K2', now: () => new Date() };
    await store.db.transaction().execute(async (trx) => {
      await record(trx, k2, boxOpened, { boxId: 'box-k2', orderId: 'CO-26-4901', boxType: 'small' });
      const pulled = [
        { type: piecesPacked.type, payload: { boxId: 'box-k2', orderId: 'CO-26-4901', lineNo: 1, lotId: cuffs, quantity: 6, via: 'label' } },
        { type: lotMoved.type, payload: { lotId: cuffs, from: 'finished', to: 'packed', quantity: 6, reason: null } },
      ];
      for (const [i, e] of pulled.entries())
        await trx
          .insertInto('events')
          .values({ id: uuidv7(), station: 'K2', seq: i + 2, type: e.type, lot_id: cuffs, payload: JSON.stringify(e.payload), user_id: 'u-k2', at: new Date().toISOString(), upstream_seq: 1_000_000 + i, local: 0 })
          .execute();
      await trx.updateTable('events').set({ local: 0, upstream_seq: 999_999 }).where('station', '=', 'K2').where('seq', '=', 1).execute();
      // This station's pack moves its pieces itself: one fact left out, the pieces with it.
      const misfits = await rebuildScope(trx, { kind: 'lot', key: cuffs }, 'R1');
      expect(misfits.map((m) => m.error.code)).toEqual(['lot.notEnough']);
    });
    expect(await lot(cuffs)).toMatchObject({ finished: 0, packed: 6 });
    expect(await store.db.selectFrom('packed_items').select(['box_id', 'quantity']).execute()).toEqual([{ box_id: 'box-k2', quantity: 6 }]);
  });
});

describe('hq simulate at the packing table', () => {
  it('puts lots away, packs and ships orders, and every piece in a box is a piece the lot holds', async () => {
    const random = seededRandom(7);
    let done = 0;
    for (let i = 0; i < 60; i++) if (await simulatePacking(packer, random)) done++;
    expect(done).toBeGreaterThan(20);
    const shipped = await store.db.selectFrom('boxes').select('id').where('status', '=', 'shipped').execute();
    expect(shipped.length).toBeGreaterThan(2);
    const inBoxes = await store.db
      .selectFrom('packed_items as p')
      .innerJoin('boxes as b', 'b.id', 'p.box_id')
      .innerJoin('lots as l', 'l.id', 'p.lot_id')
      .select(['p.lot_id', 'b.status', 'l.packed', 'l.shipped'])
      .select((eb) => eb.fn.sum<number>('p.quantity').as('n'))
      .groupBy(['p.lot_id', 'b.status'])
      .execute();
    for (const row of inBoxes) expect(Number(row.n)).toBeLessThanOrEqual(row.status === 'open' ? row.packed : row.shipped);
  });
});
