import type { Symbology } from './barcodes';

// What a template says it prints, top to bottom; the layout (layout.ts) places it for a printer.

export type TextSize = 'small' | 'normal' | 'large';

export interface TextBlock {
  kind: 'text';
  text: string;
  size?: TextSize;
  bold?: boolean;
  align?: 'left' | 'center';
  /** Wrapped up to this many lines, then shortened with '...'. Default 1. */
  maxLines?: number;
  /** The data field it shows, named in warnings. */
  field?: string;
}

export interface BarcodeBlock {
  kind: 'barcode';
  symbology: Symbology;
  data: string;
  /** Bar height of a linear code. */
  heightMm?: number;
  /** Preferred narrow bar or module size; made smaller (never below one dot) to fit. */
  moduleMm: number;
  align?: 'left' | 'center';
  field?: string;
}

export interface TableColumn {
  title: string;
  /** Share of the line's characters. */
  share: number;
  align?: 'left' | 'right';
  /** Lines a cell may wrap to before it is shortened. Default 1. */
  lines?: number;
}

export interface TableBlock {
  kind: 'table';
  columns: TableColumn[];
  rows: string[][];
  size?: TextSize;
  field?: string;
}

/** A 2D code with text beside it (on a page printer; a receipt printer prints them one under the other). */
export interface SideBlock {
  kind: 'side';
  code: BarcodeBlock;
  beside: TextBlock[];
}

export type Block = TextBlock | BarcodeBlock | TableBlock | SideBlock | { kind: 'rule' } | { kind: 'gap'; mm: number };

export const text = (value: string, options: Omit<TextBlock, 'kind' | 'text'> = {}): TextBlock => ({ kind: 'text', text: value, ...options });
export const rule = (): Block => ({ kind: 'rule' });
export const gap = (mm: number): Block => ({ kind: 'gap', mm });
