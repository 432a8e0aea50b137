import { samplingPlan, type InspectionLevel, type InspectionMode } from './sampling';

// The plan of one inspection: for each defect class its own sampling plan, and the largest sample
// any class needs (the pieces the inspector pulls, numbered 1..n). Criticals are never accepted:
// any critical in the whole sample rejects the lot.

export const defectClasses = ['critical', 'major', 'minor'] as const;
export type DefectClass = (typeof defectClasses)[number];

/** How this artisan's lots of this design are inspected now (from the switching state). */
export const qcModes = ['all', 'normal', 'tightened', 'reduced', 'discontinued'] as const;
export type QcMode = (typeof qcModes)[number];

export interface ClassPlan {
  aql: number | null;
  codeLetter: string | null;
  sampleSize: number;
  accept: number;
  reject: number;
}

export interface LotPlan {
  mode: QcMode;
  level: InspectionLevel;
  lotSize: number;
  /** Pieces to pull: the largest sample any class needs (the whole lot at 100% inspection). */
  sampleSize: number;
  critical: ClassPlan;
  major: ClassPlan;
  minor: ClassPlan;
}

/** The tables' inspection for a mode: first lots at 100% are judged as normal, a discontinued artisan as tightened. */
function tableMode(mode: QcMode): InspectionMode {
  if (mode === 'all') return 'normal';
  if (mode === 'discontinued') return 'tightened';
  return mode;
}

function classPlan(lotSize: number, aql: number, level: InspectionLevel, mode: QcMode): ClassPlan {
  // A single piece is simply looked at: no table starts below 2.
  if (lotSize < 2) return { aql, codeLetter: null, sampleSize: lotSize, accept: 0, reject: 1 };
  const plan = samplingPlan({ lotSize, aql, level, inspection: tableMode(mode) });
  return { aql, codeLetter: plan.codeLetter, sampleSize: plan.sampleSize, accept: plan.accept, reject: plan.reject };
}

export function lotPlan(q: { lotSize: number; mode: QcMode; level: InspectionLevel; majorAql: number; minorAql: number }): LotPlan {
  const major = classPlan(q.lotSize, q.majorAql, q.level, q.mode);
  const minor = classPlan(q.lotSize, q.minorAql, q.level, q.mode);
  const sampleSize = q.mode === 'all' ? q.lotSize : Math.max(major.sampleSize, minor.sampleSize);
  return wholeLotAtAll({
    mode: q.mode,
    level: q.level,
    lotSize: q.lotSize,
    sampleSize,
    critical: { aql: null, codeLetter: null, sampleSize, accept: 0, reject: 1 },
    major,
    minor,
  });
}

/**
 * At 100 % every class is judged on every piece, by the Ac and Re of its normal plan: a defect on
 * the last piece counts as much as one on the first. Plans stored before this rule judged each
 * class on its normal sample only, so a resumed inspection's plan is passed through here too.
 */
export function wholeLotAtAll(plan: LotPlan): LotPlan {
  if (plan.mode !== 'all') return plan;
  const whole = (c: ClassPlan): ClassPlan => ({ ...c, sampleSize: plan.lotSize });
  return { ...plan, critical: whole(plan.critical), major: whole(plan.major), minor: whole(plan.minor) };
}

export interface ClassJudgement {
  /** Pieces among the first sampleSize of the sample with at least one defect of this class. */
  nonconforming: number;
  verdict: 'accept' | 'reject';
}

export interface Judgement {
  critical: ClassJudgement;
  major: ClassJudgement;
  minor: ClassJudgement;
  computed: 'accept' | 'reject';
  /** Reduced inspection accepted a lot with more than Ac but fewer than Re: normal inspection returns. */
  inReducedGap: boolean;
}

/** Each class by its own plan, on the first pieces of the sample as many as its plan needs. */
export function judge(plan: LotPlan, defects: readonly { piece: number; class: DefectClass }[]): Judgement {
  let gap = false;
  const judged = (c: DefectClass): ClassJudgement => {
    const own = plan[c];
    const pieces = new Set(defects.filter((d) => d.class === c && d.piece <= own.sampleSize).map((d) => d.piece));
    const nonconforming = pieces.size;
    if (nonconforming > own.accept && nonconforming < own.reject) gap = true;
    return { nonconforming, verdict: nonconforming >= own.reject ? 'reject' : 'accept' };
  };
  const critical = judged('critical');
  const major = judged('major');
  const minor = judged('minor');
  const computed = [critical, major, minor].some((j) => j.verdict === 'reject') ? 'reject' : 'accept';
  return { critical, major, minor, computed, inReducedGap: computed === 'accept' && gap };
}
