// What a batch's bar on the board says: its design, finish and pieces, each line in whole words.
// Where a line's words do not fit the bar, a shorter form is taken, or the line left out: never a
// cut word ("go/1.0/13" read as nothing).

interface Item {
  pieces: number;
  designSku: string;
  designName: string;
}

/** Font of `.batch-line` in plating.css: measured here to choose what fits. */
export const labelFontPx = 11;
/** The bar's padding and border (a locked one's is thicker), and the lock icon's room on the pieces line. */
const barEdgesPx = 10;
export const lockIconPx = 12;

let context: CanvasRenderingContext2D | null = null;
function textWidth(text: string): number {
  context ??= document.createElement('canvas').getContext('2d');
  if (!context) return text.length * labelFontPx;
  context.font = `${labelFontPx}px ${getComputedStyle(document.body).fontFamily}`;
  return context.measureText(text).width;
}

/** The batch's main design (most pieces), and how many others share the bar. */
function designs(items: Item[]): { name: string; sku: string; others: number } {
  const pieces = new Map<string, Item & { total: number }>();
  for (const i of items) pieces.set(i.designSku, { ...i, total: (pieces.get(i.designSku)?.total ?? 0) + i.pieces });
  const main = [...pieces.values()].sort((a, b) => b.total - a.total)[0];
  return { name: main?.designName ?? '', sku: main?.designSku ?? '', others: Math.max(0, pieces.size - 1) };
}

/** The lines that fit (`finish`: its name, then its code) a bar `width` pixels wide: for each, the first of its forms that fits whole. */
export function batchLabel(items: Item[], finish: string[], piecesText: (count: number) => string, width: number, locked: boolean): { design: string | null; finish: string | null; pieces: string | null } {
  const room = width - barEdgesPx;
  const fits = (forms: string[], extra = 0) => forms.find((f) => f !== '' && textWidth(f) + extra <= room) ?? null;
  const main = designs(items);
  const more = main.others ? ` +${main.others}` : '';
  const count = items.reduce((s, i) => s + i.pieces, 0);
  return {
    design: fits([main.name + more, main.name, main.sku + more, main.sku]),
    finish: fits(finish),
    pieces: fits([piecesText(count), String(count)], locked ? lockIconPx : 0),
  };
}
