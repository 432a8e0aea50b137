import iconv from 'iconv-lite';

// What a printer's fonts can print, and the nearest printable spelling of what they cannot:
// never a silent '?'. ZPL's bitmap fonts print the code page 850 repertoire (sent as UTF-8 under
// ^CI28); an ESC/POS printer prints one code page at a time, picked per document.

/** ESC/POS code pages we choose between (node-thermal-printer's names), most widely supported first. */
export const escposCodePages = ['PC437_USA', 'PC850_MULTILINGUAL', 'PC858_EURO', 'WPC1252', 'PC852_LATIN2'] as const;
export type EscposCodePage = (typeof escposCodePages)[number];

/** The iconv name of each code page (as node-thermal-printer's epson config maps them). */
export const iconvName: Record<EscposCodePage | 'ZPL', string> = {
  PC437_USA: 'CP437',
  PC850_MULTILINGUAL: 'CP850',
  PC858_EURO: 'CP858',
  WPC1252: 'CP1252',
  PC852_LATIN2: 'CP852',
  ZPL: 'CP850',
};

/** Spellings for characters that decomposition does not reach. */
const spelled: Record<string, string> = {
  'ß': 'ss', 'ẞ': 'SS', 'æ': 'ae', 'Æ': 'AE', 'œ': 'oe', 'Œ': 'OE', 'ø': 'o', 'Ø': 'O', 'ł': 'l', 'Ł': 'L',
  'đ': 'd', 'Đ': 'D', 'ð': 'd', 'Ð': 'D', 'þ': 'th', 'Þ': 'Th', 'ı': 'i', 'ŋ': 'ng', 'Ŋ': 'NG', 'ɛ': 'e', 'Ɛ': 'E', 'ɔ': 'o', 'Ɔ': 'O',
  '‘': "'", '’': "'", '‚': "'", '‛': "'", '′': "'", '“': '"', '”': '"', '„': '"', '″': '"', '«': '"', '»': '"',
  '–': '-', '—': '-', '―': '-', '‐': '-', '‑': '-', '−': '-', '…': '...', '•': '*', '·': '.', '×': 'x', '÷': '/',
  '€': 'EUR', '£': 'GBP', '¥': 'JPY', '™': 'TM', '©': '(c)', '®': '(R)', '°': ' deg', 'µ': 'u', 'μ': 'u',
  '\u00a0': ' ', '\u2009': ' ', '\u202f': ' ', '\u2007': ' ', '\u200b': '', '\t': ' ', '\n': ' ', '\r': ' ',
};

const cache = new Map<string, boolean>();

/** Whether `char` prints as itself in code page `cp` (an iconv name). */
export function printable(char: string, cp: string): boolean {
  if (char >= ' ' && char <= '~') return true;
  const key = cp + char;
  let ok = cache.get(key);
  if (ok === undefined) {
    ok = char.length === 1 && iconv.decode(iconv.encode(char, cp), cp) === char;
    cache.set(key, ok);
  }
  return ok;
}

function spell(char: string, cp: string): string | null {
  const direct = spelled[char];
  if (direct !== undefined && [...direct].every((c) => printable(c, cp))) return direct;
  const stripped = char.normalize('NFKD').replace(/\p{M}/gu, '');
  if (stripped && stripped !== char && [...stripped].every((c) => printable(c, cp))) return stripped;
  if (direct !== undefined) return [...direct].map((c) => (printable(c, cp) ? c : spell(c, cp) ?? '*')).join('');
  return null;
}

export interface Transliterated {
  text: string;
  /** Characters that had to be spelled otherwise (or marked '*' where nothing fits). */
  changed: string[];
}

/** `text` as code page `cp` can print it: each missing character spelled in letters it has, or '*'. */
export function transliterate(text: string, cp: string): Transliterated {
  let out = '';
  const changed: string[] = [];
  for (const char of text) {
    if (printable(char, cp)) {
      out += char;
      continue;
    }
    const spelled = spell(char, cp);
    if (spelled === null) {
      out += '*';
      changed.push(char);
    } else {
      out += spelled;
      if (char.trim() !== '' || spelled !== ' ') changed.push(char);
    }
  }
  return { text: out, changed };
}

/** The ESC/POS code page that prints the most of these texts as they are (ties: the most widely supported). */
export function pickCodePage(texts: string[]): EscposCodePage {
  const chars = new Set([...texts.join('')].filter((c) => c < ' ' || c > '~'));
  let best: EscposCodePage = escposCodePages[0];
  let bestCount = -1;
  for (const page of escposCodePages) {
    let count = 0;
    for (const c of chars) if (printable(c, iconvName[page])) count++;
    if (count > bestCount) [best, bestCount] = [page, count];
  }
  return best;
}
