import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../kernel/errors';
import type { Ctx, WriteTransaction } from '../app/context';
import { lotMoved } from '../lots/events';
import { printQueued } from '../printing/events';
import { jpegBase64, qcDecided, qcDefectLogged, qcEntryRemoved, qcInspectionStarted, qcMeasured, qcPhotoTaken, qcPieceGood, qcReducedApproved, qcSorted, qcSupportRestarted } from './events';
import { isGoodMark, openInspection, type InspectionView } from './inspection';
import { approveReduced, restartAfterSupport } from './switching';
import { switchingOf } from './switchingStore';

// The inspector's writes. Each logged defect or reading is one event, committed at once; the
// first one starts the inspection with the plan shown, so a resumed inspection keeps its plan.

/** The open inspection's view, refusing what cannot be logged on it. */
async function openForLogging(ctx: Ctx, lotId: string, piece: number): Promise<InspectionView> {
  const view = await openInspection(ctx.db, lotId);
  if (view.awaitingSort) throw new AppError('qc.awaitingSort', `Lot ${lotId} waits for its 100% sort`, { lot: lotId });
  if (piece < 1 || piece > view.plan.sampleSize)
    throw new AppError('qc.pieceOutOfPlan', `The plan samples ${view.plan.sampleSize} pieces, not piece ${piece}`, { piece, sample: view.plan.sampleSize });
  return view;
}

/** The inspection the view shows, started (with the plan shown) by the first entry. */
export async function inspectionIn(tx: WriteTransaction, view: InspectionView): Promise<string> {
  if (view.inspectionId) return view.inspectionId;
  const inspectionId = uuidv7();
  await tx.record(qcInspectionStarted, { inspectionId, lotId: view.lot.id, round: view.lot.round, plan: view.plan });
  return inspectionId;
}

export async function logDefect(ctx: Ctx, q: { lotId: string; piece: number; code: string }): Promise<InspectionView> {
  const view = await openForLogging(ctx, q.lotId, q.piece);
  const code = view.catalogue.find((c) => c.code === q.code);
  if (!code) throw new AppError('qc.unknownDefect', `No defect ${q.code} for ${view.lot.designSku}`, { code: q.code, sku: view.lot.designSku });
  await ctx.write(async (tx) => {
    const inspectionId = await inspectionIn(tx, view);
    await tx.record(qcDefectLogged, { inspectionId, lotId: q.lotId, entryId: uuidv7(), piece: q.piece, code: code.code, class: code.class, name: { en: code.nameEn, sw: code.nameSw } });
  });
  return openInspection(ctx.db, q.lotId);
}

/** The piece looked at and found good. A piece with a defect is judged by it: its defect is taken back first. */
export async function markGood(ctx: Ctx, q: { lotId: string; piece: number }): Promise<InspectionView> {
  const view = await openForLogging(ctx, q.lotId, q.piece);
  const here = view.entries.filter((e) => e.piece === q.piece);
  if (here.some((e) => e.class !== null)) throw new AppError('qc.pieceHasDefect', `Piece ${q.piece} has a defect logged: take it back before marking the piece good`, { piece: q.piece });
  // Marked good already: the key pressed again records nothing more.
  if (here.some(isGoodMark)) return view;
  await ctx.write(async (tx) => {
    const inspectionId = await inspectionIn(tx, view);
    await tx.record(qcPieceGood, { inspectionId, lotId: q.lotId, entryId: uuidv7(), piece: q.piece });
  });
  return openInspection(ctx.db, q.lotId);
}

/** A reading against the design: weight within its tolerance %, length within its ± mm. */
export async function logMeasurement(ctx: Ctx, q: { lotId: string; piece: number; measure: 'weight' | 'length'; value: number }): Promise<InspectionView> {
  const view = await openForLogging(ctx, q.lotId, q.piece);
  let spec: { target: number; tolerance: number };
  if (q.measure === 'weight') spec = { target: view.design.unitWeightG, tolerance: (view.design.unitWeightG * view.design.tolerancePct) / 100 };
  else {
    const { lengthMm, lengthToleranceMm } = view.design;
    if (lengthMm === null || lengthToleranceMm === null) throw new AppError('qc.noLengthSpec', `${view.lot.designSku} has no length to measure against`, { sku: view.lot.designSku });
    spec = { target: lengthMm, tolerance: lengthToleranceMm };
  }
  const within = Math.abs(q.value - spec.target) <= spec.tolerance + 1e-9;
  await ctx.write(async (tx) => {
    const inspectionId = await inspectionIn(tx, view);
    await tx.record(qcMeasured, {
      inspectionId,
      lotId: q.lotId,
      entryId: uuidv7(),
      piece: q.piece,
      measure: q.measure,
      value: q.value,
      outOfTolerance: within ? null : { code: `${q.measure}-out`, class: 'major' },
      spec,
    });
  });
  return openInspection(ctx.db, q.lotId);
}

/** A webcam photo of the current piece, kept with the inspection. */
export async function takePhoto(ctx: Ctx, q: { lotId: string; piece: number; jpeg: string }): Promise<InspectionView> {
  if (!jpegBase64.safeParse(q.jpeg).success) throw new AppError('qc.photoUnreadable', 'The photo is not a small JPEG picture');
  const view = await openForLogging(ctx, q.lotId, q.piece);
  await ctx.write(async (tx) => {
    const inspectionId = await inspectionIn(tx, view);
    await tx.record(qcPhotoTaken, { inspectionId, lotId: q.lotId, photoId: uuidv7(), piece: q.piece, jpeg: q.jpeg });
  });
  return openInspection(ctx.db, q.lotId);
}

export async function removeEntry(ctx: Ctx, q: { lotId: string; entryId: string }): Promise<InspectionView> {
  const view = await openInspection(ctx.db, q.lotId);
  if (!view.inspectionId || !view.entries.some((e) => e.id === q.entryId)) throw new AppError('qc.entryNotFound', 'That entry is not in this inspection');
  await ctx.write(({ record }) => record(qcEntryRemoved, { inspectionId: view.inspectionId!, lotId: q.lotId, entryId: q.entryId }));
  return openInspection(ctx.db, q.lotId);
}

export type Disposition = 'return' | 'sort' | 'rework';

export interface Decision {
  lotId: string;
  /** The inspection the person saw (null: nothing logged, a clean sample); a stale one is refused. */
  inspectionId: string | null;
  verdict: 'accept' | 'reject';
  disposition: Disposition | null;
  /** Required when the verdict is not the app's: a supervisor's override. */
  reason: string | null;
}

async function decidedBefore(ctx: Ctx, lotId: string, inspectionId: string | null): Promise<void> {
  let round: number | null = null;
  if (!inspectionId) {
    const lot = await ctx.db.selectFrom('lots').select('qc_round').where('id', '=', lotId).executeTakeFirst();
    if (!lot?.qc_round) return;
    round = lot.qc_round - 1;
  }
  let query = ctx.db.selectFrom('qc_decisions').leftJoin('users', 'users.id', 'qc_decisions.user_id').select(['users.name', 'qc_decisions.at']).where('lot_id', '=', lotId);
  query = round === null ? query.where('inspection_id', '=', inspectionId!) : query.where('round', '=', round);
  const done = await query.executeTakeFirst();
  if (done) throw new AppError('qc.alreadyDecided', `Lot ${lotId} was already decided`, { lot: lotId, by: done.name ?? '', at: done.at });
}

/** The inspector confirms the app's verdict (or a supervisor overrides it) and what happens to the pieces. */
export async function decide(ctx: Ctx, d: Decision): Promise<{ verdict: 'accept' | 'reject'; disposition: 'refining' | Disposition; quantity: number; returnNoteJobId: string | null }> {
  // A clean sample (no inspection) is stale only if the lot left QC or waits for its sort, both
  // found below: pieces back in QC after an earlier round (say from rework) are a new round.
  if (d.inspectionId) await decidedBefore(ctx, d.lotId, d.inspectionId);
  let view: InspectionView;
  try {
    view = await openInspection(ctx.db, d.lotId);
  } catch (e) {
    // The lot left QC: decided here or elsewhere while this screen was open.
    if (e instanceof AppError && e.code === 'qc.notInQc') await decidedBefore(ctx, d.lotId, null);
    throw e;
  }
  if (view.awaitingSort) throw new AppError('qc.alreadyDecided', `Lot ${d.lotId} was already decided`, { lot: d.lotId, by: view.awaitingSort.by, at: view.awaitingSort.decidedAt });
  if (d.inspectionId !== view.inspectionId) throw new AppError('qc.inspectionChanged', 'This inspection changed meanwhile: look again before deciding');
  const computed = view.judgement.computed;
  const reason = d.reason?.trim() || null;
  if (d.verdict !== computed) {
    if (!ctx.user().roles.includes('supervisor')) throw new AppError('qc.overrideNeedsSupervisor', `Only a supervisor may ${d.verdict} a lot the plan would ${computed}`, { verdict: d.verdict });
    if (!reason) throw new AppError('qc.overrideReasonRequired', 'An override needs a reason');
  }
  if (view.plan.mode === 'discontinued' && d.verdict === 'accept')
    throw new AppError('qc.discontinued', `Inspection of ${view.lot.artisanName}'s ${view.lot.designSku} is discontinued: no lot is accepted until a supervisor restarts it`, { artisan: view.lot.artisanName, sku: view.lot.designSku });
  if (d.verdict === 'reject' && !d.disposition) throw new AppError('qc.dispositionRequired', 'A rejected lot is returned, sorted or reworked: choose one');
  // A verdict rests on pieces looked at: every piece of the sample marked good or holding its defects.
  const left = view.toJudge;
  if (left.length)
    throw new AppError('qc.piecesLeft', `${left.length} of the ${view.plan.sampleSize} pieces pulled are not judged yet, the first is piece ${left[0]}`, { count: left.length, sample: view.plan.sampleSize, first: left[0]! });
  const disposition = d.verdict === 'accept' ? 'refining' : d.disposition!;
  const quantity = view.lot.inQc;
  const { major } = view.plan;
  return ctx.write(async (tx) => {
    const inspectionId = await inspectionIn(tx, view);
    await tx.record(qcDecided, {
      inspectionId,
      lotId: d.lotId,
      round: view.lot.round,
      artisanId: view.lot.artisanId,
      designSku: view.lot.designSku,
      verdict: d.verdict,
      computed,
      overrideReason: d.verdict === computed ? null : reason,
      disposition,
      quantity,
      sampleSize: view.plan.sampleSize,
      mode: view.plan.mode,
      nonconforming: { critical: view.judgement.critical.nonconforming, major: view.judgement.major.nonconforming, minor: view.judgement.minor.nonconforming },
      switching: { accepted: d.verdict === 'accept', nonconforming: view.judgement.major.nonconforming, sampleSize: major.sampleSize, aql: major.aql ?? 2.5, inReducedGap: d.verdict === 'accept' && view.judgement.inReducedGap, productionSteady: true },
    });
    const to = disposition === 'refining' ? 'refining' : disposition === 'return' ? 'returned' : disposition === 'rework' ? 'rework' : null;
    if (to) await tx.record(lotMoved, { lotId: d.lotId, from: 'in_qc', to, quantity, reason: d.verdict === 'reject' ? 'QC rejected' : null });
    const returnNoteJobId = disposition === 'return' ? await queueReturnNote(tx, view, quantity, view.lot.round) : null;
    return { verdict: d.verdict, disposition, quantity, returnNoteJobId };
  });
}

async function queueReturnNote(tx: WriteTransaction, view: InspectionView, pieces: number, round: number): Promise<string> {
  const jobId = uuidv7();
  const defects = new Map<string, number>();
  for (const e of view.entries) if (e.code) defects.set(e.code, (defects.get(e.code) ?? 0) + 1);
  const name = (code: string) => view.catalogue.find((c) => c.code === code)?.nameEn ?? (code.endsWith('-out') ? `${code.replace('-out', '')} out of tolerance` : code);
  const reason = [...defects].map(([code, count]) => `${name(code)} x${count}`).join('; ') || 'Rejected at QC';
  const inspector = await tx.trx.selectFrom('users').select('name').where('id', '=', tx.actor.userId).executeTakeFirst();
  // The data of the labels layer's return-note template (core/labels/templates/returnNote.ts).
  await tx.record(printQueued, {
    jobId,
    template: 'return-note',
    printer: 'receipt',
    lotId: view.lot.id,
    data: {
      noteId: `RN-${view.lot.id.slice(2)}-${round + 1}`,
      artisan: view.lot.artisanName,
      date: tx.actor.now().toISOString().slice(0, 10),
      clerk: inspector?.name ?? tx.actor.userId,
      lines: [{ lotId: view.lot.id, designSku: view.lot.designSku, quantity: pieces, reason: reason.slice(0, 300) }],
    },
  });
  return jobId;
}

/** The result of a 100% sort at HQ: good pieces go on to refining, bad ones are returned or scrapped. */
export async function recordSort(ctx: Ctx, q: { lotId: string; good: number; bad: number; badTo: 'returned' | 'scrapped' }): Promise<{ returnNoteJobId: string | null }> {
  const view = await openInspection(ctx.db, q.lotId);
  const waiting = view.awaitingSort;
  if (!waiting) throw new AppError('qc.noSortWaiting', `Lot ${q.lotId} is not waiting for a sort`, { lot: q.lotId });
  if (q.good + q.bad !== view.lot.inQc)
    throw new AppError('qc.sortCountsMismatch', `${q.good} good and ${q.bad} bad are not the ${view.lot.inQc} pieces in QC`, { good: q.good, bad: q.bad, inQc: view.lot.inQc });
  return ctx.write(async (tx) => {
    await tx.record(qcSorted, { inspectionId: waiting.inspectionId, lotId: q.lotId, round: waiting.round, good: q.good, bad: q.bad, badTo: q.badTo });
    if (q.good) await tx.record(lotMoved, { lotId: q.lotId, from: 'in_qc', to: 'refining', quantity: q.good, reason: 'QC sort: good' });
    if (q.bad) await tx.record(lotMoved, { lotId: q.lotId, from: 'in_qc', to: q.badTo, quantity: q.bad, reason: 'QC sort: bad' });
    const returnNoteJobId = q.bad && q.badTo === 'returned' ? await queueReturnNote(tx, view, q.bad, waiting.round) : null;
    return { returnNoteJobId };
  });
}

async function pairExists(ctx: Ctx, artisanId: string, designSku: string): Promise<void> {
  const artisan = await ctx.db.selectFrom('artisans').select('id').where('id', '=', artisanId).executeTakeFirst();
  if (!artisan) throw new AppError('artisan.notFound', `No artisan ${artisanId}`, { artisan: artisanId });
  const design = await ctx.db.selectFrom('designs').select('sku').where('sku', '=', designSku).executeTakeFirst();
  if (!design) throw new AppError('design.notFound', `No design ${designSku}`, { sku: designSku });
}

export async function approveReducedInspection(ctx: Ctx, q: { artisanId: string; designSku: string }): Promise<void> {
  await pairExists(ctx, q.artisanId, q.designSku);
  // Throws qc.reducedNotEligible where the pair's history does not allow it.
  approveReduced(await switchingOf(ctx.db, q.artisanId, q.designSku));
  await ctx.write(({ record }) => record(qcReducedApproved, { actionId: uuidv7(), ...q }));
}

export async function restartInspection(ctx: Ctx, q: { artisanId: string; designSku: string; reason: string }): Promise<void> {
  await pairExists(ctx, q.artisanId, q.designSku);
  // Throws qc.notDiscontinued unless the pair is discontinued.
  restartAfterSupport(await switchingOf(ctx.db, q.artisanId, q.designSku));
  const reason = q.reason.trim();
  if (!reason) throw new AppError('qc.restartReasonRequired', 'Say what support the artisan had');
  await ctx.write(({ record }) => record(qcSupportRestarted, { actionId: uuidv7(), ...q, reason }));
}
