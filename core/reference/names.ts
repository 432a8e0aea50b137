// Finishes and materials reach the stations as codes (the platform's `gold-1.0`, `ankole horn`);
// people read them as words in their own language. The site's known codes are named here; a
// plate of any metal and thickness is read from its code; an unknown code is shown as it is,
// which is better than nothing and never "undefined".

export type NameLanguage = 'en' | 'sw';
type Words = Record<NameLanguage, string>;

const finishes: Record<string, Words> = {
  'raw-brass': { en: 'Raw brass', sw: 'Shaba ghafi' },
  polished: { en: 'Polished', sw: 'Iliyong’arishwa' },
  natural: { en: 'Natural', sw: 'Asilia' },
  lacquer: { en: 'Lacquered', sw: 'Iliyopakwa lakiri' },
  'horn-natural': { en: 'Natural horn', sw: 'Pembe asilia' },
  'horn-polished': { en: 'Polished horn', sw: 'Pembe iliyong’arishwa' },
  'bone-natural': { en: 'Natural bone', sw: 'Mfupa asilia' },
  'wood-natural': { en: 'Natural wood', sw: 'Mbao asilia' },
};

const metals: Record<string, Words> = {
  gold: { en: 'Gold', sw: 'dhahabu' },
  silver: { en: 'Silver', sw: 'fedha' },
};

const materials: Record<string, Words> = {
  brass: { en: 'Brass', sw: 'Shaba' },
  'ankole horn': { en: 'Ankole horn', sw: 'Pembe ya Ankole' },
  bone: { en: 'Bone', sw: 'Mfupa' },
  'olive wood': { en: 'Olive wood', sw: 'Mbao ya mzeituni' },
  mahogany: { en: 'Mahogany', sw: 'Mbao ya mkangazi' },
  soapstone: { en: 'Soapstone', sw: 'Jiwe la sabuni' },
  'glass beads': { en: 'Glass beads', sw: 'Shanga za kioo' },
  sisal: { en: 'Sisal', sw: 'Katani' },
  gold: { en: 'Gold', sw: 'Dhahabu' },
  silver: { en: 'Silver', sw: 'Fedha' },
};

// A plate: the metal and its thickness in micrometres, as the plating recipes name them.
const plate = /^([a-z]+)-(\d+(?:\.\d+)?)$/;

function plateName(code: string, language: NameLanguage): string | null {
  const [, metal, microns] = plate.exec(code) ?? [];
  const words = metal ? metals[metal] : undefined;
  if (!words || !microns) return null;
  return language === 'sw' ? `Mchovyo wa ${words.sw} µm ${microns}` : `${words.en} plate ${microns} µm`;
}

/** A finish in words: `gold-1.0` is "Gold plate 1.0 µm", "Mchovyo wa dhahabu µm 1.0". */
export function finishName(code: string, language: NameLanguage): string {
  return finishes[code]?.[language] ?? plateName(code, language) ?? code;
}

/** A material in words: `ankole horn` is "Ankole horn", "Pembe ya Ankole". */
export function materialName(code: string, language: NameLanguage): string {
  return materials[code]?.[language] ?? code;
}
