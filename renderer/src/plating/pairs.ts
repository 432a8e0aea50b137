import { parseNumber, type NumberRule } from '../../../core/numbers/parseNumber';

// A plating line's lists of figures by name ("default=20; raw-brass->gold-1.0=45", "gold-1.0=0,85"):
// each figure read by the one number parser and its field's rule. Entries are apart by a semicolon
// or a line break; a comma followed by a name (not a digit) also starts one, so the lists written
// before keep reading, while "0,85" stays a decimal comma.

export type PairsReading = { ok: true; value: Record<string, number> } | { ok: false; entry: string };

const entrySeparator = /[;\n]|,(?=\s*[^\s\d])/;

export function readPairs(text: string, rule: NumberRule): PairsReading {
  const value: Record<string, number> = {};
  for (const raw of text.split(entrySeparator)) {
    const entry = raw.trim();
    if (entry === '') continue;
    const eq = entry.indexOf('=');
    const name = entry.slice(0, eq).trim();
    const figure = eq > 0 ? parseNumber(entry.slice(eq + 1), rule) : null;
    if (!name || !figure?.ok || figure.value === null || name in value) return { ok: false, entry };
    value[name] = figure.value;
  }
  return { ok: true, value };
}

/** The list as the form shows it: entries apart by a semicolon. */
export const pairsText = (m: Record<string, number>) =>
  Object.entries(m)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');

/** The figures of a list its form has already checked (a form submits only when its PairsFields read right). */
export function checkedPairs(text: string, rule: NumberRule): Record<string, number> {
  const reading = readPairs(text, rule);
  if (!reading.ok) throw new Error(`"${reading.entry}" was submitted, though it is not name=figure`);
  return reading.value;
}
