import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { NumberRule } from '../../../core/numbers/parseNumber';
import { catalogs } from '../i18n/catalogs';
import { numberMessage } from './ruleText';

// The message under a wrong number field names the field's rule in the person's language, with
// the range and unit written as people read them.

async function translator(language: 'en' | 'sw'): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({ lng: language, resources: { [language]: { translation: catalogs[language] } }, interpolation: { escapeValue: false } });
  return instance.t;
}

const passCount: NumberRule = { min: 0, max: 500, decimals: 0 };
const handWeight: NumberRule = { min: 0.01, max: 5_000, decimals: 2, unit: 'g' };
const width: NumberRule = { min: 1, max: 300, decimals: 1, unit: 'mm' };
const idle: NumberRule = { min: 5, max: 720, decimals: 0, unit: 'minutes' };

const expected: [NumberRule, 'missing' | 'notANumber' | 'range', string, string][] = [
  [passCount, 'notANumber', 'Type a whole number from 0 to 500', 'Andika namba kamili kuanzia 0 hadi 500'],
  [passCount, 'missing', 'Needed: a whole number from 0 to 500', 'Inahitajika: namba kamili kuanzia 0 hadi 500'],
  [handWeight, 'range', 'Type a weight in grams, up to 5,000 g', 'Andika uzito kwa gramu, hadi 5,000 g'],
  [width, 'notANumber', 'Type a number from 1 mm to 300 mm, with at most 1 decimal', 'Andika namba kuanzia 1 mm hadi 300 mm, yenye tarakimu 1 tu baada ya nukta'],
  [idle, 'range', 'Type a whole number from 5 min to 720 min', 'Andika namba kamili kuanzia dakika 5 hadi dakika 720'],
];

describe('a number field’s message', () => {
  it.each(expected)('%j, %s: English and Swahili', async (rule, problem, english, swahili) => {
    expect(numberMessage(await translator('en'), 'en', rule, problem)).toBe(english);
    expect(numberMessage(await translator('sw'), 'sw', rule, problem)).toBe(swahili);
  });
});
