import { z } from 'zod';
import { stationCodePattern } from '../lots/lotId';

// What a station is at its site: its code (in every lot id it makes, fixed once it enrolls) and
// its name. The join form, `hq sync --station` and the sync protocol check a code with this one
// schema, so a code one of them takes the others take too.

export const stationCode = z.string().regex(stationCodePattern, 'Station code is a capital letter and up to 3 letters or digits');

/** The kinds of station a site has, each with the letter its codes start with (as the demo's R1, Q1, P1, K1). */
export const stationKinds = [
  { desk: 'receiving', letter: 'R' },
  { desk: 'qc', letter: 'Q' },
  { desk: 'plating', letter: 'P' },
  { desk: 'packing', letter: 'K' },
] as const;

export type StationDesk = (typeof stationKinds)[number]['desk'];

/** The first code of the letter's series (R1, R2, …) that none of the site's stations holds. */
export function nextFreeCode(letter: string, taken: readonly string[]): string | null {
  const held = new Set(taken);
  for (let n = 1; n <= 999; n++) if (!held.has(`${letter}${n}`)) return `${letter}${n}`;
  return null;
}
