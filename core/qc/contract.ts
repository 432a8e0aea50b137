import { z } from 'zod';
import { none, ok, procedure } from '../api/procedure';
import { limits } from '../numbers/limits';
import type { NumberRule } from '../numbers/parseNumber';
import { numberIn } from '../numbers/schema';

// The qc part of the contract (listed in core/featureContracts.ts).

export const inspectors = ['inspector', 'supervisor', 'admin'] as const;
export const supervisors = ['supervisor', 'admin'] as const;
const lotId = z.string().trim().min(1).max(40);
const defectClass = z.enum(['critical', 'major', 'minor']);
const mode = z.enum(['all', 'normal', 'tightened', 'reduced', 'discontinued']);
const level = z.enum(['I', 'II', 'III', 'S-1', 'S-2', 'S-3', 'S-4']);
const verdict = z.enum(['accept', 'reject']);
const aql = z.number().positive().max(1000);
/** A piece's weight (g) or length (mm) measured at the bench, held to the bench field's rule for that measure. */
const measured = <M extends 'weight' | 'length'>(measure: M, rule: NumberRule) =>
  z.object({ lotId, piece: numberIn(limits.pieceNumber), measure: z.literal(measure), value: numberIn(rule) }).strict();

const classPlan = z.object({ aql: z.number().nullable(), codeLetter: z.string().nullable(), sampleSize: z.number(), accept: z.number(), reject: z.number() });
const classJudgement = z.object({ nonconforming: z.number(), verdict });
export const defectCode = z.object({
  code: z.string().trim().regex(/^[a-z0-9-]{2,40}$/, 'lower-case letters, digits and dashes'),
  material: z.string().trim().min(1).max(40),
  class: defectClass,
  nameEn: z.string().trim().min(1).max(80),
  nameSw: z.string().trim().min(1).max(80),
  key: z.string().regex(/^[a-z0-9]$/, 'one letter or digit'),
  active: z.boolean(),
});

export const inspectionView = z.object({
  lot: z.object({ id: z.string(), designSku: z.string(), designName: z.string(), artisanId: z.string(), artisanName: z.string(), finish: z.string(), inQc: z.number(), receivedQty: z.number(), round: z.number() }),
  design: z.object({
    materials: z.array(z.string()),
    checklist: z.array(z.string()),
    // The design's name and checklist in Swahili, null where the platform published none.
    nameSw: z.string().nullable(),
    checklistSw: z.array(z.string()).nullable(),
    unitWeightG: z.number(),
    tolerancePct: z.number(),
    majorAql: z.number(),
    minorAql: z.number(),
    level,
    lengthMm: z.number().nullable(),
    lengthToleranceMm: z.number().nullable(),
    imageUrl: z.string().nullable(),
  }),
  reducedEligible: z.boolean(),
  plan: z.object({ mode, level, lotSize: z.number(), sampleSize: z.number(), critical: classPlan, major: classPlan, minor: classPlan }),
  inspectionId: z.string().nullable(),
  entries: z.array(
    z.object({ id: z.string(), piece: z.number(), code: z.string().nullable(), class: defectClass.nullable(), measure: z.enum(['weight', 'length']).nullable(), value: z.number().nullable(), at: z.string(), userName: z.string() }),
  ),
  photos: z.array(z.object({ id: z.string(), piece: z.number() })),
  judgement: z.object({ critical: classJudgement, major: classJudgement, minor: classJudgement, computed: verdict, inReducedGap: z.boolean() }),
  toJudge: z.array(z.number()),
  catalogue: z.array(defectCode),
  awaitingSort: z.object({ inspectionId: z.string(), round: z.number(), decidedAt: z.string(), by: z.string() }).nullable(),
});
export type InspectionViewOut = z.infer<typeof inspectionView>;

const codeCount = z.object({ code: z.string(), class: defectClass, nameEn: z.string(), nameSw: z.string(), defects: z.number(), dphu: z.number() });
export const artisanQuality = z.object({
  artisan: z.object({ id: z.string(), name: z.string(), region: z.string() }),
  totals: z.object({ lots: z.number(), accepted: z.number(), acceptanceRate: z.number(), sampled: z.number(), dphu: z.number() }),
  byClass: z.object({ critical: z.number(), major: z.number(), minor: z.number() }),
  byCode: z.array(codeCount),
  designs: z.array(z.object({ sku: z.string(), name: z.string(), lots: z.number(), acceptanceRate: z.number(), dphu: z.number(), mode })),
  weeks: z.array(z.object({ week: z.string(), lots: z.number(), acceptanceRate: z.number(), dphu: z.number() })),
  recent: z.array(
    z.object({
      lotId: z.string(),
      at: z.string(),
      designSku: z.string(),
      verdict,
      overridden: z.boolean(),
      overrideReason: z.string().nullable(),
      disposition: z.string(),
      critical: z.number(),
      major: z.number(),
      minor: z.number(),
      sampleSize: z.number(),
      quantity: z.number(),
      mode,
      inspector: z.string(),
    }),
  ),
});

const topDefect = z.object({ code: z.string(), nameEn: z.string(), nameSw: z.string(), defects: z.number() }).nullable();
export const qualityRanking = z.object({
  days: z.number(),
  artisans: z.array(
    z.object({ id: z.string(), name: z.string(), region: z.string(), lots: z.number(), acceptanceRate: z.number(), dphu: z.number(), needsSupport: z.enum(['tightened', 'discontinued']).nullable(), topDefect }),
  ),
  support: z.array(z.object({ artisanId: z.string(), name: z.string(), designSku: z.string(), designName: z.string(), mode: z.enum(['tightened', 'discontinued']), since: z.string(), topDefect })),
});

const defaults = z.object({ majorAql: aql, minorAql: aql, level, firstLots: z.number().int().min(0).max(50) });
export const designSettings = z.object({
  designSku: z.string().max(40),
  majorAql: aql.nullable(),
  minorAql: aql.nullable(),
  level: level.nullable(),
  lengthMm: z.number().positive().max(2000).nullable(),
  lengthToleranceMm: z.number().min(0).max(100).nullable(),
  imageUrl: z.string().trim().max(500).nullable(),
});
const pair = { artisanId: z.string().max(40), designSku: z.string().max(40) };

export const qcProcedures = {
  'qc.waiting': procedure(
    none,
    z.array(z.object({ lotId: z.string(), designSku: z.string(), designName: z.string(), artisanName: z.string(), inQc: z.number(), receivedAt: z.string() })),
    inspectors,
  ),
  'qc.open': procedure(z.object({ lotId }).strict(), inspectionView, inspectors),
  'qc.logDefect': procedure(z.object({ lotId, piece: numberIn(limits.pieceNumber), code: z.string().trim().min(1).max(40) }).strict(), inspectionView, inspectors),
  'qc.markGood': procedure(z.object({ lotId, piece: numberIn(limits.pieceNumber) }).strict(), inspectionView, inspectors),
  'qc.measure': procedure(z.discriminatedUnion('measure', [measured('weight', limits.pieceG), measured('length', limits.pieceLengthMm)]), inspectionView, inspectors),
  'qc.takePhoto': procedure(z.object({ lotId, piece: numberIn(limits.pieceNumber), jpeg: z.string().max(80_000) }).strict(), inspectionView, inspectors),
  'qc.photo': procedure(z.object({ photoId: z.string().max(64) }).strict(), z.object({ jpeg: z.string() }), inspectors),
  'qc.removeEntry': procedure(z.object({ lotId, entryId: z.string().max(64) }).strict(), inspectionView, inspectors),
  'qc.decide': procedure(
    z.object({ lotId, inspectionId: z.string().max(64).nullable(), verdict, disposition: z.enum(['return', 'sort', 'rework']).nullable(), reason: z.string().max(500).nullable() }).strict(),
    z.object({ verdict, disposition: z.enum(['refining', 'return', 'sort', 'rework']), quantity: z.number(), returnNoteJobId: z.string().nullable() }),
    inspectors,
  ),
  'qc.sort': procedure(
    z.object({ lotId, good: z.number().int().min(0), bad: z.number().int().min(0), badTo: z.enum(['returned', 'scrapped']) }).strict(),
    z.object({ returnNoteJobId: z.string().nullable() }),
    inspectors,
  ),
  'qc.approveReduced': procedure(z.object(pair).strict(), ok, supervisors),
  'qc.restart': procedure(z.object({ ...pair, reason: z.string().max(500) }).strict(), ok, supervisors),
  'qc.settings': procedure(
    none,
    z.object({
      defaults,
      aqls: z.array(z.number()),
      codes: z.array(defectCode),
      designs: z.array(z.object({ sku: z.string(), name: z.string(), materials: z.array(z.string()), majorAql: z.number().nullable(), minorAql: z.number().nullable(), level: level.nullable(), lengthMm: z.number().nullable(), lengthToleranceMm: z.number().nullable(), imageUrl: z.string().nullable() })),
    }),
    inspectors,
  ),
  'qc.saveDefaults': procedure(defaults.strict(), ok, supervisors),
  'qc.saveDesign': procedure(designSettings.strict(), ok, supervisors),
  'qc.saveDefectCode': procedure(defectCode.strict(), ok, supervisors),
  'qc.quality': procedure(z.object({ artisanId: z.string().max(40) }).strict(), artisanQuality, ['inspector', 'supervisor', 'admin', 'clerk']),
  'qc.ranking': procedure(none, qualityRanking, supervisors),
  'qc.exportCsv': procedure(z.object({ artisanId: z.string().max(40).nullable() }).strict(), z.object({ filename: z.string(), csv: z.string(), rows: z.number() }), ['inspector', 'supervisor', 'admin']),
} as const;
