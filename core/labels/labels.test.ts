import { describe, expect, it } from 'vitest';
import { AppError } from '../kernel/errors';
import { printTemplates } from '../printing/events';
import { readScannedCode } from './barcodes';
import { decodeEscpos } from './decode/escpos';
import { decodeZpl } from './decode/zpl';
import { labelTemplates, renderLabel, renderPreview, testPrint, type LabelTarget } from './index';
import { noteCodes } from './notes';

// Each template rendered for real printers and read back from the bytes: what a person finds
// printed on the label, and what a scanner reads from its barcodes.

const example = (name: string) => structuredClone(labelTemplates().find((t) => t.name === name)!.example) as Record<string, any>;
const zpl203: LabelTarget = { language: 'zpl', dpi: 203 };
const zpl300: LabelTarget = { language: 'zpl', dpi: 300 };
const escpos: LabelTarget = { language: 'escpos', dpi: 203 };
const joined = (texts: string[]) => texts.join(' ').replace(/\s+/g, ' ');

/** What each example must show and encode, whatever the printer. */
const expected: Record<string, { texts: string[]; barcodes: { type: string; value: string }[] }> = {
  'lot-label': {
    texts: ['L-26-R1-000123', 'BR-CUF-001 Maasai Spiral Cuff', 'gold-1.0 Qty 120', 'Wanjiku Mwangi 2026-11-25'],
    barcodes: [{ type: 'code128', value: 'L-26-R1-000123' }],
  },
  'piece-tag': { texts: ['L-26-R1-000123', 'BR-CUF-001', 'gold-1.0'], barcodes: [{ type: 'datamatrix', value: 'L-26-R1-000123/BR-CUF-001/gold-1.0' }] },
  'plating-traveller': {
    texts: ['PB-26-0042', 'Line: Gold line 1', 'Finish: gold-1.0', 'Recipe: gold 1 µm at 0.5 A/dm²', 'Time in bath: 18.2 min', 'Metal expected: 2.41 g', 'Planned: 2026-11-25 09:40 - 10:10', 'L-26-R1-000131', 'Pieces: 160'],
    barcodes: [{ type: 'code128', value: 'PB-26-0042' }],
  },
  'delivery-receipt': {
    texts: ['Delivery: DN-26-00417', 'Artisan: Wanjiku Mwangi', 'Received: 2026-11-25 10:12', 'L-26-R1-000123', 'L-26-R1-000124', '4560.0', '1860.4', 'Pieces: 420', 'Waiting for QC: 410', 'Quarantined: 10', 'Line 3: HN-PEN-003, 50 expected'],
    barcodes: [{ type: 'qrcode', value: 'DN-26-00417' }],
  },
  'return-note': { texts: ['Artisan: Otieno Ouma', 'L-26-R1-000125 BR-RNG-007:', 'Cracked', 'solder joint', 'Pieces returned: 6'], barcodes: [{ type: 'code128', value: 'RN-26-0009' }] },
  'packing-slip': {
    texts: ['Order CO-26-0188, box 1 of 2', 'Maison Lumière', '12 rue des Orfèvres', 'gold-0.5', 'Pieces in this box: 100'],
    barcodes: [{ type: 'gs1-128', value: '(00)061640040000001884' }],
  },
  'shipping-label': {
    texts: ['Karakana HQ', 'Maison Lumière', '12 rue des Orfèvres', '75001 Paris', 'DHL Express Worldwide', 'Weight 4.35 kg, order CO-26-0188, box 1 of 2', 'JD014600006281394827'],
    barcodes: [
      { type: 'code128', value: 'JD014600006281394827' },
      { type: 'gs1-128', value: '(00)061640040000001884' },
    ],
  },
  'customs-declaration': {
    texts: ['CUSTOMS DECLARATION CN23', 'Maison Lumière', '711719', '1.520', '180.00 EUR', '81.00 EUR', 'Total value: 261.00 EUR', 'Total net weight: 1.892 kg'],
    barcodes: [],
  },
};

describe('every template, printed and read back', () => {
  it('covers every template the print queue names', () => {
    expect(labelTemplates().map((t) => t.name)).toEqual([...printTemplates]);
    for (const t of labelTemplates()) expect(t.fields.length, t.name).toBeGreaterThan(0);
  });

  describe.each(Object.keys(expected))('%s', (name) => {
    const want = expected[name]!;
    it.each([
      ['ZPL 203 dpi', zpl203],
      ['ZPL 300 dpi', zpl300],
    ] as const)('%s: texts and barcode values decode from the ZPL', (_, target) => {
      const { bytes, warnings } = renderLabel(name, example(name), target);
      const decoded = decodeZpl(bytes);
      for (const text of want.texts) expect(joined(decoded.texts)).toContain(text);
      expect(decoded.barcodes).toEqual(want.barcodes);
      expect(warnings).toEqual([]);
      // Nothing off the edge: every text field ends inside the print width (fixed-pitch fonts D and F).
      for (const f of decoded.fields.filter((f) => f.font)) {
        const pitch = f.font!.name === 'D' ? (f.font!.w / 10) * 12 : (f.font!.w / 13) * 16;
        expect(f.x + [...f.text].length * pitch, f.text).toBeLessThanOrEqual(f.printWidth);
      }
    });

    it('ESC/POS: texts and barcode values decode from the command stream', () => {
      const { bytes } = renderLabel(name, example(name), escpos);
      const decoded = decodeEscpos(bytes);
      for (const text of want.texts) expect(joined(decoded.texts)).toContain(text);
      // ESC/POS has no DataMatrix command: the same data goes as a QR code.
      expect(decoded.barcodes).toEqual(want.barcodes.map((b) => (b.type === 'datamatrix' ? { ...b, type: 'qrcode' } : b)));
      for (const line of decoded.lines) expect(line.text.length, line.text).toBeLessThanOrEqual(line.doubleWidth ? 24 : line.fontB ? 64 : 48);
    });
  });

  it('GS1-128 codes carry a correct check digit that a scan validates, on both printers', () => {
    for (const target of [zpl203, escpos]) {
      const [code] = (target.language === 'zpl' ? decodeZpl : decodeEscpos)(renderLabel('packing-slip', example('packing-slip'), target).bytes).barcodes;
      const scanned = readScannedCode(code!.value);
      expect(scanned).toEqual({ kind: 'gs1', elements: [{ ai: '00', value: '061640040000001884' }] });
    }
  });

  it("prints a carrier's own ZPL byte for byte, and only on a ZPL printer of its resolution", () => {
    const data = example('carrier-label');
    expect(renderLabel('carrier-label', data, zpl203).bytes.toString('utf8')).toBe(data.zpl);
    expect(() => renderLabel('carrier-label', data, escpos)).toThrow(expect.objectContaining({ code: 'labels.wrongTarget' }));
    expect(() => renderLabel('carrier-label', data, zpl300)).toThrow(expect.objectContaining({ code: 'labels.wrongTarget' }));
  });

  it('puts a receipt on several labels when a die-cut label is too short, and says so', () => {
    const data = example('delivery-receipt');
    data.lots = Array.from({ length: 12 }, (_, i) => ({ ...data.lots[0], lotId: `L-26-R1-${String(200 + i).padStart(6, '0')}` }));
    const { bytes, warnings } = renderLabel('delivery-receipt', data, { language: 'zpl', dpi: 203, widthMm: 101.6, heightMm: 76 });
    const decoded = decodeZpl(bytes);
    expect(decoded.labels).toBeGreaterThan(1);
    expect(warnings).toContain(`continues on ${decoded.labels} labels`);
    for (let i = 0; i < 12; i++) expect(decoded.texts.join(' ')).toContain(`L-26-R1-${String(200 + i).padStart(6, '0')}`);
  });
});

describe('data too long for its box', () => {
  const long = 'Extraordinarily Long Hand Hammered Maasai Spiral Cuff With Beadwork And Engraved Pattern';

  it('is shortened visibly with "..." on ZPL, ESC/POS and the preview alike, never past the edge, with a warning', () => {
    const data = { ...example('lot-label'), designName: long };
    const zpl = renderLabel('lot-label', data, zpl203);
    const field = decodeZpl(zpl.bytes).fields.find((f) => f.text.startsWith('BR-CUF-001'))!;
    expect(field.text).toMatch(/^BR-CUF-001 Extraordinarily.*\.\.\.$/);
    expect(field.x + field.text.length * 12).toBeLessThanOrEqual(400 - 16);
    expect(zpl.warnings).toEqual([expect.stringContaining('designName: shortened')]);

    const receipt = decodeEscpos(renderLabel('lot-label', data, escpos).bytes);
    const line = receipt.texts.find((t) => t.startsWith('BR-CUF-001'))!;
    expect(line).toMatch(/\.\.\.$/);
    expect(line.length).toBeLessThanOrEqual(64);

    const preview = renderPreview('lot-label', data, { format: 'svg', language: 'zpl' });
    expect(preview.svg).toContain(`>${field.text}</text>`);
    expect(preview.warnings).toEqual(zpl.warnings);
  });

  it('wraps to the lines a field may have before shortening', () => {
    const data = { ...example('packing-slip'), shipTo: `${long}, 12 rue des Orfèvres, 75001 Paris, France, and then a great deal more of the address that cannot fit on four lines of a receipt` };
    const texts = decodeEscpos(renderLabel('packing-slip', data, escpos).bytes).texts;
    const start = texts.findIndex((t) => t.startsWith('Extraordinarily'));
    expect(texts.slice(start, start + 4).every((t) => t.length <= 48)).toBe(true);
    expect(texts[start + 3]).toMatch(/\.\.\.$/);
    expect(texts[start + 4]).toMatch(/^-+$/);
  });

  it('refuses a barcode too long for the label, naming the field', () => {
    const data = { ...example('plating-traveller'), batchId: 'PB-26-0042-ABCDEFGHIJKLMNOPQRSTU' };
    expect(() => renderLabel('plating-traveller', data, escpos)).toThrow(expect.objectContaining({ code: 'labels.barcodeTooWide', params: { field: 'batchId' } }));
  });
});

describe('data that looks like printer commands', () => {
  it('is printed as text: ^ and ~ cannot end a ZPL label or start a command', () => {
    const data = { ...example('lot-label'), artisan: 'A^XZ~JR^FDx_' };
    const decoded = decodeZpl(renderLabel('lot-label', data, zpl203).bytes);
    expect(decoded.labels).toBe(1);
    expect(decoded.texts).toContain('A^XZ~JR^FDx_ 2026-11-25');
    expect(decodeEscpos(renderLabel('lot-label', data, escpos).bytes).texts).toContain('A^XZ~JR^FDx_ 2026-11-25');
  });
});

describe('characters the printer lacks', () => {
  const artisan = 'Zoë Őrsi–“Ngũgĩ”';

  it('are transliterated on ZPL and ESC/POS, never a "?", and reported', () => {
    const data = { ...example('lot-label'), artisan };
    const zpl = renderLabel('lot-label', data, zpl203);
    expect(decodeZpl(zpl.bytes).texts).toContain('Zoë Orsi-"Ngugi" 2026-11-25');
    expect(zpl.warnings).toEqual(['artisan: printed "Zoë Orsi-"Ngugi" 2026-11-25" for "Zoë Őrsi–“Ngũgĩ” 2026-11-25" (the printer lacks "Ő" "–" "“" "ũ" "ĩ" "”")']);

    const receipt = renderLabel('lot-label', data, escpos);
    const decoded = decodeEscpos(receipt.bytes);
    // Windows-1252 has the dash and the curly quotes too: it is the code page chosen.
    expect(decoded.codePages).toEqual([16]);
    expect(decoded.texts).toContain('Zoë Orsi–“Ngugi” 2026-11-25');
    expect(decoded.texts.join('')).not.toContain('?');
    expect(receipt.warnings.join()).toContain('artisan: printed');
  });

  it('picks an ESC/POS code page that has the letters, and spells out those no code page has', () => {
    const data = { ...example('customs-declaration'), recipient: 'Łódź Żurawia, Kraków' };
    const decoded = decodeEscpos(renderLabel('customs-declaration', data, escpos).bytes);
    expect(decoded.codePages).toEqual([18]); // PC852 Latin 2: Polish letters print as they are
    expect(decoded.texts).toContain('To: Łódź Żurawia, Kraków (FR)');
    const chinese = decodeEscpos(renderLabel('customs-declaration', { ...data, recipient: '上海 Lumière' }, escpos).bytes);
    expect(chinese.texts).toContain('To: ** Lumière (FR)');
  });
});

describe('bad input', () => {
  it('an unknown template, a wrong field, or a printer it cannot go to: AppErrors naming what is wrong', () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(AppError);
        return e as AppError;
      }
      throw new Error('no error');
    };
    expect(err(() => renderLabel('gift-card', {}, zpl203)).code).toBe('labels.unknownTemplate');
    const bad = err(() => renderLabel('lot-label', { ...example('lot-label'), lotId: 'LOT 5' }, zpl203));
    expect([bad.code, bad.params.field]).toEqual(['labels.badData', 'lotId']);
    const missing = err(() => renderLabel('lot-label', { ...example('lot-label'), quantity: undefined }, zpl203));
    expect(missing.params.field).toBe('quantity');
    const extra = err(() => renderLabel('lot-label', { ...example('lot-label'), colour: 'red' }, zpl203));
    expect([extra.code, extra.params.field]).toEqual(['labels.unknownField', 'colour']);
    expect(err(() => renderLabel('lot-label', example('lot-label'), { language: 'tspl' as 'zpl', dpi: 203 })).code).toBe('labels.wrongTarget');
    expect(err(() => renderLabel('lot-label', example('lot-label'), { language: 'escpos', dpi: 300 })).code).toBe('labels.wrongTarget');
    expect(err(() => renderLabel('shipping-label', example('shipping-label'), { language: 'zpl', dpi: 203, widthMm: 50, heightMm: 25 })).code).toBe('labels.wrongTarget');
  });
});

describe('test print', () => {
  it('ZPL: a frame at the media edges, a millimetre ruler and darkness, at the printer offsets', () => {
    const zpl = testPrint({ language: 'zpl', dpi: 203, widthMm: 50, heightMm: 25, offsetXMm: 1, darkness: 22 }).toString();
    expect(zpl).toMatch(/^~SD22\n\^XA\^CI28\^PW400\^LL200\^LH8,0/);
    expect(zpl).toContain('^FO0,0^GB400,200,2^FS');
    expect(zpl.match(/\^GB1,/g)?.length).toBe(49);
    expect(decodeZpl(Buffer.from(zpl)).texts).toEqual(['10', '20', '30', '40', 'TEST PRINT', '203 dpi 50x25 mm', 'darkness 22']);
  });

  it('ESC/POS: a column ruler as wide as the paper and the code page', () => {
    const decoded = decodeEscpos(testPrint({ language: 'escpos', dpi: 203, widthMm: 58 }));
    expect(decoded.texts).toContain('12345678901234567890123456789012');
    expect(decoded.texts).toContain('Code page 850: é è à ü ö ñ ç ß');
  });
});

describe('the decoders read what they are given, and refuse what they do not know', () => {
  it('ESC/POS: an unknown command is an error, not skipped', () => {
    expect(() => decodeEscpos(Buffer.from([0x1b, 0x40, 0x41, 0x1b, 0x5a, 0x0a]))).toThrow('unknown command ESC Z');
  });

  it('ZPL: ^FH hex escapes and ^CI28 UTF-8', () => {
    const decoded = decodeZpl(Buffer.from('^XA^CI28^FO1,2^ADN,18,10^FH_^FDa_5Eb_7Ec_5Fd é^FS^XZ', 'utf8'));
    expect(decoded.texts).toEqual(['a^b~c_d é']);
  });
});

describe('notes for the screen', () => {
  it('every note a render can give has English and Swahili text with the same placeholders', async () => {
    const en = (await import('../../renderer/src/printing/strings.labels.en.json')).default as { labels: { notes: Record<string, string> } };
    const sw = (await import('../../renderer/src/printing/strings.labels.sw.json')).default as { labels: { notes: Record<string, string> } };
    const data = { ...example('lot-label'), designName: 'x'.repeat(80), artisan: 'Őrs' };
    const { notes } = renderLabel('lot-label', data, zpl203);
    expect(notes.map((n) => n.code)).toEqual(['shortened', 'transliterated']);
    expect(Object.keys(en.labels.notes).sort()).toEqual([...noteCodes].sort());
    for (const code of noteCodes) {
      const holes = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(holes(sw.labels.notes[code]!), code).toEqual(holes(en.labels.notes[code]!));
    }
    for (const n of notes) for (const hole of en.labels.notes[n.code]!.matchAll(/\{\{(\w+)\}\}/g)) expect(n.params, n.code).toHaveProperty(hole[1]!);
  });
});
