import { escposBuilder } from './escpos';
import type { LabelTarget } from './index';
import { metricsFor, type Element, type Layout } from './layout';
import { checkTarget } from './render';
import { toZpl } from './zpl';

// A calibration page: on a label printer a frame at the media edges (what the offsets move), a
// millimetre ruler and darkness samples; on a receipt printer a column ruler, the code page and a
// solid bar to judge darkness.

function zplTestPage(target: LabelTarget): Buffer {
  const m = metricsFor('zpl', target.dpi, []);
  const widthMm = target.widthMm ?? 50;
  const heightMm = target.heightMm ?? 25;
  const dot = (mm: number) => Math.round(mm * m.dotsPerMm);
  const width = dot(widthMm);
  const height = dot(heightMm);
  const line = Math.max(2, dot(0.25));
  const elements: Element[] = [{ kind: 'box', x: 0, y: 0, width, height, thickness: line }];
  for (let mm = 1; mm < widthMm; mm++) {
    const long = mm % 10 === 0 ? 3 : mm % 5 === 0 ? 2 : 1;
    elements.push({ kind: 'box', x: dot(mm), y: line, width: 1, height: dot(long), thickness: 1 });
    if (mm % 10 === 0) elements.push({ kind: 'text', x: dot(mm) + 2, y: dot(3.5), text: String(mm), size: 'small', bold: false, align: 'left' });
  }
  const font = m.fonts.small;
  const info = `${target.dpi} dpi ${widthMm}x${heightMm} mm`;
  elements.push({ kind: 'text', x: dot(2), y: dot(7), text: 'TEST PRINT', size: 'normal', bold: false, align: 'left' });
  elements.push({ kind: 'text', x: dot(2), y: dot(7) + m.fonts.normal.line, text: info, size: 'small', bold: false, align: 'left' });
  elements.push({ kind: 'text', x: dot(2), y: dot(7) + m.fonts.normal.line + font.line, text: `darkness ${target.darkness ?? 'as set'}`, size: 'small', bold: false, align: 'left' });
  const sampleY = dot(7) + m.fonts.normal.line + 2 * font.line;
  const sample = Math.min(dot(5), height - sampleY - dot(1));
  if (sample > 0) for (let k = 0; k < 3; k++) elements.push({ kind: 'box', x: dot(2) + k * (sample + dot(1)), y: sampleY, width: sample, height: sample, thickness: k === 0 ? sample : Math.max(1, k * line) });
  const layout: Layout = { metrics: m, width, pages: [{ elements, height }], notes: [], warnings: [] };
  return toZpl(layout, target);
}

function escposTestPage(target: LabelTarget): Buffer {
  const paper = target.widthMm ?? 80;
  const cols = paper <= 60 ? 32 : 48;
  const printer = escposBuilder(cols, 'PC850_MULTILINGUAL');
  printer.alignCenter();
  printer.bold(true);
  printer.println('TEST PRINT');
  printer.bold(false);
  printer.alignLeft();
  printer.println(`${paper} mm paper, ${cols} columns, 203 dpi`);
  printer.println('+' + '-'.repeat(cols - 2) + '+');
  printer.println(Array.from({ length: cols }, (_, k) => String((k + 1) % 10)).join(''));
  printer.println('+' + '-'.repeat(cols - 2) + '+');
  printer.println('Code page 850: é è à ü ö ñ ç ß');
  printer.invert(true);
  printer.println(' '.repeat(cols));
  printer.invert(false);
  printer.cut();
  return Buffer.from(printer.getBuffer());
}

export function testPage(target: LabelTarget): Buffer {
  checkTarget(target);
  return target.language === 'zpl' ? zplTestPage(target) : escposTestPage(target);
}
