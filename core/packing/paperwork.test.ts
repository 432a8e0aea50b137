import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../kernel/errors';
import type { Role } from '../api/roles';
import { Bus } from '../app/bus';
import { createContext, type Ctx } from '../app/context';
import { openStore, type Store } from '../db/store';
import { renderLabel } from '../labels';
import { pieceTagCode } from '../labels/barcodes';
import { decodeEscpos } from '../labels/decode/escpos';
import { decodeZpl } from '../labels/decode/zpl';
import { moveLot, receiveLot } from '../lots/service';
import { resolveScan } from '../scan/resolve';
import { demoStoreFile } from '../testing/tempStore';
import { piecesPacked } from './events';
import { openOrder } from './order';
import { openBox, reprintPaperwork, scanIntoBox, setGs1Prefix, shipBox } from './service';
import { boxSscc, stationNumber } from './sscc';

// The packing table's guards and paperwork on a real demo store (station R1): CO-26-4901 wants 6
// gold cuffs (BR-CUF-001, 38 g) and 10 gold earrings (BR-EAR-002, 6.2 g), to Berlin.

let store: Store;
let packer: Ctx;
let supervisor: Ctx;
let admin: Ctx;

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
  admin = await as('grace', ['admin']);
});
afterEach(() => store.close());

const lotIn = async (bin: string) => (await store.db.selectFrom('lot_bins').select('lot_id').where('bin', '=', bin).executeTakeFirstOrThrow()).lot_id;
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
const boxOf = async (boxId: string) => (await openOrder(store.db, 'CO-26-4901')).boxes.find((b) => b.id === boxId)!;
const jobData = async (jobs: { jobId: string; template: string }[], template: string) =>
  JSON.parse((await store.db.selectFrom('print_jobs').select('data').where('id', '=', jobs.find((j) => j.template === template)!.jobId).executeTakeFirstOrThrow()).data) as Record<string, unknown>;
const label = (data: Record<string, unknown>) => decodeZpl(renderLabel('shipping-label', data, { language: 'zpl', dpi: 203, widthMm: 101.6, heightMm: 152.4 }).bytes);
const slip = (data: Record<string, unknown>) => decodeEscpos(renderLabel('packing-slip', data, { language: 'escpos', dpi: 203, widthMm: 80 }).bytes);

async function fullBox(): Promise<string> {
  const box = await openBox(packer, 'CO-26-4901', 'medium');
  for (const bin of ['BIN-A01', 'BIN-A02', 'BIN-B01']) await scanIntoBox(packer, { boxId: box, code: await lotIn(bin), quantity: null });
  return box;
}

describe('a box outside its weight tolerance', () => {
  // 6 x 38 g + 10 x 6.2 g + a medium box's 250 g = 540 g; 25 g + 4 % and 5 % of the pieces = ± 37.2 g.
  const ship = (ctx: Ctx, boxId: string, grams: number, override: { reason: string } | null = null) =>
    shipBox(ctx, { boxId, service: 'DHL Express Worldwide', trackingNumber: 'JD0146000038', weighing: { grams, method: 'scale' }, override });

  it('does not ship, says by how much and what to do, and changes nothing; weighed again within it, it ships', async () => {
    const box = await fullBox();
    const before = await eventCount();
    const error = await refused(ship(packer, box, 2000), 'packing.weightNeedsOverride');
    expect(error.params).toEqual({ grams: 2000, expected: 540, tolerance: 37.2, difference: '+1460' });
    await refused(ship(packer, box, 577.3), 'packing.weightNeedsOverride');
    await refused(ship(packer, box, 502.7), 'packing.weightNeedsOverride');
    // Only a supervisor overrides, and only with a reason of 5 characters or more.
    await refused(ship(packer, box, 2000, { reason: 'The customer asked for padding' }), 'packing.overrideNotAllowed');
    await refused(ship(supervisor, box, 2000, { reason: ' ok  ' }), 'packing.overrideReasonShort');
    expect(await eventCount()).toBe(before);
    expect(await boxOf(box)).toMatchObject({ status: 'open', override: null });

    expect(await ship(packer, box, 577.2)).toMatchObject({ orderStatus: 'shipped' });
    expect(await boxOf(box)).toMatchObject({ status: 'shipped', weightG: 577.2, override: null });
  });

  it("ships with a supervisor's override, which the box keeps with who and why", async () => {
    const box = await fullBox();
    await ship(supervisor, box, 2000, { reason: '  Gift boxes added at the customer’s request ' });
    expect(await boxOf(box)).toMatchObject({ status: 'shipped', weightG: 2000, override: { reason: 'Gift boxes added at the customer’s request', by: 'Halima Hassan' } });
    const fact = await store.db.selectFrom('events').select(['payload', 'user_id']).where('type', '=', 'packing.weightOverridden').executeTakeFirstOrThrow();
    expect({ ...JSON.parse(fact.payload), by: fact.user_id }).toEqual({
      boxId: box,
      orderId: 'CO-26-4901',
      weightG: 2000,
      expectedG: 540,
      toleranceG: 37.2,
      reason: 'Gift boxes added at the customer’s request',
      by: supervisor.user().id,
    });
  });
});

describe('a piece of the right design in the wrong finish', () => {
  it('is refused at the box, as a lot label, a piece tag or a pack another station sent', async () => {
    // Polished cuffs: the order's line 1 wants BR-CUF-001 in gold-1.0.
    const desk = await as('halima', ['supervisor']);
    const artisan = await store.db.selectFrom('artisans').select('id').orderBy('id').executeTakeFirstOrThrow();
    const polished = await receiveLot(desk, { designSku: 'BR-CUF-001', artisanId: artisan.id, finish: 'polished', deliveryCode: null, quantity: 5, weightG: null, state: 'in_qc' });
    await moveLot(desk, { lotId: polished, from: 'in_qc', to: 'refining', quantity: 5, reason: null });
    await moveLot(desk, { lotId: polished, from: 'refining', to: 'finished', quantity: 5, reason: null });
    const box = await openBox(packer, 'CO-26-4901', 'medium');
    const before = await eventCount();
    const wrong = { lot: polished, design: 'BR-CUF-001', finish: 'polished', order: 'CO-26-4901' };
    expect((await refused(scanIntoBox(packer, { boxId: box, code: polished, quantity: null }), 'packing.wrongItem')).params).toEqual(wrong);
    await refused(scanIntoBox(packer, { boxId: box, code: pieceTagCode(polished, 'BR-CUF-001', 'polished'), quantity: null }), 'packing.wrongItem');
    await refused(scanIntoBox(packer, { boxId: box, code: polished, quantity: 2 }), 'packing.wrongItem');
    await refused(packer.write(({ record }) => record(piecesPacked, { boxId: box, orderId: 'CO-26-4901', lineNo: 1, lotId: polished, quantity: 1, via: 'label', moves: true })), 'packing.wrongItem');
    expect(await eventCount()).toBe(before);
    expect(await store.db.selectFrom('lots').select(['finished', 'packed']).where('id', '=', polished).executeTakeFirstOrThrow()).toEqual({ finished: 5, packed: 0 });
  });
});

describe('a partial shipment', () => {
  it('says "box k" until the order has shipped in full, then "box k of n", on reprints too', async () => {
    const first = await openBox(packer, 'CO-26-4901', 'small');
    await scanIntoBox(packer, { boxId: first, code: await lotIn('BIN-A01'), quantity: null });
    // 6 x 38 g + a small box of 120 g; later the 10 earrings, 10 x 6.2 g + 120 g.
    const one = await shipBox(packer, { boxId: first, service: 'DHL Express Worldwide', trackingNumber: 'JD0146000038', weighing: { grams: 348, method: 'hand' } });
    expect(one.orderStatus).toBe('partial');
    const [firstLabel, firstSlip] = [await jobData(one.jobs, 'shipping-label'), await jobData(one.jobs, 'packing-slip')];
    expect(label(firstLabel).texts).toContain('Weight 0.35 kg, order CO-26-4901, box 1');
    expect(slip(firstSlip).texts.join('\n')).toContain('Order CO-26-4901, box 1\n');

    const second = await openBox(packer, 'CO-26-4901', 'small');
    for (const bin of ['BIN-A02', 'BIN-B01']) await scanIntoBox(packer, { boxId: second, code: await lotIn(bin), quantity: null });
    const two = await shipBox(packer, { boxId: second, service: 'DHL Express Worldwide', trackingNumber: 'JD0146000039', weighing: { grams: 182, method: 'scale' } });
    expect(two.orderStatus).toBe('shipped');
    expect(label(await jobData(two.jobs, 'shipping-label')).texts).toContain('Weight 0.18 kg, order CO-26-4901, box 2 of 2');
    expect(slip(await jobData(two.jobs, 'packing-slip')).texts).toContain('Order CO-26-4901, box 2 of 2');

    const again = await reprintPaperwork(packer, first);
    expect(again.jobs.map((j) => j.template)).toEqual(['shipping-label', 'packing-slip']);
    expect(label(await jobData(again.jobs, 'shipping-label')).texts).toContain('Weight 0.35 kg, order CO-26-4901, box 1 of 2');
    expect(slip(await jobData(again.jobs, 'packing-slip')).texts).toContain('Order CO-26-4901, box 1 of 2');
  });
});

/** The check digit as GS1 defines it: weights 3 and 1 from the right, up to the next multiple of ten. */
const withCheckDigit = (body: string) => {
  const sum = [...body].reverse().reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 3 : 1), 0);
  return body + String(Math.ceil(sum / 10) * 10 - sum);
};

describe("a box's SSCC", () => {
  it('comes from the company prefix (an admin sets 7 to 10 digits), this station and its serial; printed as GS1-128 with its (00) line', async () => {
    const before = await eventCount();
    for (const bad of ['616400', '61640041234', '61640O4', '6164 004', ''])
      expect((await refused(setGs1Prefix(admin, bad), 'packing.badGs1Prefix')).params).toEqual({ prefix: bad.trim() });
    expect(await eventCount()).toBe(before);
    await setGs1Prefix(admin, ' 6164004 ');
    const shipped = await shipBox(packer, { boxId: await fullBox(), service: 'DHL Express Worldwide', trackingNumber: 'JD0146000038', weighing: { grams: 540, method: 'scale' } });
    // Extension 0, prefix 6164004, station R1 (R is letter 17: 17 x 37 + 2 = 631), this station's first box.
    const sscc = withCheckDigit('0' + '6164004' + '631' + '000001');
    for (const printed of [label(await jobData(shipped.jobs, 'shipping-label')), slip(await jobData(shipped.jobs, 'packing-slip'))]) {
      expect(printed.barcodes).toContainEqual({ type: 'gs1-128', value: `(00)${sscc}` });
      expect(printed.texts).toContain(`(00) ${sscc}`);
    }
    const next = await openBox(packer, 'CO-26-4902', 'small');
    await scanIntoBox(packer, { boxId: next, code: await lotIn('BIN-C01'), quantity: null });
    const { expectedG } = (await openOrder(store.db, 'CO-26-4902')).boxes[0]!;
    const second = await shipBox(packer, { boxId: next, service: 'G4S Courier', trackingNumber: 'G4S000123', weighing: { grams: expectedG, method: 'scale' } });
    expect(await jobData(second.jobs, 'packing-slip')).toMatchObject({ sscc: withCheckDigit('0' + '6164004' + '631' + '000002') });
  });

  it('scanned, as the scanner sends it or in brackets, leads to its order; a wrong check digit or an SSCC of no box is refused by name', async () => {
    await setGs1Prefix(admin, '6164004');
    await shipBox(packer, { boxId: await fullBox(), service: 'DHL Express Worldwide', trackingNumber: 'JD0146000038', weighing: { grams: 540, method: 'scale' } });
    const sscc = withCheckDigit('06164004631000001');
    expect(await resolveScan(store.db, `]C100${sscc}\r\n`)).toEqual({ kind: 'order', orderId: 'CO-26-4901' });
    expect((await openOrder(store.db, `(00)${sscc}`)).order.id).toBe('CO-26-4901');
    const wrongCheck = sscc.slice(0, 17) + String((Number(sscc[17]) + 1) % 10);
    await refused(resolveScan(store.db, `]C100${wrongCheck}`), 'labels.badCheckDigit');
    await refused(openOrder(store.db, `(00)${withCheckDigit('06164004631000099')}`), 'packing.ssccNotFound');
  });

  it('is never the same for two stations: every station code of one or two characters has its own number', () => {
    const codes = ['ABCDEFGHIJKLMNOPQRSTUVWXYZ'].flatMap((letters) => [...letters].flatMap((first) => [first, ...[...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((second) => first + second)]));
    expect(codes).toHaveLength(26 * 37);
    for (const prefix of ['6164004', '6164004123'])
      for (const serial of [1, 2, 999, 1000, 1001]) expect(new Set(codes.map((code) => boxSscc(prefix, code, serial))).size).toBe(codes.length);
    expect(new Set(codes.map(stationNumber)).size).toBe(codes.length);
    expect(Math.max(...codes.map((c) => stationNumber(c)!))).toBeLessThan(1000);
    // A 10-digit prefix leaves a station 3 digits and the extension digit: 10,000 boxes, then the numbers come round.
    expect(boxSscc('6164004123', 'K1', 999)).toBe(withCheckDigit('0' + '6164004123' + '372' + '999'));
    expect(boxSscc('6164004123', 'K1', 1000)).toBe(withCheckDigit('1' + '6164004123' + '372' + '000'));
    expect(boxSscc('6164004123', 'K1', 10_001)).toBe(boxSscc('6164004123', 'K1', 1));
    expect(boxSscc('6164004', 'KQ12', 1)).toBeNull();
  });
});
