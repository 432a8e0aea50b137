import type { NumberRule } from './parseNumber';

// Every number a person types, with its range: the screens' fields read by these rules, and the
// core's procedures check the same ones (numberIn), so a client that skips the screen stores
// nothing the screen would have refused. The bounds are generous for the work and absurd beyond.

const rule = (min: number, max: number, decimals: number, unit?: NumberRule['unit']): NumberRule => (unit ? { min, max, decimals, unit } : { min, max, decimals });

export const limits = {
  /** A bag, tray or box on a scale, or its weight typed: nothing at a bench here weighs 50 kg. */
  weighedG: rule(0.01, 50_000, 2, 'g'),
  tareG: rule(0, 50_000, 2, 'g'),
  /** A unit weight learned from a sample or measured at QC: a piece of jewellery, never a kilogram. */
  pieceG: rule(0.001, 5_000, 3, 'g'),
  /** Pieces of a lot: a lot is never more than 100,000 pieces. */
  lotPieces: rule(1, 100_000, 0),
  /** Pieces counted out of a lot (passed, rework, good, bad): none is a count too. */
  countedPieces: rule(0, 100_000, 0),
  samplePieces: rule(1, 1_000, 0),
  /** A sample piece's number in its lot or batch (1 is the first). */
  pieceNumber: rule(1, 100_000, 0),
  printerDarkness: rule(0, 30, 0),
  labelWidthMm: rule(1, 300, 1, 'mm'),
  labelHeightMm: rule(1, 1_000, 1, 'mm'),
  labelOffsetMm: rule(-50, 50, 1, 'mm'),
  sessionIdleMinutes: rule(5, 720, 0, 'minutes'),
  /** Minutes between a station's scheduled backups: from every 5 minutes to once a day. */
  backupIntervalMinutes: rule(5, 1_440, 0, 'minutes'),
  /** Scheduled backups kept in the folder before the oldest is deleted. */
  backupKeep: rule(1, 1_000, 0),
  pieceLengthMm: rule(0.1, 2_000, 2, 'mm'),
  lengthToleranceMm: rule(0, 100, 2, 'mm'),
  firstLots: rule(0, 50, 0),
  /** Gold or silver used by a batch, weighed on the bath's balance. */
  metalG: rule(0, 10_000, 3, 'g'),
  bathTemperatureC: rule(0, 100, 1),
  bathCurrentA: rule(0, 1_000, 2),
  bathMinutes: rule(0, 1_440, 1, 'minutes'),
  platedUm: rule(0, 50, 3, 'um'),
  recipeUm: rule(0.01, 50, 3, 'um'),
  currentDensity: rule(0.01, 20, 2, 'ampsPerDm2'),
  bathEfficiency: rule(0.01, 1, 3),
  lossNormPct: rule(0, 100, 1, 'percent'),
  lineAreaDm2: rule(0.1, 10_000, 1),
  handlingMinutes: rule(0, 600, 0, 'minutes'),
  changeoverMinutes: rule(0, 1_440, 0, 'minutes'),
  minutesPerLoad: rule(0.1, 1_440, 1, 'minutes'),
  boxPackagingG: rule(0, 10_000, 1, 'g'),
  boxToleranceG: rule(0.1, 5_000, 1, 'g'),
} as const satisfies Record<string, NumberRule>;

/** The same rule, where the field may be left empty (meaning none). */
export const orNone = (of: NumberRule): NumberRule => ({ ...of, optional: true });
