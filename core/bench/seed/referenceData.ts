import type { sqlite3 } from '../../db/dialect';
import type { DesignTable } from '../../db/schema';
import { regions } from '../../demo/data';
import type { Random } from '../../demo/random';
import { BulkWriter } from './bulkInsert';
import { eventColumns, eventRow, type LogEvent, type LogPosition } from './eventLog';
import { all } from './rawSql';

// The planning figures (domain.md, "Numbers to plan for"): the demo's 60 artisans and 16 designs
// would make every artisan or design filter match a huge share of a million lots.
export const plannedArtisans = 25_000;
export const plannedDesigns = 3_000;
/** The station code upstream records its own facts under (upstreamStationCode in upstream/recorded.ts). */
const upstreamStation = 'UP';
/** The other receiving desks whose lots this store holds, registered like the demo's stations. */
export const otherDesks = [
  { code: 'R2', name: 'Receiving desk 2', desk: 'receiving' },
  { code: 'R3', name: 'Receiving desk 3', desk: 'receiving' },
];

export interface LotDesign {
  sku: string;
  finishes: string[];
  unitWeightG: number;
}

export interface ReferenceData {
  artisanIds: string[];
  designs: LotDesign[];
}

/**
 * Tops the demo's artisans and designs up to the planning figures, and registers the other desks:
 * rows and the upstream events (artisan.registered, design.published, siteStation.registered)
 * that made them, as a station pulls them, all at `at`.
 */
export async function topUpReferenceData(raw: sqlite3.Database, random: Random, at: Date, position: LogPosition, userId: string): Promise<ReferenceData> {
  const artisanIds = (await all<{ id: string }>(raw, 'SELECT id FROM artisans ORDER BY id')).map((a) => a.id);
  const templates = await all<DesignTable>(raw, 'SELECT * FROM designs ORDER BY sku');
  const writer = await BulkWriter.begin(raw);
  const events = writer.table('events', eventColumns);
  const published = (type: string, payload: unknown) => {
    const event: LogEvent = { at: at.getTime(), station: upstreamStation, type, lotId: null, payload: JSON.stringify(payload), userId };
    events.add(eventRow(position, event, false, true));
  };

  const artisans = writer.table('artisans', ['id', 'name', 'phone', 'region', 'joined_on']);
  const regionNames = Object.keys(regions);
  for (let n = artisanIds.length + 1; n <= plannedArtisans; n++) {
    const id = `A-${String(n).padStart(5, '0')}`;
    const region = random.pick(regionNames);
    const names = regions[region]!;
    const artisan = {
      id,
      name: `${random.pick(names.first)} ${random.pick(names.last)}`,
      phone: `+2547${random.int(10_000_000, 99_999_999)}`,
      region,
      joinedOn: new Date(at.getTime() - random.int(60, 3000) * 86_400_000).toISOString().slice(0, 10),
    };
    artisans.add([artisan.id, artisan.name, artisan.phone, artisan.region, artisan.joinedOn]);
    published('artisan.registered', artisan);
    artisanIds.push(id);
  }

  const designColumns = ['sku', 'name', 'materials', 'finishes', 'unit_weight_g', 'weight_tolerance_pct', 'plating_area_cm2', 'qc_checklist'] as const;
  const designTable = writer.table('designs', designColumns);
  const designs = [...templates];
  for (let n = templates.length + 1; n <= plannedDesigns; n++) {
    const template = random.pick(templates);
    // BR-CUF-001 gives BR-CUF-0017: same family, a number of its own.
    const design = { ...template, sku: `${template.sku.slice(0, 7)}${String(n).padStart(4, '0')}`, name: `${template.name} ${n}` };
    designTable.add(designColumns.map((c) => design[c]));
    published('design.published', {
      sku: design.sku,
      name: design.name,
      materials: JSON.parse(design.materials) as string[],
      finishes: JSON.parse(design.finishes) as string[],
      unitWeightG: design.unit_weight_g,
      tolerancePct: design.weight_tolerance_pct,
      platingAreaCm2: design.plating_area_cm2,
      qcChecklist: JSON.parse(design.qc_checklist) as string[],
    });
    designs.push(design);
  }

  const desks = writer.table('site_stations', ['code', 'name', 'desk']);
  for (const desk of otherDesks) {
    desks.add([desk.code, desk.name, desk.desk]);
    published('siteStation.registered', desk);
  }
  await writer.finish();
  return {
    artisanIds,
    designs: designs.map((d) => ({ sku: d.sku, finishes: JSON.parse(d.finishes) as string[], unitWeightG: d.unit_weight_g })),
  };
}
