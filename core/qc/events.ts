import { z } from 'zod';
import { AppError } from '../kernel/errors';
import type { Insertable } from 'kysely';
import type { DB, Lot, Trx } from '../db/schema';
import { chunks } from '../db/batch';
import type { Appending } from '../events/append';
import { defineEvent, earlierPayload, type EventDefinition, type EventEnvelope } from '../events/define';
import { type Beside, foldingOf, foldRun } from '../events/fold';
import { inspectors, supervisors } from '../api/roles';
import { inspectionLevels } from './sampling';
import { defectClasses, qcModes } from './plan';
import { companyFirstLots, foldDecisions, refoldAllSwitching, refoldSwitching } from './switchingStore';

// The QC bench's facts. Every logged defect or measurement is its own event, so nothing logged is
// lost to a crash; the decision is one event whose projection guards the lot's QC round, so a
// second decision on the same round (from another station, after sync) is refused, not applied.
// Projections insert idempotently: a lot recomputed after a pull applies its events again.

const id = z.string().min(1).max(64);
const lotId = z.string().min(1).max(40);
const defectClass = z.enum(defectClasses);
const aql = z.number().positive().max(1000);
const level = z.enum(inspectionLevels);

const classPlan = z.object({ aql: aql.nullable(), codeLetter: z.string().max(2).nullable(), sampleSize: z.number().int().min(0), accept: z.number().int().min(0), reject: z.number().int().min(1) });
export const lotPlanSchema = z.object({
  mode: z.enum(qcModes),
  level,
  lotSize: z.number().int().positive(),
  sampleSize: z.number().int().positive(),
  critical: classPlan,
  major: classPlan,
  minor: classPlan,
});

export const qcInspectionStarted = defineEvent({
  type: 'qc.inspectionStarted',
  payload: z.object({ inspectionId: id, lotId, round: z.number().int().min(0), plan: lotPlanSchema }),
  lotId: (p) => p.lotId,
  authority: { by: 'person', roles: inspectors },
  append: (p, e) => ({
    table: 'qc_inspections',
    row: { id: p.inspectionId, lot_id: p.lotId, round: p.round, lot_size: p.plan.lotSize, mode: p.plan.mode, plan: JSON.stringify(p.plan), started_at: e.at, started_by: e.userId, station: e.station },
  }),
});

/** The defect's names as the catalogue had them, so a lot's history reads in words. */
const defectName = z.object({ en: z.string().min(1).max(80), sw: z.string().min(1).max(80) });
/** A QC entry's row: a piece judged good, or holding a defect (code and class), or a reading (measure and value). */
function entry(
  p: { entryId: string; inspectionId: string; piece: number },
  e: EventEnvelope,
  marks: Partial<Pick<Insertable<DB['qc_entries']>, 'code' | 'class' | 'measure' | 'value'>>,
): Appending {
  return {
    table: 'qc_entries',
    row: { id: p.entryId, inspection_id: p.inspectionId, piece: p.piece, code: marks.code ?? null, class: marks.class ?? null, measure: marks.measure ?? null, value: marks.value ?? null, at: e.at, user_id: e.userId },
  };
}

const defect = { inspectionId: id, lotId, entryId: id, piece: z.number().int().positive(), code: z.string().min(1).max(40), class: defectClass };

export const qcDefectLogged = defineEvent({
  type: 'qc.defectLogged',
  // Version 2 always says the names: null for a defect logged before events carried them, which
  // version 1 told by leaving them out.
  version: 2,
  payload: z.object({ ...defect, name: defectName.nullable() }),
  earlier: { 1: earlierPayload(z.object({ ...defect, name: defectName.optional() }), (old) => ({ ...old, name: old.name ?? null })) },
  lotId: (p) => p.lotId,
  authority: { by: 'person', roles: inspectors },
  append: (p, e) => entry(p, e, { code: p.code, class: p.class }),
});

const reading = {
  inspectionId: id,
  lotId,
  entryId: id,
  piece: z.number().int().positive(),
  measure: z.enum(['weight', 'length']),
  value: z.number().positive().max(100_000),
  outOfTolerance: z.object({ code: z.string().max(40), class: defectClass }).nullable(),
};
/** The design's figure and its ± (g or mm) the reading was held against. */
const spec = z.object({ target: z.number().positive().max(100_000), tolerance: z.number().min(0).max(100_000) });

/** A reading against the design's tolerance; one outside it is a defect (code and class set). */
export const qcMeasured = defineEvent({
  type: 'qc.measured',
  // Version 2 always says the figure: null for a reading logged before events carried it, which
  // version 1 told by leaving it out.
  version: 2,
  payload: z.object({ ...reading, spec: spec.nullable() }),
  earlier: { 1: earlierPayload(z.object({ ...reading, spec: spec.optional() }), (old) => ({ ...old, spec: old.spec ?? null })) },
  lotId: (p) => p.lotId,
  authority: { by: 'person', roles: inspectors },
  append: (p, e) => entry(p, e, { code: p.outOfTolerance?.code, class: p.outOfTolerance?.class, measure: p.measure, value: p.value }),
});

/** A piece of the sample looked at and found good: an entry with neither a defect nor a reading. */
export const qcPieceGood = defineEvent({
  type: 'qc.pieceGood',
  payload: z.object({ inspectionId: id, lotId, entryId: id, piece: z.number().int().positive() }),
  lotId: (p) => p.lotId,
  authority: { by: 'person', roles: inspectors },
  append: (p, e) => entry(p, e, {}),
});

/** A mistaken entry taken back (the inspector's undo); the entry stays in the history. */
export const qcEntryRemoved = defineEvent({
  type: 'qc.entryRemoved',
  payload: z.object({ inspectionId: id, lotId, entryId: id }),
  lotId: (p) => p.lotId,
  authority: { by: 'person', roles: inspectors },
  async apply(trx, p) {
    await trx.updateTable('qc_entries').set({ removed: 1 }).where('id', '=', p.entryId).execute();
  },
});

/** A webcam photo of a sampled piece: a small JPEG, base64 (a few tens of kB, so sync batches stay small). */
export const jpegBase64 = z.string().min(100).max(80_000).regex(/^\/9j\/[A-Za-z0-9+/]+=*$/);
export const qcPhotoTaken = defineEvent({
  type: 'qc.photoTaken',
  payload: z.object({ inspectionId: id, lotId, photoId: id, piece: z.number().int().positive(), jpeg: jpegBase64 }),
  lotId: (p) => p.lotId,
  authority: { by: 'person', roles: inspectors, maxBytes: 96 << 10 },
  append: (p, e) => ({ table: 'qc_photos', row: { id: p.photoId, inspection_id: p.inspectionId, piece: p.piece, jpeg: p.jpeg, at: e.at, user_id: e.userId } }),
});

const lotFacts = z.object({ accepted: z.boolean(), nonconforming: z.number().int().min(0), sampleSize: z.number().int().min(0), aql, inReducedGap: z.boolean(), productionSteady: z.boolean().optional() });

const decidedPayload = z.object({
  inspectionId: id,
  lotId,
  round: z.number().int().min(0),
  artisanId: z.string().max(40),
  designSku: z.string().max(40),
  verdict: z.enum(['accept', 'reject']),
  computed: z.enum(['accept', 'reject']),
  overrideReason: z.string().min(1).max(500).nullable(),
  disposition: z.enum(['refining', 'return', 'sort', 'rework']),
  quantity: z.number().int().positive(),
  sampleSize: z.number().int().positive(),
  mode: z.enum(qcModes),
  nonconforming: z.object({ critical: z.number().int().min(0), major: z.number().int().min(0), minor: z.number().int().min(0) }),
  /** What the artisan and design's switching rules learn from this lot. */
  switching: lotFacts,
});
type Decided = z.infer<typeof decidedPayload>;

/**
 * The lot with its QC round taken. The lot's round is the arbiter: recomputed with the lot, it lets
 * exactly one decision per round through.
 */
function takeRound(lot: Lot | undefined, p: Decided): Lot {
  if (!lot || lot.qc_round !== p.round) throw new AppError('qc.alreadyDecided', `Lot ${p.lotId} was already decided`, { lot: p.lotId, by: '', at: '' });
  return { ...lot, qc_round: lot.qc_round + 1 };
}

/**
 * A run of decisions' rows, each added (or, where another decision held its round before a pull
 * ordered this one first, replacing that one's), and their pairs' switching states folded on.
 */
async function recordDecisions(trx: Trx, run: readonly Beside<Decided>[]): Promise<void> {
  const rows = run.map(({ payload: p, envelope: e }) => ({
    lot_id: p.lotId,
    round: p.round,
    inspection_id: p.inspectionId,
    event_id: e.id,
    artisan_id: p.artisanId,
    design_sku: p.designSku,
    at: e.at,
    user_id: e.userId,
    verdict: p.verdict,
    computed: p.computed,
    override_reason: p.overrideReason,
    disposition: p.disposition,
    quantity: p.quantity,
    sample_size: p.sampleSize,
    mode: p.mode,
    critical: p.nonconforming.critical,
    major: p.nonconforming.major,
    minor: p.nonconforming.minor,
    switching: JSON.stringify(p.switching),
    sorted_good: null,
    sorted_bad: null,
    bad_to: null,
    sort_event_id: null,
    sorted_at: null,
  }));
  const added = new Set<string>();
  // 24 columns: a hundred rows stay within both databases' limit on parameters.
  for (const piece of chunks(rows, 100))
    for (const row of await trx.insertInto('qc_decisions').values(piece).onConflict((oc) => oc.columns(['lot_id', 'round']).doNothing()).returning('event_id').execute()) added.add(row.event_id);
  for (const { lot_id, round, ...row } of rows.filter((r) => !added.has(r.event_id)))
    await trx.updateTable('qc_decisions').set(row).where('lot_id', '=', lot_id).where('round', '=', round).execute();
  await foldDecisions(
    trx,
    run.map(({ payload: p, envelope: e }) => ({ artisanId: p.artisanId, designSku: p.designSku, at: e.at, id: e.id, lot: p.switching, replaced: !added.has(e.id) })),
  );
}

export const qcDecided = defineEvent({
  type: 'qc.decided',
  payload: decidedPayload,
  lotId: (p) => p.lotId,
  authority: { by: 'person', roles: inspectors },
  fold: takeRound,
  alongside: recordDecisions,
  async apply(trx, p, e) {
    try {
      await foldRun(trx, [foldingOf({ fold: takeRound, alongside: recordDecisions }, p.lotId, p, e)]);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'qc.alreadyDecided') throw error;
      // Who took the round, for the person told: the fold knows only the lot's row.
      const earlier = await trx.selectFrom('qc_decisions').leftJoin('users', 'users.id', 'qc_decisions.user_id').select(['users.name', 'qc_decisions.at']).where('lot_id', '=', p.lotId).where('round', '=', p.round).executeTakeFirst();
      throw new AppError('qc.alreadyDecided', error.message, { lot: p.lotId, by: earlier?.name ?? '', at: earlier?.at ?? '' });
    }
  },
});

export const qcSorted = defineEvent({
  type: 'qc.sorted',
  payload: z.object({ inspectionId: id, lotId, round: z.number().int().min(0), good: z.number().int().min(0), bad: z.number().int().min(0), badTo: z.enum(['returned', 'scrapped']) }),
  lotId: (p) => p.lotId,
  authority: { by: 'person', roles: inspectors },
  async apply(trx, p, e) {
    const done = await trx
      .updateTable('qc_decisions')
      .set({ sorted_good: p.good, sorted_bad: p.bad, bad_to: p.badTo, sort_event_id: e.id, sorted_at: e.at })
      .where('lot_id', '=', p.lotId)
      .where('round', '=', p.round)
      .where('disposition', '=', 'sort')
      .where((eb) => eb.or([eb('sort_event_id', 'is', null), eb('sort_event_id', '=', e.id)]))
      .executeTakeFirst();
    if (done.numUpdatedRows === 0n) throw new AppError('qc.alreadySorted', `Lot ${p.lotId} has no sort waiting`, { lot: p.lotId });
  },
});

const pair = { artisanId: z.string().max(40), designSku: z.string().max(40) };

export const qcReducedApproved = defineEvent({
  type: 'qc.reducedApproved',
  payload: z.object({ actionId: id, ...pair }),
  lotId: () => null,
  authority: { by: 'person', roles: supervisors },
  async apply(trx, p, e) {
    await trx.insertInto('qc_switching_actions').values({ id: p.actionId, artisan_id: p.artisanId, design_sku: p.designSku, kind: 'approveReduced', reason: null, at: e.at, user_id: e.userId }).onConflict((oc) => oc.column('id').doNothing()).execute();
    await refoldSwitching(trx, p.artisanId, p.designSku, e.at);
  },
});

export const qcSupportRestarted = defineEvent({
  type: 'qc.supportRestarted',
  payload: z.object({ actionId: id, ...pair, reason: z.string().min(1).max(500) }),
  lotId: () => null,
  authority: { by: 'person', roles: supervisors },
  async apply(trx, p, e) {
    await trx.insertInto('qc_switching_actions').values({ id: p.actionId, artisan_id: p.artisanId, design_sku: p.designSku, kind: 'restart', reason: p.reason, at: e.at, user_id: e.userId }).onConflict((oc) => oc.column('id').doNothing()).execute();
    await refoldSwitching(trx, p.artisanId, p.designSku, e.at);
  },
});

export const qcDefaultsSet = defineEvent({
  type: 'qc.defaultsSet',
  payload: z.object({ majorAql: aql, minorAql: aql, level, firstLots: z.number().int().min(0).max(50) }),
  lotId: () => null,
  authority: { by: 'person', roles: supervisors },
  async apply(trx, p, e) {
    const firstLots = await companyFirstLots(trx);
    const row = { major_aql: p.majorAql, minor_aql: p.minorAql, level: p.level, first_lots: p.firstLots };
    await trx.insertInto('qc_settings').values({ id: 1, ...row }).onConflict((oc) => oc.column('id').doUpdateSet(row)).execute();
    if (firstLots !== p.firstLots) await refoldAllSwitching(trx, e.at);
  },
});

export const qcDesignSet = defineEvent({
  type: 'qc.designSet',
  payload: z.object({
    designSku: z.string().max(40),
    majorAql: aql.nullable(),
    minorAql: aql.nullable(),
    level: level.nullable(),
    lengthMm: z.number().positive().max(2000).nullable(),
    lengthToleranceMm: z.number().min(0).max(100).nullable(),
    imageUrl: z.string().max(500).nullable(),
  }),
  lotId: () => null,
  authority: { by: 'person', roles: supervisors },
  async apply(trx, p) {
    const row = { major_aql: p.majorAql, minor_aql: p.minorAql, level: p.level, length_mm: p.lengthMm, length_tolerance_mm: p.lengthToleranceMm, image_url: p.imageUrl };
    await trx.insertInto('qc_design_settings').values({ design_sku: p.designSku, ...row }).onConflict((oc) => oc.column('design_sku').doUpdateSet(row)).execute();
  },
});

export const qcDefectCodeSaved = defineEvent({
  type: 'qc.defectCodeSaved',
  payload: z.object({
    code: z.string().regex(/^[a-z0-9-]{2,40}$/),
    material: z.string().min(1).max(40),
    class: defectClass,
    nameEn: z.string().min(1).max(80),
    nameSw: z.string().min(1).max(80),
    key: z.string().regex(/^[a-z0-9]$/),
    active: z.boolean(),
  }),
  lotId: () => null,
  authority: { by: 'person', roles: supervisors },
  async apply(trx, p) {
    const row = { material: p.material, class: p.class, name_en: p.nameEn, name_sw: p.nameSw, key: p.key, active: p.active ? 1 : 0 };
    await trx.insertInto('qc_defect_codes').values({ code: p.code, ...row }).onConflict((oc) => oc.column('code').doUpdateSet(row)).execute();
  },
});

// The qc events (joined in core/events/catalog.ts).
export const qcEvents: EventDefinition<never>[] = [
  qcInspectionStarted,
  qcDefectLogged,
  qcMeasured,
  qcPieceGood,
  qcEntryRemoved,
  qcPhotoTaken,
  qcDecided,
  qcSorted,
  qcReducedApproved,
  qcSupportRestarted,
  qcDefaultsSet,
  qcDesignSet,
  qcDefectCodeSaved,
] as unknown as EventDefinition<never>[];
