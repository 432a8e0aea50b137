// Faraday's law for the plating baths (domain.md, "Plating facts"), and the names the FTC Jewelry
// Guides allow a finish to carry. Areas come from designs in cm²; 1 dm² = 100 cm².

export type Metal = 'gold' | 'silver';

/**
 * Per µm on 1 dm² (0.01 cm³): grams deposited (density × 0.01) and ampere-minutes at 100%
 * cathode efficiency (grams ÷ grams per ampere-hour × 60). Gold from Au(I): 19.3 g/cm³ and
 * 7.349 g/Ah give 0.193 g and 1.576 A·min; silver from Ag(I): 10.49 g/cm³ and 4.025 g/Ah.
 */
export const metals: Record<Metal, { gramsPerUmDm2: number; ampereMinutesPerUmDm2: number }> = {
  gold: { gramsPerUmDm2: 0.193, ampereMinutesPerUmDm2: 1.576 },
  silver: { gramsPerUmDm2: 0.1049, ampereMinutesPerUmDm2: 1.564 },
};

export interface Recipe {
  finish: string;
  metal: Metal;
  /** What the plate goes on: vermeil is only ever on sterling silver. */
  base: 'brass' | 'sterling';
  thicknessUm: number;
  /** A/dm² */
  currentDensity: number;
  /** Cathode efficiency, 0..1, measured on the bath. */
  efficiency: number;
}

export const dm2 = (cm2: number) => cm2 / 100;

/** Minutes in the bath: ampere-minutes per µm·dm² × thickness ÷ (current density × efficiency). Independent of area. */
export function platingMinutes(recipe: Pick<Recipe, 'metal' | 'thicknessUm' | 'currentDensity' | 'efficiency'>): number {
  return (metals[recipe.metal].ampereMinutesPerUmDm2 * recipe.thicknessUm) / (recipe.currentDensity * recipe.efficiency);
}

/** Grams of metal deposited on an area (cm²) at the recipe's thickness. */
export function depositGrams(metal: Metal, thicknessUm: number, areaCm2: number): number {
  return metals[metal].gramsPerUmDm2 * thicknessUm * dm2(areaCm2);
}

/** A line's cycle for a finish: the bath time by Faraday (at the line's own bath efficiency when measured) plus handling. */
export function cycleMinutes(recipe: Recipe, handlingMinutes: number, bathEfficiency?: number): number {
  return Math.ceil(platingMinutes({ ...recipe, efficiency: bathEfficiency ?? recipe.efficiency }) + handlingMinutes);
}

/** The FTC names by thickness: below 0.175 µm flash/wash, from 0.175 electroplate, from 2.5 heavy electroplate. */
export type FtcClass = 'flash' | 'electroplate' | 'heavy';

export function ftcClass(thicknessUm: number): FtcClass {
  if (thicknessUm < 0.175) return 'flash';
  if (thicknessUm < 2.5) return 'electroplate';
  return 'heavy';
}

/** What a finish's name claims: 'gold-1.0' is 1.0 µm of gold; 'vermeil-2.5' is 2.5 µm of gold on sterling. */
export function finishClaim(finish: string): { metal: Metal; thicknessUm: number; vermeil: boolean } | null {
  const m = /^(gold|silver|vermeil)-(\d+(?:\.\d+)?)$/.exec(finish);
  if (!m) return null;
  return { metal: m[1] === 'silver' ? 'silver' : 'gold', thicknessUm: Number(m[2]), vermeil: m[1] === 'vermeil' };
}

export type FtcWarning =
  | { kind: 'thinnerThanClaimed'; finish: string; claimedUm: number; platedUm: number }
  | { kind: 'classBelowClaim'; finish: string; claimed: FtcClass; plated: FtcClass }
  | { kind: 'vermeilOnBrass'; finish: string }
  | { kind: 'noConductiveMetal'; finish: string };

/**
 * Where a finish name claims more than its recipe plates: a thinner plate, a lower FTC class
 * (a "gold electroplate" name on a flash), or vermeil on anything but sterling silver.
 */
export function ftcWarnings(finish: string, recipe: Recipe, materials: readonly string[]): FtcWarning[] {
  const warnings: FtcWarning[] = [];
  const claim = finishClaim(finish);
  if (claim && recipe.thicknessUm < claim.thicknessUm) warnings.push({ kind: 'thinnerThanClaimed', finish, claimedUm: claim.thicknessUm, platedUm: recipe.thicknessUm });
  if (claim && ftcClass(recipe.thicknessUm) !== ftcClass(claim.thicknessUm))
    if (order[ftcClass(recipe.thicknessUm)] < order[ftcClass(claim.thicknessUm)]) warnings.push({ kind: 'classBelowClaim', finish, claimed: ftcClass(claim.thicknessUm), plated: ftcClass(recipe.thicknessUm) });
  const sterling = recipe.base === 'sterling' && materials.some((m) => /sterling/i.test(m));
  if (claim?.vermeil && !sterling) warnings.push({ kind: 'vermeilOnBrass', finish });
  if (!materials.some(conducts)) warnings.push({ kind: 'noConductiveMetal', finish });
  return warnings;
}

const order: Record<FtcClass, number> = { flash: 0, electroplate: 1, heavy: 2 };

/** Horn, bone and wood do not conduct: only metal parts take a plate. */
export function conducts(material: string): boolean {
  return /brass|silver|copper|bronze|steel/i.test(material);
}
