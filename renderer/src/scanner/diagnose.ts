import type { Burst } from './detector';

// The test card's code mixes letters that move between keyboard layouts (Q/A and Z/W on
// AZERTY, Y/Z on QWERTZ), both cases, digits and punctuation, so one scan tells what is wrong.
export const testCardCode = 'KK-Test-QAZWY-19/';

export type Diagnosis =
  | { result: 'ok' }
  | { result: 'noEnter' }
  | { result: 'tab' }
  | { result: 'capsLock' }
  | { result: 'layout'; layout: 'azerty' | 'qwertz' | 'other'; got: string };

const azerty: Record<string, string> = { q: 'a', a: 'q', z: 'w', w: 'z' };
const qwertz: Record<string, string> = { y: 'z', z: 'y' };

function mapped(text: string, swaps: Record<string, string>): string {
  return [...text]
    .map((c) => {
      const lower = c.toLowerCase();
      const swap = swaps[lower];
      if (!swap) return c;
      return c === lower ? swap : swap.toUpperCase();
    })
    .join('');
}

function sameLetters(a: string, b: string): boolean {
  const letters = (s: string) => s.replace(/[^A-Za-z]/g, '');
  return letters(a) === letters(b);
}

export function diagnose(burst: Burst, expected = testCardCode): Diagnosis {
  if (burst.text === expected) {
    if (burst.terminator === 'enter') return { result: 'ok' };
    return burst.terminator === 'tab' ? { result: 'tab' } : { result: 'noEnter' };
  }
  const swapped = [...burst.text].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
  if (swapped === expected) return { result: 'capsLock' };
  if (sameLetters(mapped(burst.text, azerty), expected)) return { result: 'layout', layout: 'azerty', got: burst.text };
  if (sameLetters(mapped(burst.text, qwertz), expected)) return { result: 'layout', layout: 'qwertz', got: burst.text };
  return { result: 'layout', layout: 'other', got: burst.text };
}
