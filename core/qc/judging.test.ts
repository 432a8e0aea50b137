import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../app/app';
import { AppError } from '../kernel/errors';
import { demoStoreFile } from '../testing/tempStore';
import type { InspectionViewOut } from './contract';
import { openInspection } from './inspection';
import { decide, logDefect, markGood } from './service';
import { eventCount, qcWorld, restGood, type QcWorld } from './testWorld';

// A QC verdict rests on pieces looked at: every piece of the sample marked good or holding its
// defects, and at 100 % every defect of the lot counts in its class. The plans below are read from
// ISO 2859-1 Tables 1 and 2-A by hand (README, "QC: sampling plans"), not from the code.

let world: QcWorld | undefined;
let app: App | undefined;
afterEach(async () => {
  await world?.store.close();
  await app?.close();
  world = app = undefined;
});

async function refused(work: Promise<unknown>, code: string): Promise<AppError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

describe('a decision sent before the sample is judged', () => {
  it('is refused at the door with how many pieces are left, and nothing is recorded', async () => {
    app = await createApp(await demoStoreFile(), { devicePollMs: 0 });
    const call = async (name: string, input: unknown, token: string | null) => app!.call({ name, input, token });
    const login = await call('session.login', { username: 'otieno', pin: '2222' }, null);
    const token = login.ok ? (login.data as { token: string }).token : '';
    const waiting = (await call('qc.waiting', {}, token)) as { ok: true; data: { lotId: string; inQc: number; designSku: string }[] };
    // The demo's lot of 40 earrings on normal inspection, level II: code letter D (26-50), where majors
    // at AQL 2.5 point up to C (5 pieces) and minors at 4.0 down to E (13 pieces): 13 to pull.
    const lotId = waiting.data.find((l) => l.designSku === 'BR-EAR-002' && l.inQc === 40)!.lotId;
    const events = async () => eventCount(app!.store.db);
    const before = await events();
    const accept = { lotId, inspectionId: null, verdict: 'accept', disposition: null, reason: null };
    expect(await call('qc.decide', accept, token)).toMatchObject({ ok: false, error: { code: 'qc.piecesLeft', params: { count: 13, sample: 13, first: 1 } } });
    expect(await events()).toBe(before);

    // Twelve found good, piece 7 skipped: still refused, naming it; then judged, the plan's accept goes through.
    let view: InspectionViewOut | undefined;
    for (const piece of [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13]) {
      const done = await call('qc.markGood', { lotId, piece }, token);
      view = (done as { ok: true; data: InspectionViewOut }).data;
    }
    const judged = { ...accept, inspectionId: view!.inspectionId };
    expect(await call('qc.decide', judged, token)).toMatchObject({ ok: false, error: { code: 'qc.piecesLeft', params: { count: 1, sample: 13, first: 7 } } });
    const lot = await app.store.db.selectFrom('lots').select(['in_qc', 'refining', 'qc_round']).where('id', '=', lotId).executeTakeFirstOrThrow();
    expect(lot).toEqual({ in_qc: 40, refining: 0, qc_round: 0 });
    await call('qc.markGood', { lotId, piece: 7 }, token);
    expect(await call('qc.decide', judged, token)).toMatchObject({ ok: true, data: { verdict: 'accept', disposition: 'refining', quantity: 40 } });
  });

  it('takes a piece with a defect as judged by it, refuses marking it good, and records a second Space on a good piece once', async () => {
    world = await qcWorld(0);
    const lotId = await world.receive(20);
    // 20 pieces, level II: letter C (16-25), majors at 2.5 on 5 pieces (Ac 0, Re 1); minors at 4.0
    // point up to B, 3 pieces (Ac 0, Re 1). The inspector pulls 5.
    const inspector = world.as('inspector');
    await logDefect(inspector, { lotId, piece: 2, code: 'scratches' });
    await refused(markGood(inspector, { lotId, piece: 2 }), 'qc.pieceHasDefect');
    await markGood(inspector, { lotId, piece: 1 });
    const once = await eventCount(world.store.db);
    const view = await markGood(inspector, { lotId, piece: 1 });
    expect(await eventCount(world.store.db)).toBe(once);
    expect(view.toJudge).toEqual([3, 4, 5]);
    await refused(decide(inspector, { lotId, inspectionId: view.inspectionId, verdict: 'reject', disposition: 'return', reason: null }), 'qc.piecesLeft');
    const judged = await restGood(inspector, lotId);
    expect(judged.judgement).toMatchObject({ computed: 'reject', minor: { nonconforming: 1, verdict: 'reject' } });
    expect(await decide(inspector, { lotId, inspectionId: judged.inspectionId, verdict: 'reject', disposition: 'return', reason: null })).toMatchObject({ disposition: 'return', quantity: 20 });
  });
});

describe('each class judged on the pieces its plan covers', () => {
  it('counts a major on the last piece of a first lot inspected 100 %', async () => {
    world = await qcWorld(1);
    const lotId = await world.receive(28);
    // 28 pieces at level II: letter D (26-50). On normal inspection majors at AQL 2.5 point up to C:
    // 5 pieces, Ac 0, Re 1. A first lot is inspected whole: its 28 pieces are the sample of every class.
    const open = await openInspection(world.store.db, lotId);
    expect(open.plan).toMatchObject({ mode: 'all', sampleSize: 28, major: { accept: 0, reject: 1, sampleSize: 28 }, minor: { sampleSize: 28 } });
    await logDefect(world.as('inspector'), { lotId, piece: 28, code: 'porosity' });
    const view = await restGood(world.as('inspector'), lotId);
    expect(view.judgement.major).toEqual({ nonconforming: 1, verdict: 'reject' });
    expect(view.judgement.computed).toBe('reject');
    await refused(decide(world.as('inspector'), { lotId, inspectionId: view.inspectionId, verdict: 'accept', disposition: null, reason: null }), 'qc.overrideNeedsSupervisor');
  });

  it('accepts a lot of 60 on minors found on pieces 14 and 15, pulled for majors but past the minor plan', async () => {
    world = await qcWorld(0);
    const lotId = await world.receive(60);
    // 60 pieces at level II: letter E (51-90). Minors at AQL 4.0: E itself, 13 pieces, Ac 1, Re 2.
    // Majors at 2.5 point down to F: 20 pieces, Ac 1, Re 2, so 20 are pulled. Pieces 14 and 15 are
    // pulled for majors only: their scratches are not in the minors' sample.
    await logDefect(world.as('inspector'), { lotId, piece: 14, code: 'scratches' });
    await logDefect(world.as('inspector'), { lotId, piece: 15, code: 'scratches' });
    const view = await restGood(world.as('inspector'), lotId);
    expect(view.plan).toMatchObject({ sampleSize: 20, minor: { sampleSize: 13, accept: 1, reject: 2 } });
    expect(view.judgement.minor).toEqual({ nonconforming: 0, verdict: 'accept' });
    expect(view.judgement.computed).toBe('accept');
    // The same two scratches inside the 13 reject on minors (Re 2).
    const inside = await world.receive(60, 'A-2');
    await logDefect(world.as('inspector'), { lotId: inside, piece: 12, code: 'scratches' });
    await logDefect(world.as('inspector'), { lotId: inside, piece: 13, code: 'scratches' });
    expect((await openInspection(world.store.db, inside)).judgement.minor).toEqual({ nonconforming: 2, verdict: 'reject' });
  });
});
