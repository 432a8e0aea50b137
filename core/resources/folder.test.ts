import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { previewFonts, svgDocument, svgToPng } from '../labels/svg';
import { openStation } from '../server/testing';

// The checkout's top-level resources/, found here from this file's place, not by the code under test.
const resources = path.resolve(import.meta.dirname, '../../resources');

describe('the station server serves the scan sounds from resources/', () => {
  it.each(['scan-ok.wav', 'scan-error.wav'])('%s, as a WAV file under its security policy', async (name) => {
    const station = await openStation();
    const answer = await fetch(`${station.base}/resources/sounds/${name}`);
    const body = Buffer.from(await answer.arrayBuffer());
    expect([answer.status, answer.headers.get('content-type'), answer.headers.get('x-content-type-options')]).toEqual([200, 'audio/wav', 'nosniff']);
    expect(answer.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(body.equals(readFileSync(path.join(resources, 'sounds', name)))).toBe(true);
    expect([body.subarray(0, 4).toString('latin1'), body.subarray(8, 12).toString('latin1')]).toEqual(['RIFF', 'WAVE']);
  });

  it('serves nothing else of resources/', async () => {
    const station = await openStation();
    for (const other of ['/resources/sounds/../service/upstream.env.example', '/resources/fonts/DejaVuSansMono.ttf', '/resources/sounds/%2E%2E%2Ficon.png']) {
      const answer = await fetch(`${station.base}${other}`);
      expect(answer.headers.get('content-type'), other).not.toMatch(/audio|font|png|octet/);
    }
  });
});

describe('the label preview', () => {
  it('draws its text with the fonts in resources/fonts, not the system’s', () => {
    const svg = svgDocument(240, 40, ['<text x="4" y="30" font-size="24">L-26-R1-000123</text>']);
    const fonts = ['DejaVuSansMono.ttf', 'DejaVuSansMono-Bold.ttf', 'DejaVuSansCondensed-Bold.ttf'].map((name) => path.join(resources, 'fonts', name));
    const withResources = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: fonts, defaultFontFamily: 'DejaVu Sans Mono', monospaceFamily: 'DejaVu Sans Mono' }, shapeRendering: 1, textRendering: 2 });
    const withNone = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: [] }, shapeRendering: 1, textRendering: 2 });
    expect(previewFonts.map((file) => path.relative(resources, file))).toEqual([path.join('fonts', 'DejaVuSansMono.ttf'), path.join('fonts', 'DejaVuSansMono-Bold.ttf')]);
    const preview = svgToPng(svg);
    expect(preview.equals(withResources.render().asPng())).toBe(true);
    expect(preview.equals(withNone.render().asPng())).toBe(false);
  });
});
