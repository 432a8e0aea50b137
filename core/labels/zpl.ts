import { gs1Bracketed, parseGs1Bracketed } from './barcodes';
import type { Element, Layout } from './layout';

// ZPL II: one ^XA...^XZ format per label, UTF-8 (^CI28), fixed-pitch bitmap fonts, the printer's
// own barcode commands with the layout's module sizes.

export interface ZplSettings {
  offsetXMm?: number;
  offsetYMm?: number;
  darkness?: number;
}

/** ^FD data: ^ and ~ would start commands, so they (and the escape character _) go as ^FH hex. */
function fieldData(value: string): string {
  if (!/[\^~_]/.test(value)) return `^FD${value}^FS`;
  return `^FH_^FD${value.replace(/[\^~_]/g, (c) => '_' + c.charCodeAt(0).toString(16).toUpperCase())}^FS`;
}

function element(e: Element, m: Layout['metrics']): string {
  if (e.kind === 'box') return `^FO${e.x},${e.y}^GB${e.width},${e.height},${e.thickness}^FS`;
  if (e.kind === 'text') {
    const f = m.fonts[e.size].zpl;
    return `^FO${e.x},${e.y}^A${f.name}N,${f.h},${f.w}${fieldData(e.text)}`;
  }
  const at = `^FO${e.x},${e.y}`;
  switch (e.symbology) {
    case 'code128':
      return `${at}^BY${e.module}^BCN,${e.height},N,N,N,A${fieldData(e.data)}`;
    case 'gs1-128':
      return `${at}^BY${e.module}^BCN,${e.height},N,N,N,D${fieldData(gs1Bracketed(parseGs1Bracketed(e.data)))}`;
    case 'qrcode':
      return `${at}^BQN,2,${e.module}${fieldData(`MA,${e.data}`)}`;
    case 'datamatrix':
      return `${at}^BXN,${e.module},200${fieldData(e.data)}`;
  }
}

export function toZpl(layout: Layout, settings: ZplSettings): Buffer {
  const dots = (mm: number | undefined) => Math.round((mm ?? 0) * layout.metrics.dotsPerMm);
  const parts: string[] = [];
  if (settings.darkness !== undefined) parts.push(`~SD${String(Math.round(settings.darkness)).padStart(2, '0')}\n`);
  for (const page of layout.pages) {
    parts.push(`^XA^CI28^PW${layout.width}^LL${page.height}^LH${dots(settings.offsetXMm)},${dots(settings.offsetYMm)}\n`);
    for (const e of page.elements) parts.push(element(e, layout.metrics) + '\n');
    parts.push('^XZ\n');
  }
  return Buffer.from(parts.join(''), 'utf8');
}
