import { AppError } from '../kernel/errors';
import type { Db } from '../db/schema';
import { lotPlanSchema } from './events';
import { judge, lotPlan, wholeLotAtAll, type DefectClass, type Judgement, type LotPlan } from './plan';
import { reducedEligible } from './switching';
import { catalogueFor, designQc, qcDefaults, type DefectCode, type DesignQc } from './settings';
import { modeOf, switchingOf } from './switchingStore';

// What the QC screen shows for a scanned lot: the design, its checklist and image, the plan for
// each class, the pieces to pull, the inspection so far (resumed after a crash or on another
// day) and the app's judgement. Read only: the first entry starts the inspection.

export interface Entry {
  id: string;
  piece: number;
  code: string | null;
  class: DefectClass | null;
  measure: 'weight' | 'length' | null;
  value: number | null;
  at: string;
  userName: string;
}

export interface InspectionView {
  lot: { id: string; designSku: string; designName: string; artisanId: string; artisanName: string; finish: string; inQc: number; receivedQty: number; round: number };
  design: { materials: string[]; checklist: string[]; nameSw: string | null; checklistSw: string[] | null; unitWeightG: number; tolerancePct: number } & DesignQc;
  reducedEligible: boolean;
  plan: LotPlan;
  inspectionId: string | null;
  entries: Entry[];
  /** Webcam photos taken in this inspection (the pictures themselves: qc.photo). */
  photos: { id: string; piece: number }[];
  judgement: Judgement;
  /** Pieces of the sample neither marked good nor holding a defect, in order: the decision waits for them. */
  toJudge: number[];
  catalogue: DefectCode[];
  /** A rejected lot sent to a 100% sort at HQ: the good and bad counts are awaited, nothing else. */
  awaitingSort: { inspectionId: string; round: number; decidedAt: string; by: string } | null;
}

async function lotRow(db: Db, lotId: string) {
  const lot = await db
    .selectFrom('lots')
    .innerJoin('designs', 'designs.sku', 'lots.design_sku')
    .innerJoin('artisans', 'artisans.id', 'lots.artisan_id')
    .select(['lots.id', 'lots.design_sku', 'designs.name as design_name', 'lots.artisan_id', 'artisans.name as artisan_name', 'lots.finish', 'lots.in_qc', 'lots.received_qty', 'lots.qc_round', 'designs.materials', 'designs.qc_checklist', 'designs.name_sw', 'designs.qc_checklist_sw', 'designs.unit_weight_g', 'designs.weight_tolerance_pct'])
    .where('lots.id', '=', lotId)
    .executeTakeFirst();
  if (!lot) throw new AppError('lot.notFound', `No lot ${lotId}`, { lot: lotId });
  return lot;
}

export async function openInspection(db: Db, lotId: string): Promise<InspectionView> {
  const lot = await lotRow(db, lotId);
  const last = lot.qc_round
    ? await db
        .selectFrom('qc_decisions')
        .leftJoin('users', 'users.id', 'qc_decisions.user_id')
        .select(['inspection_id', 'round', 'at', 'users.name', 'disposition', 'sort_event_id'])
        .where('lot_id', '=', lotId)
        .where('round', '=', lot.qc_round - 1)
        .executeTakeFirst()
    : undefined;
  const awaitingSort = last && last.disposition === 'sort' && !last.sort_event_id && lot.in_qc > 0 ? { inspectionId: last.inspection_id, round: last.round, decidedAt: last.at, by: last.name ?? '' } : null;
  if (lot.in_qc === 0) throw new AppError('qc.notInQc', `Lot ${lotId} has no pieces in QC`, { lot: lotId });
  const materials = JSON.parse(lot.materials) as string[];
  const defaults = await qcDefaults(db);
  const design = await designQc(db, lot.design_sku, defaults);
  const switching = await switchingOf(db, lot.artisan_id, lot.design_sku);
  const inspection = awaitingSort
    ? null
    : await db.selectFrom('qc_inspections').select(['id', 'plan']).where('lot_id', '=', lotId).where('round', '=', lot.qc_round).orderBy('started_at', 'desc').executeTakeFirst();
  const plan = inspection
    ? wholeLotAtAll(lotPlanSchema.parse(JSON.parse(inspection.plan)))
    : lotPlan({ lotSize: lot.in_qc, mode: modeOf(switching), level: design.level, majorAql: design.majorAql, minorAql: design.minorAql });
  const entries = inspection ? await entriesOf(db, inspection.id) : [];
  const photos = inspection ? await db.selectFrom('qc_photos').select(['id', 'piece']).where('inspection_id', '=', inspection.id).orderBy('at').execute() : [];
  return {
    lot: { id: lot.id, designSku: lot.design_sku, designName: lot.design_name, artisanId: lot.artisan_id, artisanName: lot.artisan_name, finish: lot.finish, inQc: lot.in_qc, receivedQty: lot.received_qty, round: lot.qc_round },
    design: {
      materials,
      checklist: JSON.parse(lot.qc_checklist) as string[],
      nameSw: lot.name_sw,
      checklistSw: lot.qc_checklist_sw === null ? null : (JSON.parse(lot.qc_checklist_sw) as string[]),
      unitWeightG: lot.unit_weight_g,
      tolerancePct: lot.weight_tolerance_pct,
      ...design,
    },
    reducedEligible: reducedEligible(switching),
    plan,
    inspectionId: inspection?.id ?? null,
    entries,
    photos,
    judgement: judge(plan, entries.filter((e): e is Entry & { class: DefectClass } => e.class !== null)),
    toJudge: piecesToJudge(plan.sampleSize, entries),
    catalogue: await catalogueFor(db, materials),
    awaitingSort,
  };
}

/** A good mark is the one entry with neither a defect nor a reading (qc.pieceGood). */
export const isGoodMark = (e: Pick<Entry, 'class' | 'measure'>) => e.class === null && e.measure === null;

function piecesToJudge(sampleSize: number, entries: Entry[]): number[] {
  const judged = new Set(entries.filter((e) => e.class !== null || isGoodMark(e)).map((e) => e.piece));
  return Array.from({ length: sampleSize }, (_, i) => i + 1).filter((piece) => !judged.has(piece));
}

export async function entriesOf(db: Db, inspectionId: string): Promise<Entry[]> {
  const rows = await db
    .selectFrom('qc_entries')
    .leftJoin('users', 'users.id', 'qc_entries.user_id')
    .select(['qc_entries.id', 'piece', 'code', 'class', 'measure', 'value', 'at', 'users.name'])
    .where('inspection_id', '=', inspectionId)
    .where('removed', '=', 0)
    .orderBy('at')
    .orderBy('qc_entries.id')
    .execute();
  return rows.map((r) => ({ id: r.id, piece: r.piece, code: r.code, class: r.class, measure: r.measure, value: r.value, at: r.at, userName: r.name ?? '' }));
}

/** Lots with pieces waiting in QC, newest first: what the bench has to do. */
export async function waitingLots(db: Db, limit = 30) {
  const rows = await db
    .selectFrom('lots')
    .innerJoin('designs', 'designs.sku', 'lots.design_sku')
    .innerJoin('artisans', 'artisans.id', 'lots.artisan_id')
    .select(['lots.id', 'lots.design_sku', 'designs.name as design_name', 'artisans.name as artisan_name', 'lots.in_qc', 'lots.received_at'])
    .where('lots.in_qc', '>', 0)
    .orderBy('lots.received_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ lotId: r.id, designSku: r.design_sku, designName: r.design_name, artisanName: r.artisan_name, inQc: r.in_qc, receivedAt: r.received_at }));
}

/** One photo's JPEG (base64). */
export async function photoOf(db: Db, photoId: string): Promise<{ jpeg: string }> {
  const photo = await db.selectFrom('qc_photos').select('jpeg').where('id', '=', photoId).executeTakeFirst();
  if (!photo) throw new AppError('qc.photoNotFound', 'There is no such photo');
  return photo;
}
