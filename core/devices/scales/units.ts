import { scaleErrors } from './errors';

// Grams per unit, from the units' legal definitions (all exact). Units with several national
// definitions (tael: Hong Kong, Singapore, Taiwan, China; "ton": short or long) are left out on
// purpose: converting them would be a guess, and a guess here is someone's pay.
const gramsPer = {
  mg: 0.001,
  g: 1,
  kg: 1000,
  tonne: 1_000_000,
  ct: 0.2, // metric carat
  gr: 0.06479891, // grain
  dwt: 1.55517384, // pennyweight = 24 grains
  ozt: 31.1034768, // troy ounce = 480 grains
  oz: 28.349523125, // avoirdupois ounce
  lb: 453.59237,
  mom: 3.75, // momme (pearls)
  tola: 11.6638038, // 180 grains
} as const;

export type Unit = keyof typeof gramsPer;

/** Spellings that mean the same unit whatever the scale; case matters (`G` is Ohaus's "gross"). */
const commonSpellings: Record<string, Unit> = {
  mg: 'mg',
  g: 'g',
  kg: 'kg',
  ct: 'ct',
  GN: 'gr',
  gr: 'gr',
  dwt: 'dwt',
  DWT: 'dwt',
  ozt: 'ozt',
  oz: 'oz',
  lb: 'lb',
  lbs: 'lb',
  mom: 'mom',
  mo: 'mom',
  tonne: 'tonne',
};

/** Extra spellings one protocol uses; A&D's `t` is the tola, not the tonne. */
export type Spellings = Readonly<Record<string, Unit>>;

export function unitOf(symbol: string, extra: Spellings = {}): Unit {
  const unit = Object.hasOwn(extra, symbol) ? extra[symbol] : Object.hasOwn(commonSpellings, symbol) ? commonSpellings[symbol] : undefined;
  if (!unit) throw scaleErrors.unknownUnit(symbol);
  return unit;
}

/** Grams from a reported value and unit symbol; throws `scale.unknownUnit` for anything not listed. */
export function toGrams(value: number, symbol: string, extra: Spellings = {}): number {
  const grams = value * gramsPer[unitOf(symbol, extra)];
  // 12 significant digits: far finer than any balance, and it drops float noise (0.211 kg -> 211 g, not 211.00000000000003).
  return Number(grams.toPrecision(12));
}
