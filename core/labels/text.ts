// Text in a box of `cols` fixed-pitch characters and at most `maxLines` lines: wrapped at spaces
// (a word longer than a line is cut), and visibly shortened with '...' when it still does not fit.

export const ellipsis = '...';

export interface Fitted {
  lines: string[];
  shortened: boolean;
}

function wrap(text: string, cols: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter(Boolean)) {
    let rest = word;
    if (line && line.length + 1 + rest.length <= cols) {
      line += ' ' + rest;
      continue;
    }
    if (line) lines.push(line);
    while (rest.length > cols) {
      lines.push(rest.slice(0, cols));
      rest = rest.slice(cols);
    }
    line = rest;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/** Lines to print: every line at most `cols` characters, at most `maxLines` lines. */
export function fitText(text: string, cols: number, maxLines: number): Fitted {
  if (cols < 1) return { lines: [], shortened: text.trim() !== '' };
  const lines = wrap(text.trim().replace(/\s+/g, ' '), cols);
  if (lines.length <= maxLines) return { lines, shortened: false };
  const kept = lines.slice(0, maxLines);
  const room = Math.max(0, cols - ellipsis.length);
  const last = kept[maxLines - 1]!;
  // Cut the last kept line (and the word it ends in) so that the ellipsis fits after it.
  const cut = last.length <= room ? last : last.slice(0, room).replace(/\s+\S*$/, '') || last.slice(0, room);
  kept[maxLines - 1] = (cut.trimEnd() + ellipsis).slice(0, cols);
  return { lines: kept, shortened: true };
}

/** A single cell of a table: padded or shortened to exactly `width` characters. */
export function cell(text: string, width: number, align: 'left' | 'right'): { text: string; shortened: boolean } {
  const clean = text.trim().replace(/\s+/g, ' ');
  if (clean.length > width) return { text: (clean.slice(0, Math.max(0, width - ellipsis.length)) + ellipsis).slice(0, width), shortened: true };
  return { text: align === 'right' ? clean.padStart(width) : clean.padEnd(width), shortened: false };
}
