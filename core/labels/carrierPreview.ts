import { encodeBarcode, type Symbology } from './barcodes';
import { barcodeValue, fieldText, zplCommands } from './decode/zpl';
import { note, type LabelNote } from './notes';
import { advancePerEm, barcodePath, escapeXml, pageGap, svgDocument } from './svg';

// A carrier's own ZPL drawn for the preview: the commands carriers' labels use (^FO/^FT, ^A fonts,
// ^BY with ^BC/^BQ/^BX, ^GB boxes) at their dot positions. The scalable font 0 is drawn in DejaVu
// Sans Condensed Bold, so its text widths are near, not exact; what it cannot draw (^GF graphics,
// other symbologies) is named in the warnings.

// ZPL bitmap fonts: matrix height, width and the gap after each character, in dots.
const bitmapFonts: Record<string, [number, number, number]> = { A: [9, 5, 1], B: [11, 7, 2], C: [18, 10, 2], D: [18, 10, 2], E: [28, 15, 5], F: [26, 13, 3], G: [60, 40, 8], H: [21, 13, 6] };
const symbologyOf: Record<string, Symbology> = { BC: 'code128', BQ: 'qrcode', BX: 'datamatrix' };

interface Font {
  name: string;
  h: number;
  w: number;
}

function textSvg(x: number, y: number, typeset: boolean, font: Font, value: string): string {
  const bitmap = bitmapFonts[font.name];
  if (!bitmap) {
    // Font 0 (and downloaded fonts): scalable, proportional, as tall as h and as wide as w allows.
    const baseline = typeset ? y : y + Math.round(font.h * 0.8);
    return `<text x="0" y="0" transform="translate(${x} ${baseline}) scale(${(font.w / font.h).toFixed(3)} 1)" font-family="DejaVu Sans" font-stretch="condensed" font-weight="bold" font-size="${font.h}">${escapeXml(value)}</text>`;
  }
  const [bh, bw, gap] = bitmap;
  const magH = Math.max(1, Math.round(font.h / bh));
  const magW = Math.max(1, Math.round(font.w / bw));
  const pitch = (bw + gap) * magW;
  const size = pitch / advancePerEm;
  const height = bh * magH;
  const baseline = typeset ? y : y + Math.round(height * 0.8);
  return `<text x="${x}" y="0" transform="translate(0 ${baseline}) scale(1 ${(height / size / 1.2).toFixed(4)})" font-family="DejaVu Sans Mono" font-size="${size.toFixed(3)}">${escapeXml(value)}</text>`;
}

function boxSvg(x: number, y: number, params: string): string {
  const [w = 1, h = 1, t = 1] = params.split(',').map((n) => Number(n) || undefined);
  const width = Math.max(w, t);
  const height = Math.max(h, t);
  const inner = width > 2 * t && height > 2 * t ? `M${x + t} ${y + t}v${height - 2 * t}h${width - 2 * t}v${-(height - 2 * t)}z` : '';
  return `<path fill-rule="evenodd" d="M${x} ${y}h${width}v${height}h${-width}z${inner}"/>`;
}

export function carrierPreviewSvg(zpl: Buffer, dpi: 203 | 300): { svg: string; width: number; height: number; notes: LabelNote[] } {
  const dotsPerMm = dpi / 25.4;
  const pages: { parts: string[]; width: number; height: number }[] = [];
  const missing = new Set<string>();
  let page = { parts: [] as string[], width: Math.round(101.6 * dotsPerMm), height: Math.round(152.4 * dotsPerMm) };
  let home = { x: 0, y: 0 };
  let at = { x: 0, y: 0, typeset: false };
  let font: Font = { name: 'A', h: 9, w: 5 };
  let defaultFont: Font = font;
  let by = { module: 2, height: 10 };
  let code: { name: string; params: string[] } | null = null;
  let field: string | null = null;
  let hex: string | null = null;
  let charset = 0;
  for (const { prefix, name, params } of zplCommands(zpl)) {
    if (prefix === '~') continue;
    const p = params.split(',').map((v) => v.trim());
    switch (name) {
      case 'XA':
        page = { ...page, parts: [] };
        home = { x: 0, y: 0 };
        font = defaultFont;
        break;
      case 'XZ':
        pages.push(page);
        break;
      case 'PW':
        page.width = Number(p[0]) || page.width;
        break;
      case 'LL':
        page.height = Number(p[0]) || page.height;
        break;
      case 'LH':
        home = { x: Number(p[0]) || 0, y: Number(p[1]) || 0 };
        break;
      case 'FO':
      case 'FT':
        at = { x: home.x + (Number(p[0]) || 0), y: home.y + (Number(p[1]) || 0), typeset: name === 'FT' };
        break;
      case 'CF':
        defaultFont = font = { name: p[0] || 'A', h: Number(p[1]) || 9, w: Number(p[2]) || Number(p[1]) || 5 };
        break;
      case 'A': {
        const h = Number(p[1]) || font.h;
        font = { name: params[0]!.toUpperCase(), h, w: Number(p[2]) || h };
        break;
      }
      case 'BY':
        by = { module: Number(p[0]) || by.module, height: Number(p[2]) || by.height };
        break;
      case 'CI':
        charset = Number(p[0]) || 0;
        break;
      case 'FH':
        hex = params.trim()[0] ?? '_';
        break;
      case 'FD':
      case 'FV':
        field = params;
        break;
      case 'GB':
        page.parts.push(boxSvg(at.x, at.y, params));
        break;
      case 'GF':
        missing.add('graphics (^GF)');
        break;
      case 'FS':
        if (field !== null) page.parts.push(code ? barcodeSvg(code, fieldText(field, hex, charset)) : textSvg(at.x, at.y, at.typeset, font, fieldText(field, hex, charset)));
        field = hex = code = null;
        break;
      default:
        if (/^B[0-9A-Z]$/.test(name)) {
          code = { name, params: p };
          if (!symbologyOf[name]) missing.add(`barcodes of type ^${name}`);
        }
    }
  }

  function barcodeSvg(c: { name: string; params: string[] }, data: string): string {
    const symbology = symbologyOf[c.name];
    if (!symbology) return boxSvg(at.x, at.y, `${by.height * 2},${by.height},2`);
    const gs1 = c.name === 'BC' && /^[DU]$/.test(c.params[5] ?? '');
    const value = barcodeValue(symbology === 'code128' && gs1 ? 'gs1-128' : symbology, data);
    const encoded = encodeBarcode(gs1 ? 'gs1-128' : symbology, value);
    const module = c.name === 'BC' ? by.module : Number(c.name === 'BQ' ? c.params[2] : c.params[1]) || (c.name === 'BQ' ? 2 : by.module);
    const height = c.name === 'BC' ? Number(c.params[1]) || by.height : encoded.kind === 'matrix' ? encoded.rows * module : by.height;
    const top = at.typeset ? at.y - height : at.y;
    const parts = [barcodePath(encoded, at.x, top, module, height)];
    if (c.name === 'BC' && c.params[2] !== 'N') {
      const width = encoded.kind === 'linear' ? encoded.modules * module : 0;
      parts.push(`<text x="${at.x + width / 2}" y="${top + height + 22}" text-anchor="middle" font-family="DejaVu Sans Mono" font-size="20">${escapeXml(value)}</text>`);
    }
    return parts.join('');
  }

  if (!pages.length) pages.push(page);
  const width = Math.max(...pages.map((pg) => pg.width));
  const height = pages.reduce((h, pg) => h + pg.height, 0) + pageGap * (pages.length - 1);
  let top = 0;
  const parts = pages.map((pg) => {
    const drawn = `<g transform="translate(0 ${top})"><rect width="${pg.width}" height="${pg.height}" fill="#fff" stroke="#999"/><g fill="#000" xml:space="preserve">${pg.parts.join('')}</g></g>`;
    top += pg.height + pageGap;
    return drawn;
  });
  const notes = [note('carrierPreview'), ...(missing.size ? [note('carrierLeftOut', { what: [...missing].join(', ') })] : [])];
  return { svg: svgDocument(width, height, parts), width, height, notes };
}
