import en from './en.json';
import sw from './sw.json';

// The strings of the whole UI: the shared catalogs here, and each feature's own beside its screens
// (renderer/src/<feature>/strings.en.json and strings.sw.json): its own top-level key, and its
// errors under errors.<feature>. Folders merge; a string defined twice is refused.

export type Catalog = { [key: string]: string | Catalog };

const featureFiles = import.meta.glob<{ default: Catalog }>('../*/strings.*.json', { eager: true });

function merge(into: Catalog, from: Catalog, file: string, prefix: string): void {
  for (const [key, value] of Object.entries(from)) {
    const existing = into[key];
    if (typeof value !== 'string' && typeof existing === 'object') merge((into[key] = { ...existing }), value, file, `${prefix}${key}.`);
    else if (existing !== undefined) throw new Error(`${file}: ${prefix}${key} is already in another catalog`);
    else into[key] = value;
  }
}

function join(language: 'en' | 'sw', base: Catalog): Catalog {
  const joined: Catalog = { ...base };
  for (const [file, module] of Object.entries(featureFiles)) if (file.endsWith(`.${language}.json`)) merge(joined, module.default, file, '');
  return joined;
}

export const catalogs = { en: join('en', en as Catalog), sw: join('sw', sw as Catalog) };
