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
