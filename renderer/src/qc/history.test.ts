import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { catalogs } from '../i18n/catalogs';
import { describeQcEvent } from './history';

// A lot's QC entries read in words with their units and the tolerance they were held against, and
// defects by their names in the reader's language, never a code.

async function translator(language: 'en' | 'sw'): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({ lng: language, resources: { [language]: { translation: catalogs[language] } }, interpolation: { escapeValue: false } });
  return instance.t;
}

const over = { piece: 3, measure: 'weight', value: 10.6, outOfTolerance: { code: 'weight-out', class: 'major' }, spec: { target: 10.2, tolerance: 0.3 } };
const under = { ...over, value: 9.8 };
const within = { piece: 4, measure: 'length', value: 42.5, outOfTolerance: null, spec: { target: 42, tolerance: 1.5 } };
const porosity = { piece: 2, code: 'porosity', class: 'major', name: { en: 'Casting porosity', sw: 'Matundu ya uyeyushaji' } };

describe('QC entries in a lot history', () => {
  it('say the reading, its unit and the tolerance it is over, under or within, in English', async () => {
    const t = await translator('en');
    expect(describeQcEvent(t, 'qc.measured', over)?.what).toBe('Piece 3: weight 10.6 g, over the 10.2 ± 0.3 g tolerance');
    expect(describeQcEvent(t, 'qc.measured', under)?.what).toBe('Piece 3: weight 9.8 g, under the 10.2 ± 0.3 g tolerance');
    expect(describeQcEvent(t, 'qc.measured', within)?.what).toBe('Piece 4: length 42.5 mm, within the 42 ± 1.5 mm tolerance');
    expect(describeQcEvent(t, 'qc.defectLogged', porosity)?.what).toBe('Piece 2: Casting porosity (Major)');
    expect(describeQcEvent(t, 'qc.pieceGood', { piece: 5 })?.what).toBe('Piece 5: good');
    // Logged before readings kept their tolerance: still the unit, and out of tolerance.
    const { spec: _spec, ...older } = over;
    expect(describeQcEvent(t, 'qc.measured', older)?.what).toBe('Piece 3: weight 10.6 g, out of tolerance');
  });

  it('say them in Swahili, with the defect by its Swahili name', async () => {
    const t = await translator('sw');
    expect(describeQcEvent(t, 'qc.measured', over)?.what).toBe('Kipande 3: uzito 10.6 g, juu ya kiwango cha 10.2 ± 0.3 g');
    expect(describeQcEvent(t, 'qc.defectLogged', porosity)?.what).toBe('Kipande 2: Matundu ya uyeyushaji (Kubwa)');
    expect(describeQcEvent(t, 'qc.pieceGood', { piece: 5 })?.what).toBe('Kipande 5: kizuri');
  });
});
