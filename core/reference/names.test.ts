import { describe, expect, it } from 'vitest';
import { finishName, materialName } from './names';

// What a clerk in Nairobi reads for each code the platform publishes (the demo's designs and the
// example files in resources/examples/site), written out by hand.

describe('finish codes in words', () => {
  it.each([
    ['raw-brass', 'Raw brass', 'Shaba ghafi'],
    ['polished', 'Polished', 'Iliyong’arishwa'],
    ['natural', 'Natural', 'Asilia'],
    ['lacquer', 'Lacquered', 'Iliyopakwa lakiri'],
    ['horn-natural', 'Natural horn', 'Pembe asilia'],
    ['horn-polished', 'Polished horn', 'Pembe iliyong’arishwa'],
    ['bone-natural', 'Natural bone', 'Mfupa asilia'],
    ['wood-natural', 'Natural wood', 'Mbao asilia'],
    ['gold-0.5', 'Gold plate 0.5 µm', 'Mchovyo wa dhahabu µm 0.5'],
    ['gold-1.0', 'Gold plate 1.0 µm', 'Mchovyo wa dhahabu µm 1.0'],
    ['gold-2.5', 'Gold plate 2.5 µm', 'Mchovyo wa dhahabu µm 2.5'],
    ['silver-1.0', 'Silver plate 1.0 µm', 'Mchovyo wa fedha µm 1.0'],
  ])('%s reads "%s" and "%s"', (code, en, sw) => {
    expect(finishName(code, 'en')).toBe(en);
    expect(finishName(code, 'sw')).toBe(sw);
  });

  it('shows a code nobody named as it is, never "undefined"', () => {
    for (const code of ['rhodium-x', 'copper-1.0', 'satin', 'gold-']) {
      expect(finishName(code, 'en')).toBe(code);
      expect(finishName(code, 'sw')).toBe(code);
    }
  });
});

describe('material codes in words', () => {
  it.each([
    ['brass', 'Brass', 'Shaba'],
    ['ankole horn', 'Ankole horn', 'Pembe ya Ankole'],
    ['bone', 'Bone', 'Mfupa'],
    ['olive wood', 'Olive wood', 'Mbao ya mzeituni'],
    ['mahogany', 'Mahogany', 'Mbao ya mkangazi'],
    ['soapstone', 'Soapstone', 'Jiwe la sabuni'],
    ['glass beads', 'Glass beads', 'Shanga za kioo'],
    ['sisal', 'Sisal', 'Katani'],
  ])('%s reads "%s" and "%s"', (code, en, sw) => {
    expect(materialName(code, 'en')).toBe(en);
    expect(materialName(code, 'sw')).toBe(sw);
  });

  it('shows a material nobody named as it is', () => {
    expect(materialName('camel bone', 'sw')).toBe('camel bone');
  });
});
