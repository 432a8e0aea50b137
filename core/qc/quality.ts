import { sql } from 'kysely';
import { AppError } from '../kernel/errors';
import type { Db } from '../db/schema';
import { localIso, siteTimeZone } from '../reference/siteTime';
import type { DefectClass, QcMode } from './plan';

// Each artisan's quality, from the decisions and the defects logged in the inspections decided:
// lots inspected, acceptance, defects per hundred units sampled (by class and code), the
// switching state per design, and the trend by week (Nairobi weeks, starting Monday).

const day = 86_400_000;
const dphu = (defects: number, sampled: number) => (sampled ? Math.round((defects * 10_000) / sampled) / 100 : 0);
const rate = (accepted: number, lots: number) => (lots ? Math.round((accepted * 1000) / lots) / 10 : 0);
/** The Monday (Nairobi) of the week a decision was made in. */
const weekOf = sql<string>`date(qc_decisions.at, '+3 hours', 'weekday 0', '-6 days')`;
const acceptedCount = sql<number>`sum(qc_decisions.verdict = 'accept')`;

export interface CodeCount {
  code: string;
  class: DefectClass;
  nameEn: string;
  nameSw: string;
  defects: number;
  dphu: number;
}

async function codeNames(db: Db): Promise<Map<string, { nameEn: string; nameSw: string }>> {
  const rows = await db.selectFrom('qc_defect_codes').select(['code', 'name_en', 'name_sw']).execute();
  return new Map(rows.map((r) => [r.code, { nameEn: r.name_en, nameSw: r.name_sw }]));
}

export async function artisanQuality(db: Db, artisanId: string) {
  const artisan = await db.selectFrom('artisans').select(['id', 'name', 'region']).where('id', '=', artisanId).executeTakeFirst();
  if (!artisan) throw new AppError('artisan.notFound', `No artisan ${artisanId}`, { artisan: artisanId });
  const decisions = db.selectFrom('qc_decisions').where('qc_decisions.artisan_id', '=', artisanId);
  const defects = decisions
    .innerJoin('qc_entries', 'qc_entries.inspection_id', 'qc_decisions.inspection_id')
    .where('qc_entries.removed', '=', 0)
    .where('qc_entries.class', 'is not', null);
  const [designs, codes, weeks, designDefects, weekDefects, recent, names] = await Promise.all([
    decisions
      .innerJoin('designs', 'designs.sku', 'qc_decisions.design_sku')
      .leftJoin('qc_switching', (j) => j.onRef('qc_switching.artisan_id', '=', 'qc_decisions.artisan_id').onRef('qc_switching.design_sku', '=', 'qc_decisions.design_sku'))
      .select((eb) => ['qc_decisions.design_sku as sku', 'designs.name', 'qc_switching.mode', eb.fn.countAll<number>().as('lots'), acceptedCount.as('accepted'), eb.fn.sum<number>('qc_decisions.sample_size').as('sampled')])
      .groupBy('qc_decisions.design_sku')
      .orderBy('lots', 'desc')
      .execute(),
    defects.select((eb) => ['qc_entries.code', 'qc_entries.class', eb.fn.countAll<number>().as('defects')]).groupBy(['qc_entries.code', 'qc_entries.class']).orderBy('defects', 'desc').execute(),
    decisions.select((eb) => [weekOf.as('week'), eb.fn.countAll<number>().as('lots'), acceptedCount.as('accepted'), eb.fn.sum<number>('qc_decisions.sample_size').as('sampled')]).groupBy('week').orderBy('week', 'desc').limit(104).execute(),
    defects.select((eb) => ['qc_decisions.design_sku as sku', eb.fn.countAll<number>().as('defects')]).groupBy('qc_decisions.design_sku').execute(),
    defects.select((eb) => [weekOf.as('week'), eb.fn.countAll<number>().as('defects')]).groupBy('week').execute(),
    decisions
      .leftJoin('users', 'users.id', 'qc_decisions.user_id')
      .select(['qc_decisions.lot_id', 'qc_decisions.at', 'qc_decisions.design_sku', 'verdict', 'computed', 'override_reason', 'disposition', 'critical', 'major', 'minor', 'sample_size', 'quantity', 'mode', 'users.name as inspector'])
      .orderBy('qc_decisions.at', 'desc')
      .limit(30)
      .execute(),
    codeNames(db),
  ]);
  const sampled = designs.reduce((n, d) => n + Number(d.sampled), 0);
  const lots = designs.reduce((n, d) => n + Number(d.lots), 0);
  const accepted = designs.reduce((n, d) => n + Number(d.accepted), 0);
  const byCode: CodeCount[] = codes.map((c) => ({ code: c.code ?? '', class: c.class!, ...(names.get(c.code ?? '') ?? { nameEn: c.code ?? '', nameSw: c.code ?? '' }), defects: Number(c.defects), dphu: dphu(Number(c.defects), sampled) }));
  const classTotal = (k: DefectClass) => byCode.filter((c) => c.class === k).reduce((n, c) => n + c.defects, 0);
  const perDesign = new Map(designDefects.map((d) => [d.sku, Number(d.defects)]));
  const perWeek = new Map(weekDefects.map((w) => [w.week, Number(w.defects)]));
  return {
    artisan: { id: artisan.id, name: artisan.name, region: artisan.region },
    totals: { lots, accepted, acceptanceRate: rate(accepted, lots), sampled, dphu: dphu(classTotal('critical') + classTotal('major') + classTotal('minor'), sampled) },
    byClass: { critical: dphu(classTotal('critical'), sampled), major: dphu(classTotal('major'), sampled), minor: dphu(classTotal('minor'), sampled) },
    byCode,
    designs: designs.map((d) => ({
      sku: d.sku,
      name: d.name,
      lots: Number(d.lots),
      acceptanceRate: rate(Number(d.accepted), Number(d.lots)),
      dphu: dphu(perDesign.get(d.sku) ?? 0, Number(d.sampled)),
      mode: (d.mode ?? 'all') as QcMode,
    })),
    weeks: weeks.reverse().map((w) => ({ week: w.week, lots: Number(w.lots), acceptanceRate: rate(Number(w.accepted), Number(w.lots)), dphu: dphu(perWeek.get(w.week) ?? 0, Number(w.sampled)) })),
    recent: recent.map((r) => ({
      lotId: r.lot_id,
      at: r.at,
      designSku: r.design_sku,
      verdict: r.verdict,
      overridden: r.verdict !== r.computed,
      overrideReason: r.override_reason,
      disposition: r.disposition,
      critical: r.critical,
      major: r.major,
      minor: r.minor,
      sampleSize: r.sample_size,
      quantity: r.quantity,
      mode: r.mode as QcMode,
      inspector: r.inspector ?? '',
    })),
  };
}

/** The supervisor's view: artisans ranked by acceptance over the last days, and who needs support on what. */
export async function qualityRanking(db: Db, now: Date, days = 90) {
  const since = new Date(now.getTime() - days * day).toISOString();
  const recent = db.selectFrom('qc_decisions').where('qc_decisions.at', '>=', since);
  const [rows, defects, support, names] = await Promise.all([
    recent
      .innerJoin('artisans', 'artisans.id', 'qc_decisions.artisan_id')
      .select((eb) => ['qc_decisions.artisan_id as id', 'artisans.name', 'artisans.region', eb.fn.countAll<number>().as('lots'), acceptedCount.as('accepted'), eb.fn.sum<number>('qc_decisions.sample_size').as('sampled')])
      .groupBy('qc_decisions.artisan_id')
      .execute(),
    recent
      .innerJoin('qc_entries', 'qc_entries.inspection_id', 'qc_decisions.inspection_id')
      .where('qc_entries.removed', '=', 0)
      .where('qc_entries.class', 'is not', null)
      .select((eb) => ['qc_decisions.artisan_id as id', 'qc_decisions.design_sku as sku', 'qc_entries.code', eb.fn.countAll<number>().as('defects')])
      .groupBy(['qc_decisions.artisan_id', 'qc_decisions.design_sku', 'qc_entries.code'])
      .execute(),
    db
      .selectFrom('qc_switching')
      .innerJoin('artisans', 'artisans.id', 'qc_switching.artisan_id')
      .innerJoin('designs', 'designs.sku', 'qc_switching.design_sku')
      .select(['qc_switching.artisan_id as id', 'artisans.name', 'qc_switching.design_sku as sku', 'designs.name as designName', 'qc_switching.mode', 'qc_switching.updated_at'])
      .where('qc_switching.mode', 'in', ['tightened', 'discontinued'])
      .orderBy('qc_switching.mode')
      .orderBy('qc_switching.updated_at', 'desc')
      .limit(200)
      .execute(),
    codeNames(db),
  ]);
  const top = (keep: (d: (typeof defects)[number]) => boolean) => {
    const counts = new Map<string, number>();
    for (const d of defects) if (keep(d)) counts.set(d.code ?? '', (counts.get(d.code ?? '') ?? 0) + Number(d.defects));
    const best = [...counts].sort((a, b) => b[1] - a[1])[0];
    return best ? { code: best[0], ...(names.get(best[0]) ?? { nameEn: best[0], nameSw: best[0] }), defects: best[1] } : null;
  };
  const defectsOf = new Map<string, number>();
  for (const d of defects) defectsOf.set(d.id, (defectsOf.get(d.id) ?? 0) + Number(d.defects));
  const modes = new Map<string, string>();
  for (const s of support) if (modes.get(s.id) !== 'discontinued') modes.set(s.id, s.mode);
  const artisans = rows
    .map((r) => ({
      id: r.id,
      name: r.name,
      region: r.region,
      lots: Number(r.lots),
      acceptanceRate: rate(Number(r.accepted), Number(r.lots)),
      dphu: dphu(defectsOf.get(r.id) ?? 0, Number(r.sampled)),
      needsSupport: (modes.get(r.id) ?? null) as 'tightened' | 'discontinued' | null,
      topDefect: top((d) => d.id === r.id),
    }))
    .sort((a, b) => a.acceptanceRate - b.acceptanceRate || b.dphu - a.dphu || a.name.localeCompare(b.name))
    .slice(0, 100);
  return {
    days,
    artisans,
    support: support.map((s) => ({ artisanId: s.id, name: s.name, designSku: s.sku, designName: s.designName, mode: s.mode as 'tightened' | 'discontinued', since: s.updated_at, topDefect: top((d) => d.id === s.id && d.sku === s.sku) })),
  };
}

const csvCell = (v: string | number | null) => {
  const text = v === null ? '' : String(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

const csvColumns = ['lot', 'decided_at', 'artisan_id', 'artisan', 'design', 'mode', 'lot_pieces', 'sampled', 'critical', 'major', 'minor', 'app_verdict', 'verdict', 'override_reason', 'disposition', 'sorted_good', 'sorted_bad', 'inspector'];

/** Every inspection decided (of one artisan, or everyone's over the last year) as CSV, newest first, in the site's time. */
export async function inspectionsCsv(db: Db, artisanId: string | null, now: Date): Promise<{ filename: string; csv: string; rows: number }> {
  let query = db
    .selectFrom('qc_decisions')
    .innerJoin('artisans', 'artisans.id', 'qc_decisions.artisan_id')
    .leftJoin('users', 'users.id', 'qc_decisions.user_id')
    .select(['lot_id', 'at', 'artisan_id', 'artisans.name', 'design_sku', 'mode', 'quantity', 'sample_size', 'critical', 'major', 'minor', 'computed', 'verdict', 'override_reason', 'disposition', 'sorted_good', 'sorted_bad', 'users.name as inspector'])
    .orderBy('at', 'desc')
    .limit(100_000);
  query = artisanId ? query.where('artisan_id', '=', artisanId) : query.where('at', '>=', new Date(now.getTime() - 365 * day).toISOString());
  const rows = await query.execute();
  const zone = await siteTimeZone(db);
  const lines = [csvColumns.join(',')];
  for (const r of rows)
    lines.push([r.lot_id, localIso(r.at, zone), r.artisan_id, r.name, r.design_sku, r.mode, r.quantity, r.sample_size, r.critical, r.major, r.minor, r.computed, r.verdict, r.override_reason, r.disposition, r.sorted_good, r.sorted_bad, r.inspector].map(csvCell).join(','));
  const stamp = localIso(now.toISOString(), zone).slice(0, 10);
  return { filename: `inspections-${artisanId ?? 'all'}-${stamp}.csv`, csv: `${lines.join('\r\n')}\r\n`, rows: rows.length };
}
