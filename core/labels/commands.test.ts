import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exit } from '../kernel/command';
import { hq } from '../testing/hq';
import { decodeEscpos } from './decode/escpos';
import { decodeZpl } from './decode/zpl';

// `hq label` as a technician types it: a real process, real files, real exit codes.

const dir = mkdtempSync(path.join(tmpdir(), 'hq-label-'));
const file = (name: string) => path.join(dir, name);

describe('hq label', () => {
  it('templates --json lists every template with its fields and an example that renders', async () => {
    const run = await hq('label', 'templates', '--json');
    expect(run.code).toBe(exit.ok);
    const templates = JSON.parse(run.stdout) as { name: string; fields: { name: string }[]; example: Record<string, unknown> }[];
    expect(templates.map((t) => t.name)).toContain('customs-declaration');
    const customs = templates.find((t) => t.name === 'customs-declaration')!;
    expect(customs.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['currency', 'lines[].hsCode', 'lines[].origin']));

    writeFileSync(file('customs.json'), JSON.stringify(customs.example));
    const render = await hq('label', 'render', '--template', 'customs-declaration', '--data', file('customs.json'), '--format', 'zpl', '--dpi', '300', '--out', file('customs.zpl'));
    expect(render.code).toBe(exit.ok);
    expect(decodeZpl(readFileSync(file('customs.zpl'))).texts).toContain('Total value: 261.00 EUR');
  });

  it('render --example writes ESC/POS bytes and a PNG preview', async () => {
    const receipt = await hq('label', 'render', '--template', 'delivery-receipt', '--example', '--format', 'escpos', '--out', file('receipt.bin'));
    expect(receipt.code).toBe(exit.ok);
    expect(decodeEscpos(readFileSync(file('receipt.bin'))).barcodes).toEqual([{ type: 'qrcode', value: 'DN-26-00417' }]);
    const png = await hq('label', 'render', '--template', 'lot-label', '--example', '--format', 'png', '--out', file('lot.png'));
    expect(png.code).toBe(exit.ok);
    expect(readFileSync(file('lot.png')).subarray(1, 4).toString()).toBe('PNG');
  });

  it('bad data exits 1 naming the field; warnings go to stderr; nothing is written on error', async () => {
    writeFileSync(file('bad.json'), JSON.stringify({ lotId: 'L-26-R1-000123', designSku: 'BR-CUF-001', designName: 'Cuff', finish: 'gold-1.0', quantity: 'many', artisan: 'A', receivedAt: '2026-11-25T07:00:00Z' }));
    const bad = await hq('label', 'render', '--template', 'lot-label', '--data', file('bad.json'), '--format', 'zpl', '--out', file('bad.zpl'));
    expect(bad.code).toBe(exit.failed);
    expect(bad.stderr).toContain('lot-label: quantity:');
    expect(() => readFileSync(file('bad.zpl'))).toThrow();

    writeFileSync(file('long.json'), JSON.stringify({ lotId: 'L-26-R1-000123', designSku: 'BR-CUF-001', designName: 'A very long name for a cuff that cannot fit', finish: 'gold-1.0', quantity: 1, artisan: 'Őrs', receivedAt: '2026-11-25T07:00:00Z' }));
    const warned = await hq('label', 'render', '--template', 'lot-label', '--data', file('long.json'), '--format', 'zpl', '--out', file('long.zpl'));
    expect(warned.code).toBe(exit.ok);
    expect(warned.stderr).toContain('warning: designName: shortened');
    expect(warned.stderr).toContain('warning: artisan: printed "Ors 2026-11-25"');
  });

  it('an unknown template exits 1; a wrong format or dpi is a usage error (2)', async () => {
    const unknown = await hq('label', 'render', '--template', 'gift-card', '--example', '--format', 'zpl', '--out', file('x'));
    expect(unknown.code).toBe(exit.usage);
    expect(unknown.stderr).toContain('there is no template "gift-card"');
    const unknownData = await hq('label', 'render', '--template', 'gift-card', '--data', file('customs.json'), '--format', 'zpl', '--out', file('x'));
    expect(unknownData.code).toBe(exit.failed);
    expect(unknownData.stderr).toContain('There is no label template "gift-card"');
    const format = await hq('label', 'render', '--template', 'lot-label', '--example', '--format', 'pdf', '--out', file('x'));
    expect(format.code).toBe(exit.usage);
    expect(format.stderr).toContain('--format must be one of zpl, escpos, png, svg, not pdf');
    const dpi = await hq('label', 'render', '--template', 'lot-label', '--example', '--format', 'zpl', '--dpi', '600', '--out', file('x'));
    expect(dpi.code).toBe(exit.usage);
    expect(dpi.stderr).toContain('--dpi must be 203 or 300');
  });
});
