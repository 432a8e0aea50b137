import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { decodeEscpos } from './decode/escpos';
import { decodeZpl } from './decode/zpl';
import { labelTemplates, renderLabel, renderPreview } from './index';
import { previewFonts } from './svg';

// The preview is what prints: compared pixel by pixel with the checked-in reference pictures
// (reference/*.png; UPDATE_LABEL_REFERENCES=1 rewrites them after a deliberate change: look at them).

const referenceDir = path.join(import.meta.dirname, 'reference');
const update = process.env.UPDATE_LABEL_REFERENCES === '1';

/** RGBA pixels of a PNG, decoded by resvg itself (an SVG showing the PNG at its own size). */
function pixelsOf(png: Buffer, width: number, height: number): Buffer {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}"><image width="${width}" height="${height}" image-rendering="optimizeSpeed" xlink:href="data:image/png;base64,${png.toString('base64')}"/></svg>`;
  return Buffer.from(new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: previewFonts } }).render().pixels);
}

/** The PNG's size from its IHDR chunk. */
const sizeOf = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

describe('preview pictures match the references', () => {
  it.each(labelTemplates().map((t) => [t.name, t.example] as const))('%s', (name, example) => {
    const preview = renderPreview(name, example, { format: 'png' });
    const file = path.join(referenceDir, `${name}.png`);
    if (update || !existsSync(file)) {
      expect(update, `${file} is missing: run with UPDATE_LABEL_REFERENCES=1 and look at it`).toBe(true);
      mkdirSync(referenceDir, { recursive: true });
      writeFileSync(file, preview.png!);
      return;
    }
    const reference = readFileSync(file);
    expect(sizeOf(preview.png!)).toEqual(sizeOf(reference));
    expect(sizeOf(preview.png!)).toEqual({ width: preview.widthPx, height: preview.heightPx });
    const { width, height } = sizeOf(reference);
    const [a, b] = [pixelsOf(preview.png!, width, height), pixelsOf(reference, width, height)];
    let differing = 0;
    for (let i = 0; i < a.length; i += 4) if (Math.max(Math.abs(a[i]! - b[i]!), Math.abs(a[i + 1]! - b[i + 1]!), Math.abs(a[i + 2]! - b[i + 2]!)) > 48) differing++;
    expect(differing / (width * height)).toBeLessThan(0.002);
  });

  it('a changed label does not match its reference (the comparison can fail)', () => {
    const example = labelTemplates().find((t) => t.name === 'lot-label')!.example;
    const preview = renderPreview('lot-label', { ...example, lotId: 'L-26-R1-000999' }, { format: 'png' });
    const reference = readFileSync(path.join(referenceDir, 'lot-label.png'));
    const { width, height } = sizeOf(reference);
    const [a, b] = [pixelsOf(preview.png!, width, height), pixelsOf(reference, width, height)];
    let differing = 0;
    for (let i = 0; i < a.length; i += 4) if (a[i] !== b[i]) differing++;
    expect(differing / (width * height)).toBeGreaterThan(0.002);
  });
});

describe('the preview shows what prints', () => {
  it.each([203, 300] as const)('at %i dpi: every ZPL field is drawn at its ^FO position, at one pixel per dot', (dpi) => {
    for (const name of ['lot-label', 'piece-tag', 'shipping-label', 'customs-declaration']) {
      const example = labelTemplates().find((t) => t.name === name)!.example;
      const fields = decodeZpl(renderLabel(name, example, { language: 'zpl', dpi }).bytes).fields;
      const svg = renderPreview(name, example, { format: 'svg', dpi, language: 'zpl' }).svg;
      for (const f of fields.filter((f) => f.font)) expect(svg, `${name}: ${f.text}`).toContain(`<text x="${f.x}" y="0" transform="translate(0 ${f.y + Math.round(f.font!.h * 0.8)})`);
      for (const f of fields.filter((f) => f.barcode)) expect(svg, `${name}: ${f.barcode}`).toMatch(new RegExp(`<path d="M${f.x} ${f.y}[hv]`));
    }
  });

  it('ESC/POS: every line the receipt printer prints is in the preview, in the same order and wrapping', () => {
    for (const name of ['delivery-receipt', 'packing-slip', 'return-note', 'plating-traveller']) {
      const example = labelTemplates().find((t) => t.name === name)!.example;
      const printed = decodeEscpos(renderLabel(name, example, { language: 'escpos', dpi: 203 }).bytes).texts;
      const svg = renderPreview(name, example, { format: 'svg' }).svg;
      const drawn = [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&').trimEnd());
      expect(drawn, name).toEqual(printed);
    }
  });

  it('the PNG is as wide as the label in printer dots: 50 mm at 203 and 300 dpi', () => {
    const example = labelTemplates()[0]!.example;
    expect(renderPreview('lot-label', example, { format: 'png', dpi: 203 })).toMatchObject({ widthPx: 400, heightPx: 200 });
    expect(renderPreview('lot-label', example, { format: 'png', dpi: 300 })).toMatchObject({ widthPx: 591, heightPx: 295 });
  });
});
