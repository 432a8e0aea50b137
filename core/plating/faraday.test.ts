import { describe, expect, it } from 'vitest';
import { cycleMinutes, depositGrams, ftcClass, ftcWarnings, platingMinutes, type Recipe } from './faraday';
import type { PlatingSettings } from './settings';
import { expectedMetalG } from './waiting';

// Faraday's law with worked numbers, and the FTC names a finish may carry.

const gold1: Recipe = { finish: 'gold-1.0', metal: 'gold', base: 'brass', thicknessUm: 1.0, currentDensity: 0.5, efficiency: 0.6 };

describe('plating time and gold by Faraday', () => {
  it('1 µm of gold at 0.5 A/dm² and 60% efficiency takes 1.576 / 0.3 = 5.253 minutes, whatever the area', () => {
    expect(platingMinutes(gold1)).toBeCloseTo(5.2533, 4);
  });

  it('2.5 µm at 0.8 A/dm² and 55%: 1.576 × 2.5 / 0.44 = 8.955 minutes', () => {
    expect(platingMinutes({ metal: 'gold', thicknessUm: 2.5, currentDensity: 0.8, efficiency: 0.55 })).toBeCloseTo(8.9545, 4);
  });

  it('a line cycle is the bath time plus handling, rounded up to whole minutes, at the bath’s measured efficiency', () => {
    expect(cycleMinutes(gold1, 12)).toBe(18); // 5.25 + 12
    expect(cycleMinutes(gold1, 12, 0.3)).toBe(23); // 10.51 + 12: a tired bath plates slower
  });

  it('gold: 0.193 g per µm per dm²; a rack of 200 cuffs of 42 cm² at 1 µm holds 16.212 g', () => {
    expect(depositGrams('gold', 1, 100)).toBeCloseTo(0.193, 6);
    expect(depositGrams('gold', 1, 200 * 42)).toBeCloseTo(16.212, 6);
    expect(depositGrams('gold', 0.5, 120 * 6)).toBeCloseTo(0.6948, 6);
  });

  it('silver deposits 0.1049 g per µm per dm²', () => {
    expect(depositGrams('silver', 1, 100)).toBeCloseTo(0.1049, 6);
  });
});

describe("Faraday's law, worked by hand: m = I·t·M / (n·F)", () => {
  // Physical constants, not the code's: the charge of a mole of electrons, molar masses, densities.
  const F = 96485.33212; // C/mol
  const silver = { M: 107.8682, n: 1, density: 10.49 }; // Ag(I): one electron per atom; g/mol, g/cm³
  const gold = { M: 196.96657, n: 1, density: 19.3 }; // Au(I) from cyanide
  /** Grams deposited by a current (A) for a time (s) at a cathode efficiency. */
  const faraday = (metal: typeof silver, amperes: number, seconds: number, efficiency: number) => (amperes * seconds * efficiency * metal.M) / (metal.n * F);
  /** Grams of a plate: density × thickness (µm → cm) × area (cm²). */
  const plate = (metal: typeof silver, um: number, cm2: number) => metal.density * um * 1e-4 * cm2;
  /** Within 0.2 %: the code's rounded constants pass, a 1 % error does not. */
  const near = (actual: number, expected: number) => expect(Math.abs(actual / expected - 1), `${actual} against ${expected}`).toBeLessThan(0.002);

  const silver3: Recipe = { finish: 'silver-3.0', metal: 'silver', base: 'brass', thicknessUm: 3, currentDensity: 0.4, efficiency: 0.95 };

  it('a rack of 150 silver pieces of 30 cm² at 3 µm holds 14.161 g of silver, and the bath time plates exactly that', () => {
    const cm2 = 150 * 30;
    near(depositGrams('silver', 3, cm2), plate(silver, 3, cm2));
    const seconds = platingMinutes(silver3) * 60;
    near(faraday(silver, silver3.currentDensity * (cm2 / 100), seconds, silver3.efficiency), plate(silver, 3, cm2));
  });

  it("a batch's expected silver is the plate on every piece's area", () => {
    const settings = { recipes: [silver3] } as unknown as PlatingSettings;
    near(expectedMetalG(settings, 'silver-3.0', [{ areaCm2PerPiece: 30, pieces: 150 }, { areaCm2PerPiece: 12.5, pieces: 40 }]), plate(silver, 3, 150 * 30 + 40 * 12.5));
  });

  it('gold the same way: 1 µm at 0.5 A/dm² and 60 % on 8,400 cm²', () => {
    near(depositGrams('gold', 1, 8400), plate(gold, 1, 8400));
    near(faraday(gold, 0.5 * 84, platingMinutes(gold1) * 60, 0.6), plate(gold, 1, 8400));
  });
});

describe('FTC Jewelry Guides names', () => {
  it('below 0.175 µm is flash, from 0.175 electroplate, from 2.5 heavy', () => {
    expect(ftcClass(0.1)).toBe('flash');
    expect(ftcClass(0.175)).toBe('electroplate');
    expect(ftcClass(2.49)).toBe('electroplate');
    expect(ftcClass(2.5)).toBe('heavy');
  });

  it('warns where the name claims more than the recipe plates', () => {
    const thin = { ...gold1, finish: 'gold-2.5', thicknessUm: 1.5 };
    expect(ftcWarnings('gold-2.5', thin, ['brass'])).toEqual([
      { kind: 'thinnerThanClaimed', finish: 'gold-2.5', claimedUm: 2.5, platedUm: 1.5 },
      { kind: 'classBelowClaim', finish: 'gold-2.5', claimed: 'heavy', plated: 'electroplate' },
    ]);
    const flash = { ...gold1, finish: 'gold-0.5', thicknessUm: 0.1 };
    expect(ftcWarnings('gold-0.5', flash, ['brass']).map((w) => w.kind)).toEqual(['thinnerThanClaimed', 'classBelowClaim']);
    expect(ftcWarnings('gold-1.0', gold1, ['brass'])).toEqual([]);
  });

  it('vermeil needs a sterling silver base, never brass', () => {
    const vermeil: Recipe = { ...gold1, finish: 'vermeil-2.5', thicknessUm: 2.5 };
    expect(ftcWarnings('vermeil-2.5', vermeil, ['brass'])).toEqual([{ kind: 'vermeilOnBrass', finish: 'vermeil-2.5' }]);
    expect(ftcWarnings('vermeil-2.5', { ...vermeil, base: 'sterling' }, ['sterling silver'])).toEqual([]);
  });

  it('horn, bone and wood alone take no plate', () => {
    expect(ftcWarnings('gold-1.0', gold1, ['ankole horn'])).toEqual([{ kind: 'noConductiveMetal', finish: 'gold-1.0' }]);
    expect(ftcWarnings('gold-1.0', gold1, ['ankole horn', 'brass'])).toEqual([]);
  });
});
