import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../app/app';
import { demoStoreFile } from '../testing/tempStore';

// A client that skips the screens (a script on the station server's port, a changed renderer)
// sends figures raw. Every procedure that stores a typed figure refuses what its field would
// have refused: NaN, an infinity, a negative count, an absurd weight. The refusal names the field,
// and nothing is stored. The limits below are written out by hand, not read from the code.

let app: App | undefined;
// The demo's template store is seeded once for the file; on a busy machine that takes a while.
beforeAll(() => demoStoreFile(), 180_000);
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const call = (name: string, input: unknown, token: string) => app!.call({ name, input, token });

async function login(username: string, pin: string): Promise<string> {
  const result = await app!.call({ name: 'session.login', input: { username, pin }, token: null });
  if (!result.ok) throw new Error(`${username} cannot log in`);
  return (result.data as { token: string }).token;
}

const eventCount = async () => (await app!.store.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

async function refusesNaming(name: string, input: unknown, token: string, field: string): Promise<void> {
  const result = await call(name, input, token);
  expect(result, `${name} ${field}`).toMatchObject({ ok: false, error: { code: 'api.invalidInput', params: { field } } });
}

const receipt = {
  deliveryCode: 'DN-26-000101',
  lineNo: 1,
  artisanOrderId: null,
  designSku: 'X',
  finish: 'raw-brass',
  quantity: 10,
  weighing: { method: 'hand', scaleId: null, grossG: 267.3, tareG: 0, raw: null },
  count: { method: 'weight', unitWeightG: 26.7, sampleSize: null },
  variance: null,
};
const check = { batchId: 'PB-1', lotId: 'L-26-R1-000001', passed: 18, rework: 10, thicknessOk: true, adhesionOk: true, colourOk: true };
const printer = { job: 'label', deviceId: 'dev-1', language: 'zpl', dpi: 203, widthMm: 50, heightMm: 25, offsetXMm: 0, offsetYMm: 0, darkness: 15 };

describe('figures sent raw to the core are refused by their field, and nothing is stored', () => {
  async function station(username: string, pin: string): Promise<{ token: string; before: number }> {
    app = await createApp(await demoStoreFile(), { devicePollMs: 0 });
    return { token: await login(username, pin), before: await eventCount() };
  }

  it('receiving: a weight that is NaN, an infinity, negative, nothing or 200 kg; a count that is not a whole number of a lot', async () => {
    const { token: clerk, before } = await station('wanjiru', '1111');
    const weighing = (patch: object) => ({ ...receipt, weighing: { ...receipt.weighing, ...patch } });
    for (const grossG of [Number.NaN, Number.POSITIVE_INFINITY, -50, 0, 200_000]) await refusesNaming('receiving.receive', weighing({ grossG }), clerk, 'grossG');
    await refusesNaming('receiving.receive', weighing({ tareG: -1 }), clerk, 'tareG');
    await refusesNaming('receiving.receive', { ...receipt, count: { ...receipt.count, unitWeightG: 9_000 } }, clerk, 'unitWeightG');
    await refusesNaming('receiving.receive', { ...receipt, count: { method: 'sample', unitWeightG: 2.4, sampleSize: 5_000 } }, clerk, 'sampleSize');
    for (const quantity of [Number.NaN, -5, 0, 2.5, 1_000_000]) await refusesNaming('receiving.receive', { ...receipt, quantity }, clerk, 'quantity');
    expect(await eventCount()).toBe(before);
  });

  it('plating: counts that are negative, fractions or beyond any lot; weights and readings out of their range', async () => {
    const { token: operator, before } = await station('kiprop', '4444');
    for (const passed of [Number.NaN, -1, 1.5, 1_000_000]) await refusesNaming('plating.checkLot', { ...check, passed }, operator, 'passed');
    await refusesNaming('plating.checkLot', { ...check, rework: 200_000 }, operator, 'rework');
    await refusesNaming('plating.finalCheck', { lotId: 'L-26-R1-000001', passed: 1_000_000, rework: 0 }, operator, 'passed');
    await refusesNaming('plating.weigh', { lotId: 'L-26-R1-000001', batchId: null, step: 'plating', direction: 'in', pieces: 10, grams: 60_000 }, operator, 'grams');
    await refusesNaming('plating.weigh', { lotId: 'L-26-R1-000001', batchId: null, step: 'plating', direction: 'in', pieces: 1_000_000, grams: 60 }, operator, 'pieces');
    await refusesNaming('plating.stepDone', { lotId: 'L-26-R1-000001', step: 'polish', pieces: 1_000_000 }, operator, 'pieces');
    const reading = { kind: 'bath', temperatureC: null, currentA: null, minutes: null, sample: null, thicknessUm: null };
    await refusesNaming('plating.logReading', { batchId: 'PB-1', reading: { ...reading, temperatureC: Number.NaN } }, operator, 'temperatureC');
    await refusesNaming('plating.logReading', { batchId: 'PB-1', reading: { ...reading, currentA: -3 } }, operator, 'currentA');
    await refusesNaming('plating.logReading', { batchId: 'PB-1', reading: { ...reading, kind: 'xrf', sample: 0, thicknessUm: 1 } }, operator, 'sample');
    await refusesNaming('plating.logReading', { batchId: 'PB-1', reading: { ...reading, kind: 'xrf', sample: 1, thicknessUm: 900 } }, operator, 'thicknessUm');
    expect(await eventCount()).toBe(before);
  });

  it('printers: a darkness outside 0 to 30 or not whole; a width that is NaN, an infinity, under 1 mm or over 300 mm', async () => {
    const { token: admin, before } = await station('grace', '9999');
    for (const darkness of [Number.NaN, -1, 31, 2.5]) await refusesNaming('printers.save', { ...printer, darkness }, admin, 'darkness');
    for (const widthMm of [Number.NaN, Number.POSITIVE_INFINITY, 0.5, 301]) await refusesNaming('printers.save', { ...printer, widthMm }, admin, 'widthMm');
    await refusesNaming('printers.save', { ...printer, offsetXMm: Number.NaN }, admin, 'offsetXMm');
    expect(await eventCount()).toBe(before);
  });

  it('QC and packing: a piece number under 1; a piece weighing 6 kg or nothing; a length of 3 m; a box weight of 60 kg or NaN; a box type of 15 kg or with no tolerance', async () => {
    const { token: admin, before } = await station('grace', '9999');
    for (const piece of [Number.NaN, -1, 0]) await refusesNaming('qc.logDefect', { lotId: 'L-26-R1-000001', piece, code: 'porosity' }, admin, 'piece');
    await refusesNaming('qc.measure', { lotId: 'L-26-R1-000001', piece: -2, measure: 'weight', value: 9.9 }, admin, 'piece');
    const measured = { lotId: 'L-26-R1-000001', piece: 1, measure: 'weight', value: 9.9 };
    for (const value of [Number.NaN, 0, -9.9, 6_000]) await refusesNaming('qc.measure', { ...measured, value }, admin, 'value');
    await refusesNaming('qc.measure', { ...measured, measure: 'length', value: 3_000 }, admin, 'value');
    await refusesNaming('packing.checkWeight', { boxId: 'BOX-1', grams: 60_000 }, admin, 'grams');
    await refusesNaming('packing.checkWeight', { boxId: 'BOX-1', grams: Number.NaN }, admin, 'grams');
    // A box type: its packaging up to 10 kg, its tolerance at least 0.1 g (0 would refuse every box).
    const boxType = { code: 'big', name: 'Big box', packagingG: 400, toleranceG: 20 };
    await refusesNaming('packing.setBoxType', { ...boxType, packagingG: 15_000 }, admin, 'packagingG');
    await refusesNaming('packing.setBoxType', { ...boxType, toleranceG: 0 }, admin, 'toleranceG');
    expect(await eventCount()).toBe(before);
  });
});
