import type { Ctx } from '../app/context';
import type { DefectCode } from './settings';
import { seededRandom } from '../demo/random';
import { fact, type Fact } from '../demo/reference';
import { moveLot, receiveLot } from '../lots/service';
import { v7 as uuidv7 } from 'uuid';
import { qcDefaultsSet, qcDefectCodeSaved, qcDesignSet, qcPieceGood } from './events';
import { openInspection, type InspectionView } from './inspection';
import { decide, inspectionIn, logDefect } from './service';

// The demo's QC: a defect catalogue per material, plans on some designs, two months of
// inspections of a few artisans (one of them struggling, on tightened inspection), and lots of
// a steady artisan left in QC for the demo's inspector.

export const demoDefectCodes: DefectCode[] = [
  { code: 'sharp-burr', material: '*', class: 'critical', nameEn: 'Sharp burr that can cut', nameSw: 'Ncha kali inayoweza kukata', key: 'x', active: true },
  { code: 'dimension', material: '*', class: 'major', nameEn: 'Dimension out of tolerance', nameSw: 'Kipimo nje ya kiwango', key: 'd', active: true },
  { code: 'porosity', material: 'brass', class: 'major', nameEn: 'Casting porosity', nameSw: 'Matundu ya uyeyushaji', key: 'p', active: true },
  { code: 'scratches', material: 'brass', class: 'minor', nameEn: 'Scratches', nameSw: 'Mikwaruzo', key: 's', active: true },
  { code: 'plating-peel', material: 'brass', class: 'major', nameEn: 'Plating peels', nameSw: 'Rangi ya dhahabu inabanduka', key: 'e', active: true },
  { code: 'rough-edge', material: 'brass', class: 'minor', nameEn: 'Rough edge', nameSw: 'Ukingo mkwaruzi', key: 'r', active: true },
  { code: 'clasp', material: 'brass', class: 'major', nameEn: 'Clasp does not work', nameSw: 'Kifungo hakifanyi kazi', key: 'c', active: true },
  { code: 'horn-crack', material: 'ankole horn', class: 'major', nameEn: 'Crack in the horn', nameSw: 'Ufa kwenye pembe', key: 'h', active: true },
  { code: 'uneven-polish', material: 'ankole horn', class: 'minor', nameEn: 'Uneven polish', nameSw: 'Ung\'arishaji usio sawa', key: 'u', active: true },
  { code: 'colour-mismatch', material: 'ankole horn', class: 'minor', nameEn: 'Colour unlike the sample', nameSw: 'Rangi tofauti na sampuli', key: 'o', active: true },
  { code: 'bone-discolour', material: 'bone', class: 'minor', nameEn: 'Bone discolouration', nameSw: 'Mfupa umebadilika rangi', key: 'b', active: true },
  { code: 'bone-crack', material: 'bone', class: 'major', nameEn: 'Crack in the bone', nameSw: 'Ufa kwenye mfupa', key: 'k', active: true },
  { code: 'inlay-gap', material: 'bone', class: 'minor', nameEn: 'Inlay not flush', nameSw: 'Kipachiko hakijakaa sawa', key: 'i', active: true },
  { code: 'olive-split', material: 'olive wood', class: 'major', nameEn: 'Split in the wood', nameSw: 'Mpasuko kwenye mbao', key: 'w', active: true },
  { code: 'mahogany-split', material: 'mahogany', class: 'major', nameEn: 'Split in the wood', nameSw: 'Mpasuko kwenye mbao', key: 'w', active: true },
];

const hour = 3_600_000;
const day = 24 * hour;

/** The artisan (first of the demo's) and design whose lots wait in QC for the demo and the e2e specs. */
export const demoQcPair = { artisanIndex: 0, designSku: 'BR-EAR-002', finish: 'polished' };

type Plan = Partial<{ majorAql: number; minorAql: number; level: 'I' | 'II' | 'III'; lengthMm: number; lengthToleranceMm: number }>;
const designPlans: [string, Plan][] = [
  ['BR-CUF-001', { majorAql: 1.5 }],
  ['BR-NCK-006', { majorAql: 1.0, minorAql: 2.5 }],
  ['HN-PEN-003', { level: 'I' }],
  ['BR-RNG-007', { lengthMm: 18, lengthToleranceMm: 0.5 }],
  ['BR-EAR-002', { lengthMm: 42, lengthToleranceMm: 1.5 }],
];

/** The QC supervisor's set-up of the demo headquarters: defaults, the defect catalogue, plans on some designs. */
export function demoQcSetupFacts(): Fact[] {
  return [
    fact(qcDefaultsSet, { majorAql: 2.5, minorAql: 4.0, level: 'II', firstLots: 3 }),
    ...demoDefectCodes.map((code) => fact(qcDefectCodeSaved, code)),
    ...designPlans.map(([designSku, d]) =>
      fact(qcDesignSet, { designSku, majorAql: d.majorAql ?? null, minorAql: d.minorAql ?? null, level: d.level ?? null, lengthMm: d.lengthMm ?? null, lengthToleranceMm: d.lengthToleranceMm ?? null, imageUrl: null }),
    ),
  ];
}

export async function seedQcDemo(now: Date, artisanIds: string[], as: (username: string, at: Date) => Ctx): Promise<void> {
  const random = seededRandom(58);
  const setupAt = new Date(now.getTime() - 80 * day);
  await as('halima', setupAt).write(async ({ record }) => {
    for (const { definition, payload } of demoQcSetupFacts()) await record(definition, payload as never);
  });
  // Per pair: how many past lots, and how likely a sampled piece is to have a defect.
  const pairs = [
    { artisan: artisanIds[demoQcPair.artisanIndex]!, designSku: demoQcPair.designSku, finish: demoQcPair.finish, lots: 9, defectRate: 0.004 },
    { artisan: artisanIds[0]!, designSku: 'BR-CUF-001', finish: 'polished', lots: 5, defectRate: 0.02 },
    { artisan: artisanIds[1]!, designSku: 'HN-PEN-003', finish: 'horn-polished', lots: 7, defectRate: 0.04 },
    { artisan: artisanIds[2]!, designSku: 'BR-NCK-012', finish: 'polished', lots: 9, defectRate: 0.2 },
    { artisan: artisanIds[3]!, designSku: 'BN-BNG-004', finish: 'polished', lots: 6, defectRate: 0.06 },
  ];
  for (const pair of pairs)
    for (let i = 0; i < pair.lots; i++) {
      const at = new Date(now.getTime() - (70 - i * 7 - random.int(0, 3)) * day);
      const lotId = await receiveLot(as('wanjiru', at), { designSku: pair.designSku, artisanId: pair.artisan, finish: pair.finish, deliveryCode: null, quantity: random.int(3, 8) * 10, weightG: null, state: 'in_qc' });
      const inspector = as('otieno', new Date(at.getTime() + 3 * hour));
      const view = await openInspection(inspector.db, lotId);
      for (let piece = 1; piece <= view.plan.sampleSize; piece++)
        if (random.chance(pair.defectRate)) await logDefect(inspector, { lotId, piece, code: random.pick(view.catalogue.filter((c) => c.class !== 'critical')).code });
      const judged = await restFoundGood(inspector, lotId);
      const decision = await decide(inspector, { lotId, inspectionId: judged.inspectionId, verdict: judged.judgement.computed, disposition: judged.judgement.computed === 'reject' ? random.pick(['return', 'return', 'rework'] as const) : null, reason: null });
      // Weeks ago: refined and in finished stock since (the demo's refining room holds other lots).
      if (decision.disposition === 'refining') await moveLot(as('kiprop', new Date(at.getTime() + 2 * day)), { lotId, from: 'refining', to: 'finished', quantity: decision.quantity, reason: null });
    }
  // Waiting at the bench: four lots of the steady artisan, delivered this morning (20 pieces: 5 pulled).
  for (const quantity of [60, 40, 20, 20])
    await receiveLot(as('wanjiru', new Date(now.getTime() - 2 * hour)), { designSku: demoQcPair.designSku, artisanId: pairs[0]!.artisan, finish: demoQcPair.finish, deliveryCode: null, quantity, weightG: null, state: 'in_qc' });
}

/** The demo's inspector finds every piece not yet judged good: one write for them all, so the demo loads quickly. */
async function restFoundGood(ctx: Ctx, lotId: string): Promise<InspectionView> {
  const view = await openInspection(ctx.db, lotId);
  await ctx.write(async (tx) => {
    const inspectionId = await inspectionIn(tx, view);
    for (const piece of view.toJudge) await tx.record(qcPieceGood, { inspectionId, lotId, entryId: uuidv7(), piece });
  });
  return openInspection(ctx.db, lotId);
}

/** One inspection of a random lot waiting in QC, for hq simulate: a few defects, then the plan's verdict. */
export async function simulateInspection(ctx: Ctx, random: { int(min: number, max: number): number; pick<T>(items: readonly T[]): T; chance(p: number): boolean }): Promise<boolean> {
  const waiting = await ctx.db.selectFrom('lots').select('id').where('in_qc', '>', 0).orderBy('received_at', 'desc').limit(20).execute();
  if (waiting.length === 0) return false;
  const lotId = random.pick(waiting).id;
  let view = await openInspection(ctx.db, lotId).catch(() => null);
  if (!view || view.awaitingSort || view.plan.mode === 'discontinued') return false;
  const codes = view.catalogue.filter((c) => c.class !== 'critical');
  for (let i = random.int(0, 2); codes.length && i > 0; i--) view = await logDefect(ctx, { lotId, piece: random.int(1, view.plan.sampleSize), code: random.pick(codes).code });
  view = await restFoundGood(ctx, lotId);
  const verdict = view.judgement.computed;
  await decide(ctx, { lotId, inspectionId: view.inspectionId, verdict, disposition: verdict === 'reject' ? random.pick(['return', 'rework'] as const) : null, reason: null });
  return true;
}
