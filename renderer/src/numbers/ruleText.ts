import type { TFunction } from 'i18next';
import type { NumberProblem, NumberRule } from '../../../core/numbers/parseNumber';

// What a number field says under itself when its text is not one of its values: the field's rule
// in the person's words ("a whole number from 0 to 500", "a weight in grams, up to 5,000 g").

function amount(t: TFunction, language: string, rule: NumberRule, value: number): string {
  const figure = value.toLocaleString(language, { maximumFractionDigits: rule.decimals });
  return rule.unit ? t(`numbers.amount.${rule.unit}`, { figure }) : figure;
}

/** The field's rule: what a person may type there. */
export function describeRule(t: TFunction, language: string, rule: NumberRule): string {
  const min = amount(t, language, rule, rule.min);
  const max = amount(t, language, rule, rule.max);
  if (rule.unit === 'g' && rule.min > 0 && rule.min < 1) return t('numbers.rule.weight', { max });
  if (rule.decimals === 0) return t('numbers.rule.whole', { min, max });
  return t('numbers.rule.decimal', { min, max, count: rule.decimals });
}

/** The message under a field whose text is not one of its values. */
export function numberMessage(t: TFunction, language: string, rule: NumberRule, problem: NumberProblem): string {
  const what = describeRule(t, language, rule);
  return problem === 'missing' ? t('numbers.needed', { rule: what }) : t('numbers.type', { rule: what });
}
