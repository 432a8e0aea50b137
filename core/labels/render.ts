import { AppError } from '../kernel/errors';
import type { LabelPreview, LabelTarget, PreviewOptions, RenderedLabel } from './index';
import { carrierPreviewSvg } from './carrierPreview';
import { noteText } from './notes';
import { toEscpos } from './escpos';
import { layOut, metricsFor, textsOf, type Language, type Layout } from './layout';
import { svgToPng, toSvg } from './svg';
import { checkData, templateNamed } from './templates';
import type { TemplateDefinition } from './templates/define';
import { toZpl } from './zpl';

// Template + data + printer -> layout -> bytes (ZPL or ESC/POS) or the preview (SVG, PNG).

/** Printable width of an ESC/POS receipt printer: 72 mm on 80 mm paper, 48 mm on 58 mm paper. */
const receiptPrintableMm = (paperMm: number) => (paperMm <= 60 ? 48 : 72);

export function checkTarget(target: LabelTarget): void {
  const fail = (why: string) => {
    throw new AppError('labels.wrongTarget', why, { reason: why });
  };
  if (target.language !== 'zpl' && target.language !== 'escpos') fail(`printer language must be zpl or escpos, not ${String(target.language)}`);
  if (target.dpi !== 203 && target.dpi !== 300) fail(`printer resolution must be 203 or 300 dpi, not ${String(target.dpi)}`);
  if (target.language === 'escpos' && target.dpi !== 203) fail('ESC/POS receipt printers are laid out at 203 dpi (8 dots/mm)');
  for (const key of ['widthMm', 'heightMm'] as const) if (target[key] !== undefined && !(target[key]! >= 10 && target[key]! <= 300)) fail(`${key} must be 10-300 mm, not ${target[key]}`);
  for (const key of ['offsetXMm', 'offsetYMm'] as const) if (target[key] !== undefined && !(Math.abs(target[key]!) <= 20)) fail(`${key} must be within 20 mm, not ${target[key]}`);
  if (target.darkness !== undefined && !(target.darkness >= 0 && target.darkness <= 30)) fail(`darkness must be 0-30, not ${target.darkness}`);
}

function media(template: TemplateDefinition, language: Language, dpi: 203 | 300, widthMm?: number, heightMm?: number): { width: number; height: number | null } {
  const dotsPerMm = dpi / 25.4;
  if (language === 'escpos') return { width: receiptPrintableMm(widthMm ?? 80) * 8, height: null };
  const { size } = template;
  if (size.heightMm !== null) {
    const tooSmall = (widthMm !== undefined && widthMm < size.widthMm - 0.5) || (heightMm !== undefined && heightMm < size.heightMm - 0.5);
    if (tooSmall)
      throw new AppError('labels.wrongTarget', `${template.name} needs labels of ${size.widthMm} x ${size.heightMm} mm; this printer has ${widthMm ?? '?'} x ${heightMm ?? '?'} mm`, {
        reason: `${template.name} needs ${size.widthMm} x ${size.heightMm} mm labels`,
      });
    return { width: Math.round(size.widthMm * dotsPerMm), height: Math.round(size.heightMm * dotsPerMm) };
  }
  return { width: Math.round((widthMm ?? size.widthMm) * dotsPerMm), height: heightMm === undefined ? null : Math.round(heightMm * dotsPerMm) };
}

function layoutFor(template: TemplateDefinition, data: Record<string, unknown>, language: Language, dpi: 203 | 300, widthMm?: number, heightMm?: number): Layout {
  const blocks = template.blocks(data);
  const { width, height } = media(template, language, dpi, widthMm, heightMm);
  return layOut(blocks, metricsFor(language, dpi, textsOf(blocks)), width, height);
}

export function renderBytes(name: string, data: unknown, target: LabelTarget): RenderedLabel {
  const template = templateNamed(name);
  checkTarget(target);
  const checked = checkData(template, data);
  if (template.passThrough) {
    const { zpl, dpi } = template.passThrough(checked);
    if (target.language !== 'zpl') throw new AppError('labels.wrongTarget', `${name} is the carrier's ZPL: it prints on a ZPL printer only`, { reason: `${name} prints on ZPL printers only` });
    if (target.dpi !== dpi) throw new AppError('labels.wrongTarget', `${name} was made for ${dpi} dpi; this printer is ${target.dpi} dpi`, { reason: `${name} was made for ${dpi} dpi` });
    return { bytes: Buffer.from(zpl, 'utf8'), warnings: [], notes: [] };
  }
  const layout = layoutFor(template, checked, target.language, target.dpi, target.widthMm, target.heightMm);
  const bytes = target.language === 'zpl' ? toZpl(layout, target) : toEscpos(layout);
  return { bytes, warnings: layout.warnings, notes: layout.notes };
}

export function renderSvg(name: string, data: unknown, options: PreviewOptions): LabelPreview {
  const template = templateNamed(name);
  const dpi = options.dpi ?? 203;
  // Receipts show the receipt printer's output, unless a 300 dpi (label) printer is asked for.
  const language = options.language ?? (template.printer === 'receipt' && dpi === 203 ? 'escpos' : 'zpl');
  checkTarget({ language, dpi, widthMm: options.widthMm, heightMm: options.heightMm });
  const checked = checkData(template, data);
  if (template.passThrough) return carrierPreview(checked, options.format);
  const layout = layoutFor(template, checked, language, dpi, options.widthMm, options.heightMm);
  const { svg, width, height } = toSvg(layout);
  return { svg, widthPx: width, heightPx: height, warnings: layout.warnings, notes: layout.notes, ...(options.format === 'png' ? { png: svgToPng(svg) } : {}) };
}

function carrierPreview(data: Record<string, unknown>, format: 'svg' | 'png'): LabelPreview {
  const { svg, width, height, notes } = carrierPreviewSvg(Buffer.from(String(data.zpl), 'utf8'), data.dpi === 300 ? 300 : 203);
  return { svg, widthPx: width, heightPx: height, warnings: notes.map(noteText), notes, ...(format === 'png' ? { png: svgToPng(svg) } : {}) };
}
