import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { catalogs } from '../i18n/catalogs';
import { hubWords } from './hubWords';

// A station's Sync screen says how long its hub has not reached the cloud and how much waits
// there in the person's words: hours and minutes in words, thousands grouped, in both languages.

async function translator(language: 'en' | 'sw'): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({ lng: language, resources: { [language]: { translation: catalogs[language] } }, interpolation: { escapeValue: false } });
  return instance.t;
}

const hour = 3_600_000;
const cutOff = { linked: false, everLinked: true, unreachedMs: 2 * hour + 5 * 60_000, waiting: 1204, error: null, warning: true };

describe("the hub's link in words", () => {
  it('says how long the hub has not reached the cloud and how many events wait there', async () => {
    expect(hubWords(await translator('en'), 'en').line(cutOff)).toBe('The hub has not reached the cloud for 2 hours 5 minutes; 1,204 events wait there.');
    expect(hubWords(await translator('sw'), 'sw').line(cutOff)).toBe('Kitovu hakijafikia wingu kwa saa 2 dakika 5; matukio 1,204 yanasubiri huko.');
  });

  it('says one event, less than a minute, whole hours and days as a person would', async () => {
    const { line, duration } = hubWords(await translator('en'), 'en');
    expect(line({ ...cutOff, everLinked: false, unreachedMs: 20_000, waiting: 1 })).toBe('The hub has not reached the cloud since it started, less than a minute ago; 1 event waits there.');
    expect(line({ ...cutOff, linked: true, unreachedMs: 3_000, waiting: 0 })).toBe('The hub reaches the cloud (last less than a minute ago); 0 events wait there.');
    expect([duration(60_000), duration(hour), duration(3 * 24 * hour)]).toEqual(['1 minute', '1 hour', '3 days']);
  });
});
