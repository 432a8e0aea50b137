import type { sqlite3 } from '../../db/dialect';
import type { DesignTable } from '../../db/schema';
import { regions } from '../../demo/data';
import type { Random } from '../../demo/random';
import { BulkWriter } from './bulkInsert';
import { all } from './rawSql';

// The planning figures (domain.md, "Numbers to plan for"): the demo's 60 artisans and 16 designs
// would make every artisan or design filter match a huge share of a million lots.
export const plannedArtisans = 25_000;
export const plannedDesigns = 3_000;

export interface LotDesign {
  sku: string;
  finishes: string[];
  unitWeightG: number;
}

export interface ReferenceData {
  artisanIds: string[];
  designs: LotDesign[];
}

/** Tops the demo's artisans and designs up to the planning figures, in the demo's style. */
export async function topUpReferenceData(raw: sqlite3.Database, random: Random, now: Date): Promise<ReferenceData> {
  const artisanIds = (await all<{ id: string }>(raw, 'SELECT id FROM artisans ORDER BY id')).map((a) => a.id);
  const templates = await all<DesignTable>(raw, 'SELECT * FROM designs ORDER BY sku');
  const writer = await BulkWriter.begin(raw);
  const artisans = writer.table('artisans', ['id', 'name', 'phone', 'region', 'joined_on']);
  const regionNames = Object.keys(regions);
  for (let n = artisanIds.length + 1; n <= plannedArtisans; n++) {
    const id = `A-${String(n).padStart(5, '0')}`;
    const region = random.pick(regionNames);
    const names = regions[region]!;
    const joinedOn = new Date(now.getTime() - random.int(60, 3000) * 86_400_000).toISOString().slice(0, 10);
    artisans.add([id, `${random.pick(names.first)} ${random.pick(names.last)}`, `+2547${random.int(10_000_000, 99_999_999)}`, region, joinedOn]);
    artisanIds.push(id);
  }
  const designColumns = ['sku', 'name', 'materials', 'finishes', 'unit_weight_g', 'weight_tolerance_pct', 'plating_area_cm2', 'qc_checklist'] as const;
  const designTable = writer.table('designs', designColumns);
  const designs = templates.map((d) => ({ ...d }));
  for (let n = templates.length + 1; n <= plannedDesigns; n++) {
    const template = random.pick(templates);
    // BR-CUF-001 gives BR-CUF-0017: same family, a number of its own.
    const design = { ...template, sku: `${template.sku.slice(0, 7)}${String(n).padStart(4, '0')}`, name: `${template.name} ${n}` };
    designTable.add(designColumns.map((c) => design[c]));
    designs.push(design);
  }
  await writer.finish();
  return {
    artisanIds,
    designs: designs.map((d) => ({ sku: d.sku, finishes: JSON.parse(d.finishes) as string[], unitWeightG: d.unit_weight_g })),
  };
}
