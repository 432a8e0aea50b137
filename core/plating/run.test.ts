import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../db/store';
import { demoStoreFile } from '../testing/tempStore';
import { readBoard } from './boardView';
import { readLedger, recordWeighing } from './ledger';
import { replan } from './plan';
import { checkPlatedLot, finishBatch, logReading, printTraveller, readBatch, startBatch, unrefined } from './run';
import { finalCheck, readRefinement, recordStepDone } from './refinementService';
import { seededRandom } from '../demo/random';
import { simulatePlating } from './simulate';
import { personAt, storeFacts } from './testing';

// The operator's run of a batch, the ledger it feeds, and refinement, on a real demo store.

let store: Store;
let at: Date;
beforeEach(async () => {
  store = await openStore(await demoStoreFile());
  at = new Date();
});
afterEach(() => store.close());
const now = () => at;

async function plannedBatch() {
  const akinyi = await personAt(store.db, 'akinyi', now);
  await replan(akinyi, (await readBoard(store.db, now())).version, 200);
  const board = await readBoard(store.db, now());
  return board.batches.find((b) => b.state === 'planned')!;
}

const lotCounts = (lotId: string) => store.db.selectFrom('lots').select(['refining', 'plating', 'finished', 'rework']).where('id', '=', lotId).executeTakeFirstOrThrow();

describe('running a batch on the line', () => {
  it('start, bath and XRF readings, finish with the gold used, check: pieces go refining → plating → finished or rework', async () => {
    const batch = await plannedBatch();
    const kiprop = await personAt(store.db, 'kiprop', now);
    const lot = batch.items[0]!;
    const before = await lotCounts(lot.lotId);
    await startBatch(kiprop, batch.id);
    expect(await lotCounts(lot.lotId)).toMatchObject({ refining: before.refining - lot.pieces, plating: before.plating + lot.pieces });
    await logReading(kiprop, batch.id, { kind: 'bath', temperatureC: 55, currentA: 14.2, minutes: 6, sample: null, thicknessUm: null });
    await logReading(kiprop, batch.id, { kind: 'xrf', temperatureC: null, currentA: null, minutes: null, sample: 3, thicknessUm: 0.98 });
    await finishBatch(kiprop, batch.id, batch.expectedMetalG * 1.05);
    const detail = await readBatch(store.db, batch.id);
    expect(detail).toMatchObject({ state: 'done', readings: [{ kind: 'bath', temperatureC: 55, currentA: 14.2, minutes: 6 }, { kind: 'xrf', sample: 3, thicknessUm: 0.98 }] });
    expect(detail.metalUsedG).toBeCloseTo(batch.expectedMetalG * 1.05, 6);

    const rework = Math.min(2, lot.pieces - 1);
    await checkPlatedLot(kiprop, batch.id, { lotId: lot.lotId, passed: lot.pieces - rework, rework: 0, thicknessOk: true, adhesionOk: true, colourOk: true });
    if (rework > 0) await checkPlatedLot(kiprop, batch.id, { lotId: lot.lotId, passed: 0, rework, thicknessOk: true, adhesionOk: false, colourOk: true });
    expect(await lotCounts(lot.lotId)).toMatchObject({ plating: before.plating, finished: before.finished + lot.pieces - rework, rework: before.rework + rework });
  });

  it('refuses a second start, a finish before the start, readings out of range and a check before the finish, changing nothing', async () => {
    const batch = await plannedBatch();
    const kiprop = await personAt(store.db, 'kiprop', now);
    await expect(finishBatch(kiprop, batch.id, 1)).rejects.toMatchObject({ code: 'plating.notRunning' });
    await expect(logReading(kiprop, batch.id, { kind: 'bath', temperatureC: 55, currentA: 10, minutes: 5, sample: null, thicknessUm: null })).rejects.toMatchObject({ code: 'plating.notRunning' });
    await startBatch(kiprop, batch.id);
    const before = await storeFacts(store.db);
    await expect(startBatch(kiprop, batch.id)).rejects.toMatchObject({ code: 'plating.alreadyStarted' });
    await expect(logReading(kiprop, batch.id, { kind: 'bath', temperatureC: 550, currentA: 10, minutes: 5, sample: null, thicknessUm: null })).rejects.toMatchObject({
      code: 'plating.temperatureOutOfRange',
      params: { value: 550, min: 15, max: 90 },
    });
    await expect(logReading(kiprop, batch.id, { kind: 'xrf', temperatureC: null, currentA: null, minutes: null, sample: 1, thicknessUm: 40 })).rejects.toMatchObject({ code: 'plating.thicknessOutOfRange' });
    await expect(logReading(kiprop, batch.id, { kind: 'xrf', temperatureC: null, currentA: null, minutes: null, sample: 99_999, thicknessUm: 1 })).rejects.toMatchObject({ code: 'plating.sampleOutOfRange' });
    await expect(checkPlatedLot(kiprop, batch.id, { lotId: batch.items[0]!.lotId, passed: 1, rework: 0, thicknessOk: true, adhesionOk: true, colourOk: true })).rejects.toMatchObject({ code: 'plating.notFinished' });
    expect(await storeFacts(store.db)).toEqual(before);
    await finishBatch(kiprop, batch.id, batch.expectedMetalG);
    const lot = batch.items[0]!;
    await expect(checkPlatedLot(kiprop, batch.id, { lotId: lot.lotId, passed: lot.pieces + 1, rework: 0, thicknessOk: true, adhesionOk: true, colourOk: true })).rejects.toMatchObject({ code: 'plating.checkCount' });
    await expect(checkPlatedLot(kiprop, batch.id, { lotId: lot.lotId, passed: 1, rework: 0, thicknessOk: false, adhesionOk: true, colourOk: true })).rejects.toMatchObject({ code: 'plating.checkFailedCannotPass' });
  });

  it('refuses to start a batch whose lots are not through refinement, and starts it once they are', async () => {
    await plannedBatch();
    const kiprop = await personAt(store.db, 'kiprop', now);
    const planned = await store.db.selectFrom('plating_batches').select('id').where('state', '=', 'planned').orderBy('start_at').execute();
    let waiting: { batchId: string; lotId: string; step: string } | null = null;
    for (const b of planned) {
      const missing = await unrefined(store.db, b.id);
      if (missing) {
        waiting = { batchId: b.id, ...missing };
        break;
      }
    }
    expect(waiting).not.toBeNull();
    const before = await storeFacts(store.db);
    await expect(startBatch(kiprop, waiting!.batchId)).rejects.toMatchObject({ code: 'plating.notRefined', params: { lot: waiting!.lotId, step: waiting!.step } });
    expect(await storeFacts(store.db)).toEqual(before);
    // Refinement done for every lot of the batch: it starts.
    for (let missing = await unrefined(store.db, waiting!.batchId); missing; missing = await unrefined(store.db, waiting!.batchId)) {
      const lot = await lotCounts(missing.lotId);
      const done = (await readRefinement(store.db, now())).lots.find((l) => l.lotId === missing!.lotId)!.steps.find((s) => s.step === missing!.step)!.done;
      await recordStepDone(kiprop, missing.lotId, missing.step, lot.refining - done);
    }
    await startBatch(kiprop, waiting!.batchId);
    expect((await readBatch(store.db, waiting!.batchId)).state).toBe('running');
  });

  it('prints a traveller on the receipt printer: the rack sheet with lots, counts, recipe and planned times', async () => {
    const batch = await plannedBatch();
    const akinyi = await personAt(store.db, 'akinyi', now);
    const { jobId } = await printTraveller(akinyi, batch.id);
    const job = await store.db.selectFrom('print_jobs').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ template: 'plating-traveller', printer: 'receipt' });
    const data = JSON.parse(job.data);
    expect(data).toMatchObject({ batchId: batch.id, barcode: batch.id, line: batch.lineId, finish: batch.finish, plannedStart: batch.startAt, plannedEnd: batch.endAt });
    expect(data.lots).toEqual(batch.items.map((i) => expect.objectContaining({ lotId: i.lotId, pieces: i.pieces })));
    expect(data.recipe).toMatchObject({ finish: batch.finish });
  });
});

describe('the metal ledger', () => {
  it('flags a refinement loss above the norm and gold used beyond Faraday, per step, line and artisan', async () => {
    const batch = await plannedBatch();
    const kiprop = await personAt(store.db, 'kiprop', now);
    const lot = await store.db.selectFrom('lots').innerJoin('designs', 'designs.sku', 'lots.design_sku').select(['lots.id', 'lots.refining', 'lots.artisan_id', 'designs.unit_weight_g']).where('lots.refining', '>', 0).orderBy('lots.id').executeTakeFirstOrThrow();
    const grams = lot.refining * lot.unit_weight_g;
    await recordWeighing(kiprop, { lotId: lot.id, batchId: null, step: 'refining', direction: 'in', pieces: lot.refining, grams });
    await recordWeighing(kiprop, { lotId: lot.id, batchId: null, step: 'refining', direction: 'out', pieces: lot.refining, grams: grams * 0.95 });
    await startBatch(kiprop, batch.id);
    await finishBatch(kiprop, batch.id, batch.expectedMetalG * 1.25);
    const ledger = await readLedger(store.db, new Date(at.getTime() - 60_000).toISOString());
    const refining = ledger.rows.find((r) => r.step === 'refining' && r.lotId === lot.id)!;
    expect(refining).toMatchObject({ lossPct: 5, normPct: 2, flagged: true, artisanId: lot.artisan_id });
    const gold = ledger.rows.find((r) => r.step === 'gold' && r.batchId === batch.id)!;
    expect(gold).toMatchObject({ lossPct: 25, normPct: 10, flagged: true, lineId: batch.lineId });
    expect(ledger.totals.find((t) => t.by === 'artisan' && t.key === lot.artisan_id)).toMatchObject({ flagged: true });
    expect(ledger.totals.find((t) => t.by === 'line' && t.key === batch.lineId)).toMatchObject({ flagged: true });
  });

  it('refuses a weighing that cannot be right, changing nothing', async () => {
    const kiprop = await personAt(store.db, 'kiprop', now);
    const lot = await store.db.selectFrom('lots').innerJoin('designs', 'designs.sku', 'lots.design_sku').select(['lots.id', 'lots.refining', 'designs.unit_weight_g']).where('lots.refining', '>', 0).executeTakeFirstOrThrow();
    const before = await storeFacts(store.db);
    await expect(recordWeighing(kiprop, { lotId: lot.id, batchId: null, step: 'refining', direction: 'in', pieces: lot.refining, grams: lot.refining * lot.unit_weight_g * 10 })).rejects.toMatchObject({ code: 'plating.weighAbsurd' });
    expect(await storeFacts(store.db)).toEqual(before);
  });
});

describe('refinement', () => {
  it('queues lots per station in due-date order, counts steps done, and sends an unplated lot to finished stock after its final check', async () => {
    const kiprop = await personAt(store.db, 'kiprop', now);
    const view = await readRefinement(store.db, now());
    const tumbler = view.stations.find((s) => s.step === 'tumble')!;
    expect(tumbler.queue.every((q) => q.pieces <= tumbler.capacityPieces)).toBe(true);
    const open = view.lots.find((l) => !l.refined)!;
    const step = open.steps.find((s) => s.done < open.pieces)!;
    await recordStepDone(kiprop, open.lotId, step.step, open.pieces - step.done);
    await expect(recordStepDone(kiprop, open.lotId, step.step, 1)).rejects.toMatchObject({ code: 'refinement.tooMany' });
    const unplated = (await readRefinement(store.db, now())).lots.find((l) => !l.plated)!;
    const plated = view.lots.find((l) => l.plated)!;
    await expect(finalCheck(kiprop, plated.lotId, 1, 0)).rejects.toMatchObject({ code: 'refinement.goesToPlating' });
    const before = await lotCounts(unplated.lotId);
    await finalCheck(kiprop, unplated.lotId, unplated.pieces, 0);
    expect(await lotCounts(unplated.lotId)).toMatchObject({ refining: 0, finished: before.finished + unplated.pieces });
  });
});

describe('hq simulate', () => {
  it('runs batches through the day: starts, readings, finishes and checks, every lot balanced', async () => {
    const random = seededRandom(11);
    const kiprop = await personAt(store.db, 'kiprop', now);
    for (let i = 0; i < 40; i++) expect(await simulatePlating(kiprop, random)).toBe(true);
    const done = await store.db.selectFrom('plating_batches').select(['id']).where('state', '=', 'done').execute();
    expect(done.length).toBeGreaterThan(3);
    const checked = await store.db.selectFrom('events').select('id').where('type', '=', 'plating.lotChecked').execute();
    expect(checked.length).toBeGreaterThan(3);
  });
});
