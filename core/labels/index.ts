// The label layer's public API. Everything here is synchronous: bwip-js, resvg and
// node-thermal-printer's command builder all work without awaiting anything.
//
// One template definition (core/labels/templates) is laid out once per target (positions in printer
// dots, wrapped and shortened text, barcode module sizes) and that layout is written three ways:
// ZPL, ESC/POS (through node-thermal-printer's command builder) and SVG/PNG for the preview.
import type { PrintTemplate } from '../printing/events';
import type { LabelNote } from './notes';
import { renderBytes, renderSvg } from './render';
import { templateList } from './templates';
import { testPage } from './testPrint';

/** A printer as the label layer needs to know it. Sizes in millimetres; darkness 0-30 (ZPL ~SD). */
export interface LabelTarget {
  language: 'zpl' | 'escpos';
  dpi: 203 | 300;
  /** Media width (labels) or paper width (receipts: 80 or 58). */
  widthMm?: number;
  /** Media height of a die-cut label; none for continuous media and receipts. */
  heightMm?: number;
  offsetXMm?: number;
  offsetYMm?: number;
  darkness?: number;
}

export interface TemplateField {
  name: string;
  type: string;
  required: boolean;
  maxLength?: number;
}

export interface TemplateInfo {
  name: PrintTemplate;
  title: string;
  /** heightMm null: the length flows with the content (receipts). */
  size: { widthMm: number; heightMm: number | null };
  /** The printer job that prints it by default: label (tag printer), receipt (80 mm) or shipping (4 x 6 in). */
  printer: 'label' | 'receipt' | 'shipping';
  fields: TemplateField[];
  example: Record<string, unknown>;
}

export interface RenderedLabel {
  bytes: Buffer;
  /** What was transliterated, shortened or moved to another page, in English (for the log and the CLI). */
  warnings: string[];
  /** The same as codes and parameters, for the screen: t(`labels.notes.${code}`, params). */
  notes: LabelNote[];
}

export interface LabelPreview {
  svg: string;
  png?: Buffer;
  warnings: string[];
  notes: LabelNote[];
  /** Size of the picture in printer dots (1 px = 1 dot at the preview's dpi). */
  widthPx: number;
  heightPx: number;
}

export interface PreviewOptions {
  format: 'svg' | 'png';
  dpi?: 203 | 300;
  /** Which printer's output to show; by default the language of the template's usual printer. */
  language?: 'zpl' | 'escpos';
  widthMm?: number;
  heightMm?: number;
}

/** Every template with its size, fields and an example data object. */
export function labelTemplates(): TemplateInfo[] {
  return templateList();
}

/**
 * The bytes to send to a printer. Throws AppError labels.unknownTemplate, labels.badData (naming
 * the field) or labels.wrongTarget (a language, dpi or media the template cannot be printed on).
 */
export function renderLabel(template: string, data: unknown, target: LabelTarget): RenderedLabel {
  return renderBytes(template, data, target);
}

/** What the label looks like when printed: the same layout as renderLabel's, drawn as SVG (and PNG). */
export function renderPreview(template: string, data: unknown, options: PreviewOptions): LabelPreview {
  return renderSvg(template, data, options);
}

/** A calibration page for a printer: a frame at the media edges, a ruler in millimetres, darkness samples. */
export function testPrint(target: LabelTarget): Buffer {
  return testPage(target);
}

export { printTemplates, type PrintTemplate } from '../printing/events';
export type { LabelNote, NoteCode } from './notes';
/** Scans read by the rules the labels print with (lot ids, piece tags, GS1 with check digits). */
export { gs1CheckDigit, pieceTagCode, readScannedCode, sscc, type ScannedCode } from './barcodes';
