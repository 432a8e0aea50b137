import { AppError } from '../kernel/errors';
import type { Ctx } from '../app/context';
import type { Db } from '../db/schema';
import { qcDefaultsSet, qcDefectCodeSaved, qcDesignSet } from './events';
import { inspectionLevels, tabulatedAqls, type InspectionLevel } from './sampling';
import type { DefectClass } from './plan';
import { defaultFirstLots } from './switchingStore';

// What a supervisor sets: the company's defaults, each design's AQLs, level, length and image,
// and the defect catalogue (codes per material, '*' for every material), each a synced event.

export const companyDefaults = { majorAql: 2.5, minorAql: 4.0, level: 'II' as InspectionLevel, firstLots: defaultFirstLots };
export type QcDefaults = typeof companyDefaults;

export interface DefectCode {
  code: string;
  material: string;
  class: DefectClass;
  nameEn: string;
  nameSw: string;
  key: string;
  active: boolean;
}

export interface DesignQc {
  majorAql: number;
  minorAql: number;
  level: InspectionLevel;
  lengthMm: number | null;
  lengthToleranceMm: number | null;
  imageUrl: string | null;
}

export async function qcDefaults(db: Db): Promise<QcDefaults> {
  const row = await db.selectFrom('qc_settings').selectAll().executeTakeFirst();
  return row ? { majorAql: row.major_aql, minorAql: row.minor_aql, level: row.level as InspectionLevel, firstLots: row.first_lots } : companyDefaults;
}

export async function designQc(db: Db, sku: string, defaults?: QcDefaults): Promise<DesignQc> {
  const base = defaults ?? (await qcDefaults(db));
  const own = await db.selectFrom('qc_design_settings').selectAll().where('design_sku', '=', sku).executeTakeFirst();
  return {
    majorAql: own?.major_aql ?? base.majorAql,
    minorAql: own?.minor_aql ?? base.minorAql,
    level: (own?.level as InspectionLevel | null) ?? base.level,
    lengthMm: own?.length_mm ?? null,
    lengthToleranceMm: own?.length_tolerance_mm ?? null,
    imageUrl: own?.image_url ?? null,
  };
}

const codeOf = (r: { code: string; material: string; class: DefectClass; name_en: string; name_sw: string; key: string; active: number }): DefectCode => ({
  code: r.code,
  material: r.material,
  class: r.class,
  nameEn: r.name_en,
  nameSw: r.name_sw,
  key: r.key,
  active: r.active === 1,
});

/** The active codes for a design made of these materials, in key order. */
export async function catalogueFor(db: Db, materials: string[]): Promise<DefectCode[]> {
  const rows = await db.selectFrom('qc_defect_codes').selectAll().where('active', '=', 1).where('material', 'in', [...materials, '*']).orderBy('key').execute();
  return rows.map(codeOf);
}

export async function settingsView(db: Db) {
  const defaults = await qcDefaults(db);
  const codes = (await db.selectFrom('qc_defect_codes').selectAll().orderBy('material').orderBy('key').execute()).map(codeOf);
  const designs = await db
    .selectFrom('designs')
    .leftJoin('qc_design_settings', 'qc_design_settings.design_sku', 'designs.sku')
    .select(['designs.sku', 'designs.name', 'designs.materials', 'major_aql', 'minor_aql', 'level', 'length_mm', 'length_tolerance_mm', 'image_url'])
    .orderBy('designs.sku')
    .limit(500)
    .execute();
  return {
    defaults,
    aqls: [...tabulatedAqls],
    codes,
    designs: designs.map((d) => ({
      sku: d.sku,
      name: d.name,
      materials: JSON.parse(d.materials) as string[],
      majorAql: d.major_aql,
      minorAql: d.minor_aql,
      level: d.level as InspectionLevel | null,
      lengthMm: d.length_mm,
      lengthToleranceMm: d.length_tolerance_mm,
      imageUrl: d.image_url,
    })),
  };
}

function checkAql(aql: number | null): void {
  if (aql !== null && !tabulatedAqls.some((a) => Math.abs(a - aql) < 1e-9)) throw new AppError('qc.aqlNotTabulated', `AQL ${aql} is not in the standard's tables`, { aql });
}

function checkLevel(level: string | null): void {
  if (level !== null && !(inspectionLevels as readonly string[]).includes(level)) throw new AppError('qc.levelUnknown', `Unknown inspection level ${level}`, { level });
}

export async function saveDefaults(ctx: Ctx, d: QcDefaults): Promise<void> {
  checkAql(d.majorAql);
  checkAql(d.minorAql);
  checkLevel(d.level);
  await ctx.write(({ record }) => record(qcDefaultsSet, d));
}

export async function saveDesign(ctx: Ctx, d: { designSku: string } & { [K in keyof DesignQc]: DesignQc[K] | null }): Promise<void> {
  const design = await ctx.db.selectFrom('designs').select('sku').where('sku', '=', d.designSku).executeTakeFirst();
  if (!design) throw new AppError('design.notFound', `No design ${d.designSku}`, { sku: d.designSku });
  checkAql(d.majorAql);
  checkAql(d.minorAql);
  checkLevel(d.level);
  if ((d.lengthMm === null) !== (d.lengthToleranceMm === null)) throw new AppError('qc.lengthNeedsTolerance', 'A length needs its tolerance, and a tolerance its length');
  await ctx.write(({ record }) => record(qcDesignSet, d));
}

export async function saveDefectCode(ctx: Ctx, c: DefectCode): Promise<void> {
  // One key means one defect wherever both codes could be offered (same material, or '*').
  const clash = await ctx.db
    .selectFrom('qc_defect_codes')
    .select(['code', 'name_en'])
    .where('key', '=', c.key)
    .where('active', '=', 1)
    .where('code', '!=', c.code)
    .where((eb) => (c.material === '*' ? eb.val(true) : eb('material', 'in', [c.material, '*'])))
    .executeTakeFirst();
  if (clash && c.active) throw new AppError('qc.keyTaken', `Key ${c.key} is already ${clash.name_en}`, { key: c.key, code: clash.code });
  await ctx.write(({ record }) => record(qcDefectCodeSaved, c));
}
