import { z } from 'zod';
import type { NumberRule } from './parseNumber';

/** A procedure input's number held to a field's rule: finite, in range, whole where the field is (zod refuses NaN and infinities). */
export function numberIn(rule: NumberRule) {
  const ranged = z.number().min(rule.min).max(rule.max);
  return rule.decimals === 0 ? ranged.int() : ranged;
}
