import { parseLotId } from '../lots/lotId';
import { noticePattern } from '../receiving/delivery';

// The shapes of the codes Karakana prints or is given, known without asking the store: what tells
// a scanner's code from a number a person types fast into a field (267.3 is no code). resolveScan
// says what a code of these shapes stands for.
const shapes: readonly ((code: string) => boolean)[] = [
  // A lot label, or a piece tag: the lot id, then "/design/finish".
  (code) => parseLotId(code.split('/')[0]!) !== null,
  (code) => noticePattern.test(code.toUpperCase()),
  // GS1 data: with the symbology identifier a scanner sends (]C1, ]d2, ]Q3, ]e0), or in brackets.
  (code) => /^(\](C1|d2|Q3|e0)|\(\d{2,4}\))/.test(code),
  // A customer order, a plating traveller (its batch), a bin.
  (code) => /^(CO|PB|BIN)-[A-Z0-9][A-Z0-9-]*$/i.test(code),
  // A QC defect card: its code as QC settings allow it (lower case, digits, dashes), with a letter.
  (code) => /^(?=.*[a-z])[a-z0-9-]{2,40}$/.test(code),
];

export function looksLikeCode(text: string): boolean {
  const code = text.trim();
  return shapes.some((shape) => shape(code));
}
