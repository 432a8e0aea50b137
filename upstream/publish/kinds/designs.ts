import { fact, type Fact } from '../../../core/demo/reference';
import { designPublished } from '../../../core/reference/events';
import { changed, inPieces, keysOf, readers, type Kind } from '../kind';

type Design = { sku: string; name: string; materials: string[]; finishes: string[]; unitWeightG: number; tolerancePct: number; platingAreaCm2: number; qcChecklist: string[]; nameSw?: string; qcChecklistSw?: string[] };

/** The Swahili words a design has, leaving out those it has none of (so an unchanged row compares equal). */
const swahili = (nameSw: string | null | undefined, qcChecklistSw: string[] | null | undefined) => ({ ...(nameSw ? { nameSw } : {}), ...(qcChecklistSw ? { qcChecklistSw } : {}) });

/** Designs: lists (materials, finishes, qc_checklist, qc_checklist_sw) separated by ";"; a design keeps its QC checklist and its Swahili words unless the file gives them. */
export const designs: Kind = {
  required: ['sku', 'name', 'materials', 'finishes', 'unit_weight_g', 'tolerance_pct', 'plating_area_cm2'],
  optional: ['qc_checklist', 'name_sw', 'qc_checklist_sw'],
  async facts(rows, { db, problems }) {
    const stored = new Map<string, Design>(
      (await inPieces(keysOf(rows, 'sku'), (piece) => db.selectFrom('designs').selectAll().where('sku', 'in', piece).execute())).map((d) => [
        d.sku,
        {
          sku: d.sku,
          name: d.name,
          materials: JSON.parse(d.materials) as string[],
          finishes: JSON.parse(d.finishes) as string[],
          unitWeightG: Number(d.unit_weight_g),
          tolerancePct: Number(d.weight_tolerance_pct),
          platingAreaCm2: Number(d.plating_area_cm2),
          qcChecklist: JSON.parse(d.qc_checklist) as string[],
          ...swahili(d.name_sw, d.qc_checklist_sw === null ? null : (JSON.parse(d.qc_checklist_sw) as string[])),
        },
      ]),
    );
    const seen = new Map<string, number>();
    const facts: Fact[] = [];
    for (const r of readers(rows, problems)) {
      const sku = r.id('sku');
      if (sku) r.once(seen, 'sku', sku);
      const payload: Design = {
        sku,
        name: r.text('name'),
        materials: r.list('materials'),
        finishes: r.list('finishes'),
        unitWeightG: r.measure('unit_weight_g'),
        tolerancePct: r.measure('tolerance_pct', true),
        platingAreaCm2: r.measure('plating_area_cm2', true),
        qcChecklist: r.list('qc_checklist', true) ?? stored.get(sku)?.qcChecklist ?? [],
        ...swahili(r.optionalText('name_sw') ?? stored.get(sku)?.nameSw, r.list('qc_checklist_sw', true) ?? stored.get(sku)?.qcChecklistSw),
      };
      if (r.ok && changed(payload, stored.get(sku))) facts.push(fact(designPublished, payload));
    }
    return facts;
  },
};
