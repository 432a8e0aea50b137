import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { resourcesFolder } from '../resources/folder';
import type { Encoded } from './barcodes';
import type { Element, Layout } from './layout';

// The preview: the layout drawn at one pixel per printer dot, text in DejaVu Sans Mono sized so
// that its advance equals the printer font's pitch, barcodes module by module from bwip-js's
// encoding. Fonts come from resources/fonts (DejaVu 2.37), never from the system: the same PNG
// everywhere. resvg reads them itself, so they are real files, never inside app.asar.
const fontDir = path.join(resourcesFolder(), 'fonts');
export const previewFonts = [path.join(fontDir, 'DejaVuSansMono.ttf'), path.join(fontDir, 'DejaVuSansMono-Bold.ttf')];
/** DejaVu Sans Mono's advance width: 1233 of 2048 units per em. */
export const advancePerEm = 1233 / 2048;
export const pageGap = 24;

export const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function drawElement(e: Element, layout: Layout, top: number): string {
  const y = top + e.y;
  if (e.kind === 'box') return `<rect x="${e.x}" y="${y}" width="${e.width}" height="${e.height}"/>`;
  if (e.kind === 'text') {
    const font = layout.metrics.fonts[e.size];
    const size = (font.pitch / advancePerEm).toFixed(3);
    // Double-height ESC/POS text and magnified ZPL fonts are as tall as their cell: scale y to the cell height.
    const scaleY = (font.height / (font.pitch / advancePerEm) / 1.2).toFixed(4);
    const baseline = Math.round(font.height * 0.8);
    return `<text x="${e.x}" y="0" transform="translate(0 ${y + baseline}) scale(1 ${scaleY})" font-size="${size}"${e.bold && layout.metrics.language === 'escpos' ? ' font-weight="bold"' : ''}>${escapeXml(e.text)}</text>`;
  }
  return barcodePath(e.encoded, e.x, y, e.module, e.height);
}

/** A barcode's dark modules as one SVG path: bars of a linear code, or runs of modules of a 2D code. */
export function barcodePath(encoded: Encoded, x0: number, y: number, module: number, height: number): string {
  const rects: string[] = [];
  if (encoded.kind === 'linear') {
    let x = x0;
    encoded.bars.forEach((w, i) => {
      if (i % 2 === 0) rects.push(`M${x} ${y}h${w * module}v${height}h${-w * module}z`);
      x += w * module;
    });
  } else {
    const { pixels, columns, rows } = encoded;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < columns; c++) {
        if (!pixels[r * columns + c]) continue;
        let run = 1;
        while (c + run < columns && pixels[r * columns + c + run]) run++;
        rects.push(`M${x0 + c * module} ${y + r * module}h${run * module}v${module}h${-run * module}z`);
        c += run - 1;
      }
    }
  }
  return `<path d="${rects.join('')}"/>`;
}

export function toSvg(layout: Layout): { svg: string; width: number; height: number } {
  const width = layout.width;
  const height = layout.pages.reduce((h, p) => h + p.height, 0) + pageGap * (layout.pages.length - 1);
  const parts: string[] = [];
  let top = 0;
  for (const page of layout.pages) {
    parts.push(`<rect x="0" y="${top}" width="${width}" height="${page.height}" fill="#fff" stroke="#999" stroke-width="1"/>`);
    parts.push(`<g fill="#000" font-family="DejaVu Sans Mono" xml:space="preserve">${page.elements.map((e) => drawElement(e, layout, top)).join('')}</g>`);
    top += page.height + pageGap;
  }
  return { svg: svgDocument(width, height, parts), width, height };
}

export function svgDocument(width: number, height: number, parts: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="100%" height="100%" fill="#d8d8d8"/>${parts.join('')}</svg>`;
}

export function svgToPng(svg: string): Buffer {
  const resvg = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: [...previewFonts, path.join(fontDir, 'DejaVuSansCondensed-Bold.ttf')], defaultFontFamily: 'DejaVu Sans Mono', monospaceFamily: 'DejaVu Sans Mono' }, shapeRendering: 1, textRendering: 2 });
  return resvg.render().asPng();
}
