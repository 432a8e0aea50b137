// The one reading of a number a person types, for every screen and for the core's checks:
// digits with at most one decimal separator, a point or a comma as people type here ("267,3" is
// 267.3), a minus sign only where the field's range goes below zero. Anything else ("18O", "1e3",
// "0x10", "Infinity", "1.2.3") is refused rather than read as something near it.

/** What a field accepts: its range (inclusive), how many decimals, its unit, and whether it may be left empty. */
export interface NumberRule {
  min: number;
  max: number;
  /** Digits allowed after the separator: 0 for a whole number. */
  decimals: number;
  /** Shown beside the field and in its message: a key of numbers.unit in the catalogs. */
  unit?: NumberUnit;
  /** Empty means "none" (null) rather than a missing value. */
  optional?: boolean;
}

export const numberUnits = ['g', 'mm', 'minutes', 'percent', 'um', 'ampsPerDm2', 'pieces', 'kes', 'days'] as const;
export type NumberUnit = (typeof numberUnits)[number];

/** Why a text is not a value of its field: empty where one is needed, not a number as typed, too many decimals, or outside the range. */
export type NumberProblem = 'missing' | 'notANumber' | 'decimals' | 'range';

export type NumberReading = { ok: true; value: number | null } | { ok: false; problem: NumberProblem };

const written = /^(-?)(\d+)(?:[.,](\d+))?$/;

export function parseNumber(text: string, rule: NumberRule): NumberReading {
  const trimmed = text.trim();
  if (trimmed === '') return rule.optional ? { ok: true, value: null } : { ok: false, problem: 'missing' };
  const parts = written.exec(trimmed);
  if (!parts || (parts[1] && rule.min >= 0)) return { ok: false, problem: 'notANumber' };
  // Decimals counted as typed: "5,000" (a thousands comma) has three, and is refused wherever fewer are allowed.
  if ((parts[3]?.length ?? 0) > rule.decimals) return { ok: false, problem: 'decimals' };
  const value = Number(`${parts[1]}${parts[2]}.${parts[3] ?? '0'}`);
  if (value < rule.min || value > rule.max) return { ok: false, problem: 'range' };
  return { ok: true, value: Object.is(value, -0) ? 0 : value };
}

/** The value of a text that reads right, or null (empty, or not a value of the field): for live figures such as a net weight. */
export function numberOrNull(text: string, rule: NumberRule): number | null {
  const reading = parseNumber(text, rule);
  return reading.ok ? reading.value : null;
}

/** The value of a required field its form has already checked (a form submits only when its NumberFields read right). */
export function checkedNumber(text: string, rule: NumberRule): number {
  const value = numberOrNull(text, { ...rule, optional: false });
  if (value === null) throw new Error(`"${text}" was submitted, though it is not a number from ${rule.min} to ${rule.max}`);
  return value;
}
