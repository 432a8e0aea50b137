import { AppError } from '../kernel/errors';
import { encodeBarcode, type Encoded, type Symbology } from './barcodes';
import type { Block, TextBlock, TextSize } from './blocks';
import { iconvName, pickCodePage, transliterate, type EscposCodePage } from './charset';
import { note, noteText, type LabelNote } from './notes';
import { cell, fitText } from './text';

// One layout per (template, data, printer): every text line and barcode placed in printer dots,
// text wrapped and shortened in fixed-pitch characters, barcodes at whole-dot module sizes.
// ZPL, ESC/POS and the SVG preview all write this same layout.

export type Language = 'zpl' | 'escpos';

/** A printer font: fixed pitch (dots per character), cell height and line advance, in dots. */
export interface Font {
  pitch: number;
  height: number;
  line: number;
  /** ZPL bitmap font (all fixed pitch): name, height and width as ^A takes them (integer magnifications). */
  zpl: { name: 'D' | 'F'; h: number; w: number };
  /** ESC/POS: font B (9 x 17) or A (12 x 24), double height and width. */
  escpos: { fontB: boolean; double: boolean };
}

function zplFont(name: 'D' | 'F', mag: number): Font {
  const [h, w, gap] = name === 'D' ? [18, 10, 2] : [26, 13, 3];
  const height = h * mag;
  return { pitch: (w + gap) * mag, height, line: height + Math.round(height / 4), zpl: { name, h: height, w: w * mag }, escpos: { fontB: false, double: false } };
}

const escposFonts: Record<TextSize, Font> = {
  small: { pitch: 9, height: 17, line: 24, zpl: { name: 'D', h: 18, w: 10 }, escpos: { fontB: true, double: false } },
  normal: { pitch: 12, height: 24, line: 30, zpl: { name: 'D', h: 18, w: 10 }, escpos: { fontB: false, double: false } },
  large: { pitch: 24, height: 48, line: 56, zpl: { name: 'D', h: 36, w: 20 }, escpos: { fontB: false, double: true } },
};

export interface Metrics {
  language: Language;
  dpi: 203 | 300;
  dotsPerMm: number;
  margin: number;
  fonts: Record<TextSize, Font>;
  /** The iconv name of what the printer's fonts print, and for ESC/POS the code page chosen. */
  charset: string;
  codePage?: EscposCodePage;
}

export function metricsFor(language: Language, dpi: 203 | 300, texts: string[]): Metrics {
  const dotsPerMm = dpi / 25.4;
  if (language === 'escpos') {
    const codePage = pickCodePage(texts);
    return { language, dpi, dotsPerMm, margin: 0, fonts: escposFonts, charset: iconvName[codePage], codePage };
  }
  const fonts: Record<TextSize, Font> =
    dpi === 203 ? { small: zplFont('D', 1), normal: zplFont('F', 1), large: zplFont('D', 2) } : { small: zplFont('F', 1), normal: zplFont('D', 2), large: zplFont('F', 2) };
  return { language, dpi, dotsPerMm, margin: Math.round(2 * dotsPerMm), fonts, charset: iconvName.ZPL };
}

export type Element =
  | { kind: 'text'; x: number; y: number; text: string; size: TextSize; bold: boolean; align: 'left' | 'center' }
  | { kind: 'barcode'; x: number; y: number; symbology: Symbology; data: string; module: number; width: number; height: number; encoded: Encoded; align: 'left' | 'center' }
  | { kind: 'box'; x: number; y: number; width: number; height: number; thickness: number };

export interface Page {
  elements: Element[];
  height: number;
}

export interface Layout {
  metrics: Metrics;
  width: number;
  pages: Page[];
  notes: LabelNote[];
  /** The notes in English. */
  warnings: string[];
}

/** Every text a block list prints (to choose a code page before laying out). */
export function textsOf(blocks: Block[]): string[] {
  return blocks.flatMap((b) => {
    if (b.kind === 'text') return [b.text];
    if (b.kind === 'table') return [...b.columns.map((c) => c.title), ...b.rows.flat()];
    if (b.kind === 'side') return b.beside.map((t) => t.text);
    return [];
  });
}

class Placer {
  pages: Page[] = [{ elements: [], height: 0 }];
  y: number;
  readonly notes: LabelNote[] = [];

  constructor(
    readonly m: Metrics,
    readonly width: number,
    readonly height: number | null,
  ) {
    this.y = m.margin;
  }

  get inner(): number {
    return this.width - 2 * this.m.margin;
  }

  /** Room for `h` more dots on this page, or a new page. */
  reserve(h: number): void {
    if (this.height === null || this.y + h <= this.height - this.m.margin || this.y === this.m.margin) return;
    this.pages.at(-1)!.height = this.height;
    this.pages.push({ elements: [], height: 0 });
    this.y = this.m.margin;
  }

  put(element: Element): void {
    this.pages.at(-1)!.elements.push(element);
  }

  clean(value: string, field: string | undefined): string {
    const { text, changed } = transliterate(value, this.m.charset);
    if (changed.length) this.notes.push(note('transliterated', { field: field ?? 'text', printed: text, given: value, missing: [...new Set(changed)].map((c) => `"${c}"`).join(' ') }));
    return text;
  }

  textLines(block: TextBlock, x: number, width: number): void {
    const font = this.m.fonts[block.size ?? 'normal'];
    const cols = Math.floor(width / font.pitch);
    const maxLines = block.maxLines ?? 1;
    const fitted = fitText(this.clean(block.text, block.field), cols, maxLines);
    if (fitted.shortened) this.notes.push(note('shortened', { field: block.field ?? 'text', lines: maxLines, columns: cols }));
    const align = block.align ?? 'left';
    for (const line of fitted.lines) {
      this.reserve(font.line);
      const offset = align === 'center' ? Math.floor((width - line.length * font.pitch) / 2) : 0;
      this.put({ kind: 'text', x: x + offset, y: this.y, text: line, size: block.size ?? 'normal', bold: !!block.bold, align });
      this.y += font.line;
    }
  }

  barcode(block: Extract<Block, { kind: 'barcode' }>, x: number, width: number, place = true): Extract<Element, { kind: 'barcode' }> {
    const escpos = this.m.language === 'escpos';
    let symbology = block.symbology;
    if (escpos && symbology === 'datamatrix') {
      this.notes.push(note('qrForDataMatrix', { field: block.field ?? 'barcode' }));
      symbology = 'qrcode';
    }
    const encoded = encodeBarcode(symbology, block.data, { setB: escpos });
    const span = encoded.kind === 'linear' ? encoded.modules : encoded.columns;
    const wanted = Math.max(1, Math.round(block.moduleMm * this.m.dotsPerMm));
    // ESC/POS: GS w takes 2-6 dots; QR cells 1-8 dots. ZPL: ^BY 1-10, ^BQ 1-10, ^BX any.
    const [least, most] = escpos ? (encoded.kind === 'linear' ? [2, 6] : [1, 8]) : [1, 10];
    const module = Math.min(most, Math.min(wanted, Math.floor(width / span)));
    if (module < least)
      throw new AppError('labels.barcodeTooWide', `${block.field ?? 'barcode'}: "${block.data}" is too long for a barcode ${Math.round(width / this.m.dotsPerMm)} mm wide`, { field: block.field ?? 'barcode' });
    const height = encoded.kind === 'linear' ? Math.min(escpos ? 255 : 9999, Math.round((block.heightMm ?? 10) * this.m.dotsPerMm)) : encoded.rows * module;
    const w = span * module;
    const align = block.align ?? 'left';
    const element = { kind: 'barcode' as const, x: x + (align === 'center' ? Math.floor((width - w) / 2) : 0), y: this.y, symbology, data: block.data, module, width: w, height, encoded, align };
    if (place) {
      this.reserve(height);
      element.y = this.y;
      this.put(element);
      this.y += height + Math.round(this.m.dotsPerMm);
    }
    return element;
  }

  rule(): void {
    if (this.m.language === 'escpos') {
      const font = this.m.fonts.normal;
      this.reserve(font.line);
      this.put({ kind: 'text', x: 0, y: this.y, text: '-'.repeat(Math.floor(this.inner / font.pitch)), size: 'normal', bold: false, align: 'left' });
      this.y += font.line;
      return;
    }
    const thickness = Math.max(2, Math.round(this.m.dotsPerMm / 4));
    const space = Math.round(this.m.dotsPerMm);
    this.reserve(thickness + 2 * space);
    this.put({ kind: 'box', x: this.m.margin, y: this.y + space, width: this.inner, height: thickness, thickness });
    this.y += thickness + 2 * space;
  }

  table(block: Extract<Block, { kind: 'table' }>): void {
    const font = this.m.fonts[block.size ?? 'normal'];
    const cols = Math.floor(this.inner / font.pitch);
    const n = block.columns.length;
    const room = cols - (n - 1);
    const shares = block.columns.reduce((a, c) => a + c.share, 0);
    const widths = block.columns.map((c) => Math.floor((c.share / shares) * room));
    widths[0]! += room - widths.reduce((a, b) => a + b, 0);
    let shortened = false;
    const line = (cells: string[][], i: number) =>
      cells.map((lines, c) => cell(lines[i] ?? '', widths[c]!, block.columns[c]!.align ?? 'left').text).join(' ').trimEnd();
    const rows = [block.columns.map((c) => c.title), ...block.rows];
    for (const [r, row] of rows.entries()) {
      const cells = block.columns.map((column, c) => {
        const value = this.clean(row[c] ?? '', block.field);
        const fitted = fitText(value, widths[c]!, r === 0 ? 1 : (column.lines ?? 1));
        shortened ||= fitted.shortened;
        return fitted.lines;
      });
      const height = Math.max(...cells.map((l) => l.length));
      for (let i = 0; i < height; i++) {
        this.reserve(font.line);
        this.put({ kind: 'text', x: this.m.margin, y: this.y, text: line(cells, i), size: block.size ?? 'normal', bold: r === 0, align: 'left' });
        this.y += font.line;
      }
    }
    if (shortened) this.notes.push(note('cellsShortened', { field: block.field ?? 'table' }));
  }

  side(block: Extract<Block, { kind: 'side' }>): void {
    if (this.m.language === 'escpos') {
      this.barcode(block.code, this.m.margin, this.inner);
      for (const t of block.beside) this.textLines(t, this.m.margin, this.inner);
      return;
    }
    const code = this.barcode(block.code, this.m.margin, this.inner, false);
    const gapDots = Math.round(1.5 * this.m.dotsPerMm);
    const textHeight = block.beside.reduce((h, t) => h + this.m.fonts[t.size ?? 'normal'].line * (t.maxLines ?? 1), 0);
    this.reserve(Math.max(code.height, textHeight));
    const top = this.y;
    code.y = top;
    this.put(code);
    const x = this.m.margin + code.width + gapDots;
    for (const t of block.beside) this.textLines(t, x, this.width - this.m.margin - x);
    this.y = Math.max(this.y, top + code.height + Math.round(this.m.dotsPerMm));
  }
}

/** Lays out `blocks` on media `widthDots` wide and `heightDots` long (null: as long as the content). */
export function layOut(blocks: Block[], m: Metrics, widthDots: number, heightDots: number | null): Layout {
  const p = new Placer(m, widthDots, heightDots);
  for (const block of blocks) {
    if (block.kind === 'text') p.textLines(block, m.margin, p.inner);
    else if (block.kind === 'barcode') p.barcode(block, m.margin, p.inner);
    else if (block.kind === 'table') p.table(block);
    else if (block.kind === 'side') p.side(block);
    else if (block.kind === 'rule') p.rule();
    else {
      p.reserve(0);
      p.y += Math.round(block.mm * m.dotsPerMm);
    }
  }
  const last = p.pages.at(-1)!;
  last.height = heightDots ?? Math.max(p.y + m.margin, 1);
  if (p.pages.length > 1) p.notes.push(note('pages', { count: p.pages.length }));
  return { metrics: m, width: widthDots, pages: p.pages, notes: p.notes, warnings: p.notes.map(noteText) };
}
