import bwipjs from 'bwip-js/node';
import { describe, expect, it } from 'vitest';
import { gs1CheckDigit, pieceTagCode, readScannedCode, sscc } from './barcodes';

// Check digits as GS1 defines them, and a scanned code read by the same rules the labels print with.

describe('GS1 check digits', () => {
  it.each([
    ['400638133393', 1], // EAN-13 4006381333931
    ['9638507', 4], // EAN-8 96385074
    ['10614141234567890', 8], // SSCC (00)106141412345678908, GS1's own example
    ['0061414100001', 2],
  ])('%s -> %i', (digits, check) => expect(gs1CheckDigit(digits)).toBe(check));

  it('an SSCC for our box carries its computed check digit, and bwip-js (BWIPP) accepts it as GS1-128', () => {
    const code = sscc(0, '6164004', 188);
    expect(code).toBe('061640040000001884');
    expect(() => bwipjs.raw('gs1-128', `(00)${code}`, {})).not.toThrow();
    expect(() => bwipjs.raw('gs1-128', `(00)${code.slice(0, -1)}5`, {})).toThrow(/checksum/i);
  });
});

/**
 * The GS1 General Specifications' own way (section 7.9): weights 3, 1, 3, 1 ... from the digit
 * nearest the check digit, and the check digit is what lifts the sum to the next multiple of ten.
 */
function specCheckDigit(body: string): number {
  const weighted = [...body].reverse().reduce((sum, digit, i) => sum + Number(digit) * [3, 1][i % 2]!, 0);
  return Math.ceil(weighted / 10) * 10 - weighted;
}

describe('an SSCC', () => {
  it.each([
    ['10614141123456789', '106141411234567897'], // an SSCC as GS1 documents it
    ['10614141234567890', '106141412345678908'], // the GS1 General Specifications' example
    ['629104150021', '6291041500213'], // GS1 Hong Kong's worked example of the mod-10 digit
  ])('%s gets the published check digit: %s', (body, published) => expect(body + gs1CheckDigit(body)).toBe(published));

  it('is 18 digits with the check digit GS1 defines, over thousands of serials, ten in a hundred of them ending in 0', () => {
    let endingInZero = 0;
    for (let serial = 0; serial < 3000; serial++)
      for (const [extension, prefix] of [[serial % 10, '6164004'], [9 - (serial % 10), '0614141999']] as const) {
        const code = sscc(extension, prefix, serial);
        const body = `${extension}${prefix}${String(serial).padStart(16 - prefix.length, '0')}`;
        expect(code).toBe(body + specCheckDigit(body));
        expect(code).toMatch(/^\d{18}$/);
        if (code.endsWith('0')) endingInZero++;
      }
    expect(endingInZero).toBeGreaterThan(500);
  });
});

describe('a scanned code', () => {
  it('GS1 from a scanner (]C1 with GS between variable-length fields) is read into its AIs', () => {
    expect(readScannedCode(']C100106141412345678908\r\n')).toEqual({ kind: 'gs1', elements: [{ ai: '00', value: '106141412345678908' }] });
    expect(readScannedCode(']C110ABC123\x1d3103001520400CO-26-0188')).toEqual({
      kind: 'gs1',
      elements: [
        { ai: '10', value: 'ABC123' },
        { ai: '3103', value: '001520' },
        { ai: '400', value: 'CO-26-0188' },
      ],
    });
    expect(readScannedCode('(01)09506000134352(10)LOT7')).toEqual({ kind: 'gs1', elements: [{ ai: '01', value: '09506000134352' }, { ai: '10', value: 'LOT7' }] });
  });

  it('GS1 with a wrong check digit, a short SSCC or an unknown AI is refused with a clear reason', () => {
    expect(() => readScannedCode(']C100106141412345678907')).toThrow(expect.objectContaining({ code: 'labels.badCheckDigit', message: expect.stringContaining('should end in 8') }));
    expect(() => readScannedCode('(00)10614141234567890')).toThrow(expect.objectContaining({ code: 'labels.badCode', message: expect.stringContaining('must be 18 characters') }));
    expect(() => readScannedCode(']C199ABC')).toThrow(expect.objectContaining({ code: 'labels.badCode' }));
  });

  it('our lot ids and piece tags are recognised; anything else is passed on as it is', () => {
    expect(readScannedCode('l-26-r1-000123')).toEqual({ kind: 'lot', lotId: 'L-26-R1-000123' });
    expect(readScannedCode(pieceTagCode('L-26-R1-000123', 'BR-CUF-001', 'gold-1.0'))).toEqual({ kind: 'piece', lotId: 'L-26-R1-000123', designSku: 'BR-CUF-001', finish: 'gold-1.0' });
    expect(readScannedCode('DN-26-00417')).toEqual({ kind: 'other', code: 'DN-26-00417' });
    expect(() => pieceTagCode('L-26-R1-000123', 'BR CUF', 'gold')).toThrow(expect.objectContaining({ code: 'labels.badCode' }));
  });
});
