import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../kernel/errors';
import { artisanPage } from '../receiving/artisanPage';
import { returnNote } from '../labels/templates/returnNote';
import { moveLot } from '../lots/service';
import { rebuildScope } from '../sync/scopes';
import { openInspection, photoOf } from './inspection';
import { artisanQuality, inspectionsCsv, qualityRanking } from './quality';
import { approveReducedInspection, decide, logDefect, logMeasurement, recordSort, removeEntry, restartInspection, takePhoto, type Decision } from './service';
import { eventCount, qcWorld, restGood, type QcWorld } from './testWorld';
import type { Ctx } from '../app/context';

// The QC bench on a real store: what the inspector sees, logs and decides, and what it refuses.

let world: QcWorld;
afterEach(() => world?.store.close());

async function refused(work: Promise<unknown>, code: string): Promise<AppError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

const lotOf = (lotId: string) => world.store.db.selectFrom('lots').selectAll().where('id', '=', lotId).executeTakeFirstOrThrow();

/** Every piece left marked good by the inspector, then the decision on the inspection as it stands. */
async function decideJudged(ctx: Ctx, d: Omit<Decision, 'inspectionId'>) {
  const view = await restGood(world.as('inspector'), d.lotId);
  return decide(ctx, { ...d, inspectionId: view.inspectionId });
}

/** Logs a defect on each piece given, as the inspector. */
async function defects(lotId: string, code: string, pieces: number[]) {
  for (const piece of pieces) await logDefect(world.as('inspector'), { lotId, piece, code });
  return openInspection(world.store.db, lotId);
}

describe('scanning a lot in QC', () => {
  it('shows each class its own plan from the standard, and the largest sample to pull', async () => {
    world = await qcWorld(0);
    const lotId = await world.receive(60);
    const view = await openInspection(world.store.db, lotId);
    // 60 pieces, level II: code letter E. Minors (AQL 4.0) are judged there, on 13 pieces; for majors
    // (AQL 2.5) the arrow leads down to F, 20 pieces: the inspector pulls 20.
    expect(view.plan).toMatchObject({ mode: 'normal', level: 'II', lotSize: 60, sampleSize: 20 });
    expect(view.plan.major).toMatchObject({ aql: 2.5, codeLetter: 'F', sampleSize: 20, accept: 1, reject: 2 });
    expect(view.plan.minor).toMatchObject({ aql: 4.0, codeLetter: 'E', sampleSize: 13, accept: 1, reject: 2 });
    expect(view.plan.critical).toMatchObject({ sampleSize: 20, accept: 0, reject: 1 });
    expect(view.design).toMatchObject({ checklist: ['Clasp opens and closes'], imageUrl: null, lengthMm: 42 });
    // Brass codes and those for every material; none of the horn's.
    expect(view.catalogue.map((c) => c.code)).toContain('porosity');
    expect(view.catalogue.map((c) => c.code)).toContain('sharp-burr');
    expect(view.catalogue.map((c) => c.code)).not.toContain('horn-crack');
    expect(view.inspectionId).toBeNull();
  });

  it('inspects a new artisan and design 100 % for the first lots (a setting), then by the plan', async () => {
    world = await qcWorld(1);
    const first = await world.receive(60);
    expect((await openInspection(world.store.db, first)).plan).toMatchObject({ mode: 'all', sampleSize: 60 });
    await decideJudged(world.as('inspector'), { lotId: first, verdict: 'accept', disposition: null, reason: null });
    const second = await world.receive(60);
    expect((await openInspection(world.store.db, second)).plan).toMatchObject({ mode: 'normal', sampleSize: 20 });
    // Another design of the same artisan is new again.
    const horn = await world.receive(60, 'A-1', 'HN-PEN-003');
    expect((await openInspection(world.store.db, horn)).plan.mode).toBe('all');
  });
});

describe('logging and deciding', () => {
  it('rejects on majors, returns the pieces with a return note, and the artisan is not paid for them', async () => {
    world = await qcWorld(0);
    const lotId = await world.receive(60);
    const view = await defects(lotId, 'porosity', [1, 2]);
    expect(view.judgement.major).toEqual({ nonconforming: 2, verdict: 'reject' });
    expect(view.judgement.computed).toBe('reject');
    const result = await decideJudged(world.as('inspector'), { lotId, verdict: 'reject', disposition: 'return', reason: null });
    expect(result).toMatchObject({ verdict: 'reject', disposition: 'return', quantity: 60 });
    expect(await lotOf(lotId)).toMatchObject({ in_qc: 0, returned: 60, qc_round: 1 });
    const note = await world.store.db.selectFrom('print_jobs').selectAll().where('id', '=', result.returnNoteJobId!).executeTakeFirstOrThrow();
    expect(note).toMatchObject({ template: 'return-note', printer: 'receipt', lot_id: lotId, state: 'queued' });
    // What the labels layer's return note prints, checked by its own template.
    const data = returnNote.schema.parse(JSON.parse(note.data));
    expect(data).toMatchObject({ artisan: 'Nyaboke Omari', clerk: 'Otieno Ouma', lines: [{ lotId, designSku: 'BR-EAR-002', quantity: 60, reason: 'Casting porosity x2' }] });
    const page = await artisanPage(world.store.db, 'A-1');
    expect(page.totals).toMatchObject({ returned: 60, accepted: 0, payableKes: 0 });
  });

  it('judges each class on the first pieces its own plan needs; one minor does not reject, a critical always does', async () => {
    world = await qcWorld(0);
    const lotId = await world.receive(60);
    let view = await defects(lotId, 'scratches', [3]);
    expect(view.judgement).toMatchObject({ computed: 'accept', minor: { nonconforming: 1, verdict: 'accept' } });
    // Two scratches on the same piece are one nonconforming piece.
    view = await defects(lotId, 'scratches', [3]);
    expect(view.judgement.minor.nonconforming).toBe(1);
    view = await defects(lotId, 'sharp-burr', [13]);
    expect(view.judgement).toMatchObject({ computed: 'reject', critical: { nonconforming: 1, verdict: 'reject' } });
  });

  it('accepts into refining, and refuses a second decision on the lot without moving anything', async () => {
    world = await qcWorld(0);
    const lotId = await world.receive(40);
    const view = await defects(lotId, 'scratches', [1]);
    await decideJudged(world.as('inspector'), { lotId, verdict: 'accept', disposition: null, reason: null });
    expect(await lotOf(lotId)).toMatchObject({ in_qc: 0, refining: 40 });
    const before = await eventCount(world.store.db);
    const error = await refused(decide(world.as('inspector'), { lotId, inspectionId: view.inspectionId, verdict: 'accept', disposition: null, reason: null }), 'qc.alreadyDecided');
    expect(error.params).toMatchObject({ lot: lotId, by: 'Otieno Ouma' });
    await refused(decide(world.as('supervisor'), { lotId, inspectionId: null, verdict: 'reject', disposition: 'return', reason: 'second look' }), 'qc.alreadyDecided');
    expect(await lotOf(lotId)).toMatchObject({ in_qc: 0, refining: 40, returned: 0 });
    expect(await eventCount(world.store.db)).toBe(before);
  });

  it('decides a reworked lot back in QC afresh, on a sample found good', async () => {
    world = await qcWorld(0);
    const lotId = await world.receive(40);
    await defects(lotId, 'scratches', [1, 2, 3, 4, 5, 6]);
    await decideJudged(world.as('inspector'), { lotId, verdict: 'reject', disposition: 'rework', reason: null });
    expect(await lotOf(lotId)).toMatchObject({ in_qc: 0, rework: 40 });
    await moveLot(world.as('inspector'), { lotId, from: 'rework', to: 'in_qc', quantity: 40, reason: 'reworked' });
    await decideJudged(world.as('inspector'), { lotId, verdict: 'accept', disposition: null, reason: null });
    expect(await lotOf(lotId)).toMatchObject({ in_qc: 0, rework: 0, refining: 40 });
  });

  it('lets only a supervisor override the plan, and only with a reason kept in the history', async () => {
    world = await qcWorld(0);
    const lotId = await world.receive(60);
    const view = await defects(lotId, 'porosity', [1, 2]);
    const before = await eventCount(world.store.db);
    await refused(decide(world.as('inspector'), { lotId, inspectionId: view.inspectionId, verdict: 'accept', disposition: null, reason: 'looks fine' }), 'qc.overrideNeedsSupervisor');
    await refused(decide(world.as('supervisor'), { lotId, inspectionId: view.inspectionId, verdict: 'accept', disposition: null, reason: '  ' }), 'qc.overrideReasonRequired');
    await refused(decide(world.as('inspector'), { lotId, inspectionId: view.inspectionId, verdict: 'reject', disposition: null, reason: null }), 'qc.dispositionRequired');
    expect(await eventCount(world.store.db)).toBe(before);
    await decideJudged(world.as('supervisor'), { lotId, verdict: 'accept', disposition: null, reason: 'Porosity inside the clasp, not visible; customer agreed' });
    expect(await lotOf(lotId)).toMatchObject({ refining: 60 });
    const quality = await artisanQuality(world.store.db, 'A-1');
    expect(quality.recent[0]).toMatchObject({ lotId, verdict: 'accept', overridden: true, overrideReason: 'Porosity inside the clasp, not visible; customer agreed' });
  });

  it('refuses defects on a lot not in QC, pieces beyond the plan, and codes not of its material, changing nothing', async () => {
    world = await qcWorld(0);
    const lotId = await world.receive(60);
    const before = await eventCount(world.store.db);
    await refused(logDefect(world.as('inspector'), { lotId, piece: 21, code: 'porosity' }), 'qc.pieceOutOfPlan');
    await refused(logDefect(world.as('inspector'), { lotId, piece: 0, code: 'porosity' }), 'qc.pieceOutOfPlan');
    await refused(logDefect(world.as('inspector'), { lotId, piece: 1, code: 'horn-crack' }), 'qc.unknownDefect');
    expect(await eventCount(world.store.db)).toBe(before);
    await decideJudged(world.as('inspector'), { lotId, verdict: 'accept', disposition: null, reason: null });
    const after = await eventCount(world.store.db);
    await refused(logDefect(world.as('inspector'), { lotId, piece: 1, code: 'porosity' }), 'qc.notInQc');
    await refused(logDefect(world.as('inspector'), { lotId: 'L-26-R1-999999', piece: 1, code: 'porosity' }), 'lot.notFound');
    expect(await eventCount(world.store.db)).toBe(after);
  });

  it('turns a reading outside the design tolerance into a major defect, one inside into a plain reading', async () => {
    world = await qcWorld(0);
    const lotId = await world.receive(60);
    let view = await logMeasurement(world.as('inspector'), { lotId, piece: 1, measure: 'weight', value: 6.4 });
    expect(view.entries[0]).toMatchObject({ measure: 'weight', value: 6.4, class: null });
    view = await logMeasurement(world.as('inspector'), { lotId, piece: 2, measure: 'weight', value: 7.0 });
    view = await logMeasurement(world.as('inspector'), { lotId, piece: 3, measure: 'length', value: 44 });
    expect(view.entries.slice(1)).toMatchObject([
      { piece: 2, code: 'weight-out', class: 'major' },
      { piece: 3, code: 'length-out', class: 'major' },
    ]);
    expect(view.judgement.major).toEqual({ nonconforming: 2, verdict: 'reject' });
    // Taken back: the judgement follows.
    view = await removeEntry(world.as('inspector'), { lotId, entryId: view.entries[2]!.id });
    expect(view.judgement.major.nonconforming).toBe(1);
    const horn = await world.receive(60, 'A-1', 'HN-PEN-003');
    await refused(logMeasurement(world.as('inspector'), { lotId: horn, piece: 1, measure: 'length', value: 30 }), 'qc.noLengthSpec');
  });

  it('keeps a webcam photo with the piece it shows, and refuses what is not a small JPEG', async () => {
    world = await qcWorld(0);
    const lotId = await world.receive(60);
    const jpeg = '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=';
    const view = await takePhoto(world.as('inspector'), { lotId, piece: 4, jpeg });
    expect(view.photos).toMatchObject([{ piece: 4 }]);
    expect(await photoOf(world.store.db, view.photos[0]!.id)).toEqual({ jpeg });
    const before = await eventCount(world.store.db);
    await refused(takePhoto(world.as('inspector'), { lotId, piece: 4, jpeg: 'iVBORw0KGgo'.padEnd(200, 'A') }), 'qc.photoUnreadable');
    await refused(takePhoto(world.as('inspector'), { lotId, piece: 21, jpeg }), 'qc.pieceOutOfPlan');
    expect(await eventCount(world.store.db)).toBe(before);
  });

  it('resumes an inspection after the store is closed and opened again (a crash), with its plan and every entry', async () => {
    world = await qcWorld(0);
    const lotId = await world.receive(60);
    const view = await defects(lotId, 'porosity', [1]);
    await defects(lotId, 'scratches', [4, 5]);
    await world.reopen();
    const resumed = await openInspection(world.store.db, lotId);
    expect(resumed.inspectionId).toBe(view.inspectionId);
    expect(resumed.plan).toEqual(view.plan);
    expect(resumed.entries.map((e) => [e.piece, e.code, e.userName])).toEqual([
      [1, 'porosity', 'Otieno Ouma'],
      [4, 'scratches', 'Otieno Ouma'],
      [5, 'scratches', 'Otieno Ouma'],
    ]);
    expect(resumed.judgement).toMatchObject({ major: { nonconforming: 1 }, minor: { nonconforming: 2 }, computed: 'reject' });
  });

  it('sorts a rejected lot at HQ: the good go on, the bad are returned; counts must add up', async () => {
    world = await qcWorld(0);
    const lotId = await world.receive(60);
    await defects(lotId, 'porosity', [1, 2]);
    await decideJudged(world.as('inspector'), { lotId, verdict: 'reject', disposition: 'sort', reason: null });
    expect(await lotOf(lotId)).toMatchObject({ in_qc: 60 });
    expect((await openInspection(world.store.db, lotId)).awaitingSort).toMatchObject({ by: 'Otieno Ouma' });
    await refused(logDefect(world.as('inspector'), { lotId, piece: 1, code: 'porosity' }), 'qc.awaitingSort');
    await refused(decide(world.as('inspector'), { lotId, inspectionId: null, verdict: 'accept', disposition: null, reason: null }), 'qc.alreadyDecided');
    await refused(recordSort(world.as('inspector'), { lotId, good: 50, bad: 5, badTo: 'returned' }), 'qc.sortCountsMismatch');
    const { returnNoteJobId } = await recordSort(world.as('inspector'), { lotId, good: 52, bad: 8, badTo: 'returned' });
    expect(returnNoteJobId).not.toBeNull();
    expect(await lotOf(lotId)).toMatchObject({ in_qc: 0, refining: 52, returned: 8 });
    await refused(recordSort(world.as('inspector'), { lotId, good: 52, bad: 8, badTo: 'returned' }), 'qc.notInQc');
  });
});

describe('switching per artisan and design', () => {
  async function lot(verdict: 'accept' | 'reject', artisanId = 'A-1') {
    const lotId = await world.receive(60, artisanId);
    if (verdict === 'reject') await defects(lotId, 'porosity', [1, 2]);
    await decideJudged(world.as('inspector'), { lotId, verdict, disposition: verdict === 'reject' ? 'return' : null, reason: null });
    world.clock.now = new Date(world.clock.now.getTime() + 3_600_000);
  }
  const mode = async (artisanId = 'A-1') => (await world.store.db.selectFrom('qc_switching').select('mode').where('artisan_id', '=', artisanId).where('design_sku', '=', 'BR-EAR-002').executeTakeFirst())?.mode;

  it('tightens after 2 rejections in 5 lots, is kept in the store, and the next plan is tightened', async () => {
    world = await qcWorld(0);
    await lot('reject');
    await lot('accept');
    expect(await mode()).toBe('normal');
    await lot('reject');
    expect(await mode()).toBe('tightened');
    await world.reopen();
    const next = await world.receive(60);
    const view = await openInspection(world.store.db, next);
    // Tightened, AQL 2.5: the arrow leads to G, 32 pieces, Ac 1 Re 2.
    expect(view.plan).toMatchObject({ mode: 'tightened', sampleSize: 32 });
    expect(view.plan.major).toMatchObject({ codeLetter: 'G', sampleSize: 32, accept: 1, reject: 2 });
    // Another artisan of the same design is not affected.
    expect(await mode('A-2')).toBeUndefined();
  });

  it('discontinues after 5 rejections on tightened: no lot accepted until a supervisor restarts it after support', async () => {
    world = await qcWorld(0);
    for (let i = 0; i < 2; i++) await lot('reject');
    for (let i = 0; i < 5; i++) await lot('reject');
    expect(await mode()).toBe('discontinued');
    const lotId = await world.receive(60);
    await refused(decide(world.as('supervisor'), { lotId, inspectionId: null, verdict: 'accept', disposition: null, reason: null }), 'qc.discontinued');
    await refused(restartInspection(world.as('supervisor'), { artisanId: 'A-1', designSku: 'BR-EAR-002', reason: ' ' }), 'qc.restartReasonRequired');
    await restartInspection(world.as('supervisor'), { artisanId: 'A-1', designSku: 'BR-EAR-002', reason: 'Casting training at the Kisii workshop' });
    expect(await mode()).toBe('tightened');
    const ranking = await qualityRanking(world.store.db, world.clock.now);
    expect(ranking.support).toMatchObject([{ artisanId: 'A-1', designSku: 'BR-EAR-002', mode: 'tightened', topDefect: { code: 'porosity' } }]);
    expect(ranking.artisans[0]).toMatchObject({ id: 'A-1', acceptanceRate: 0, needsSupport: 'tightened' });
  });

  it('offers reduced inspection after 10 clean lots only with a supervisor approval', async () => {
    world = await qcWorld(0);
    for (let i = 0; i < 10; i++) await lot('accept');
    expect(await mode()).toBe('normal');
    expect((await openInspection(world.store.db, await world.receive(60))).reducedEligible).toBe(true);
    await approveReducedInspection(world.as('supervisor'), { artisanId: 'A-1', designSku: 'BR-EAR-002' });
    expect(await mode()).toBe('reduced');
    await refused(approveReducedInspection(world.as('supervisor'), { artisanId: 'A-2', designSku: 'BR-EAR-002' }), 'qc.reducedNotEligible');
  });
});

describe('a lot decided at two stations while apart', () => {
  it('keeps the decision the upstream ordered first, moves the pieces once, and leaves the other as a conflict', async () => {
    world = await qcWorld(0);
    const lotId = await world.receive(60);
    await decideJudged(world.as('inspector'), { lotId, verdict: 'accept', disposition: null, reason: null });
    // Meanwhile station R2 rejected and returned the same lot; its events arrive first in the upstream's order.
    const at = '2026-06-01T05:30:00Z';
    const base = { station: 'R2', lot_id: lotId, user_id: 'u-halima', at, local: 0 };
    const decided = { inspectionId: 'I-R2', lotId, round: 0, artisanId: 'A-1', designSku: 'BR-EAR-002', verdict: 'reject', computed: 'reject', overrideReason: null, disposition: 'return', quantity: 60, sampleSize: 13, mode: 'normal', nonconforming: { critical: 0, major: 2, minor: 0 }, switching: { accepted: false, nonconforming: 2, sampleSize: 13, aql: 2.5, inReducedGap: false } };
    await world.store.db.updateTable('events').set({ upstream_seq: 1 }).where('lot_id', '=', lotId).where('type', '=', 'lot.received').execute();
    await world.store.db
      .insertInto('events')
      .values([
        { ...base, id: 'E-R2-1', seq: 1, type: 'qc.decided', payload: JSON.stringify(decided), upstream_seq: 2 },
        { ...base, id: 'E-R2-2', seq: 2, type: 'lot.moved', payload: JSON.stringify({ lotId, from: 'in_qc', to: 'returned', quantity: 60, reason: 'QC rejected' }), upstream_seq: 3 },
      ])
      .execute();
    const misfits = await world.store.db.transaction().execute((trx) => rebuildScope(trx, { kind: 'lot', key: lotId }, 'R1'));
    expect(misfits.map((m) => m.error.code).sort()).toEqual(['lot.notEnough', 'qc.alreadyDecided']);
    expect(await lotOf(lotId)).toMatchObject({ in_qc: 0, refining: 0, returned: 60, qc_round: 1 });
    const decision = await world.store.db.selectFrom('qc_decisions').selectAll().where('lot_id', '=', lotId).execute();
    expect(decision).toMatchObject([{ round: 0, inspection_id: 'I-R2', verdict: 'reject', event_id: 'E-R2-1' }]);
    // The switching state follows the decision that stands.
    const quality = await artisanQuality(world.store.db, 'A-1');
    expect(quality.totals).toMatchObject({ lots: 1, accepted: 0 });
  });
});

describe('artisan quality', () => {
  it('counts lots, acceptance and defects per hundred units by class and code, by design and week, and exports CSV', async () => {
    world = await qcWorld(0);
    const rejected = await world.receive(60);
    await defects(rejected, 'porosity', [1, 2]);
    await defects(rejected, 'scratches', [5]);
    await decideJudged(world.as('inspector'), { lotId: rejected, verdict: 'reject', disposition: 'return', reason: null });
    const accepted = await world.receive(60);
    await decideJudged(world.as('inspector'), { lotId: accepted, verdict: 'accept', disposition: null, reason: null });
    const quality = await artisanQuality(world.store.db, 'A-1');
    // 2 x 20 pieces pulled, 3 defects: 7.5 per hundred units; majors 2, minors 1.
    expect(quality.totals).toEqual({ lots: 2, accepted: 1, acceptanceRate: 50, sampled: 40, dphu: 7.5 });
    expect(quality.byClass).toEqual({ critical: 0, major: 5, minor: 2.5 });
    expect(quality.byCode.map((c) => [c.code, c.defects])).toEqual([
      ['porosity', 2],
      ['scratches', 1],
    ]);
    expect(quality.designs).toMatchObject([{ sku: 'BR-EAR-002', lots: 2, acceptanceRate: 50, mode: 'normal' }]);
    expect(quality.weeks).toMatchObject([{ week: '2026-06-01', lots: 2, acceptanceRate: 50 }]);
    const csv = await inspectionsCsv(world.store.db, 'A-1', world.clock.now);
    const lines = csv.csv.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^lot,decided_at,artisan_id,artisan,design/);
    expect(lines.some((l) => l.startsWith(`${rejected},`) && l.includes(',reject,reject,,return,'))).toBe(true);
  });
});
