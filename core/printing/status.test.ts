import { describe, expect, it } from 'vitest';
import { blocker, parseHostStatus, parseIdentification, parseRealTimeStatus } from './status';

// The printers' own answers, laid out as the ZPL and ESC/POS manuals give them.
const hs = (one: string, two: string) => Buffer.from(`\x02${one}\x03\r\n\x02${two}\x03\r\n\x021234,0\x03\r\n`, 'latin1');

describe('ZPL ~HS host status', () => {
  it('reads a ready printer, paper out, pause, head open and ribbon out from the three strings', () => {
    const ready = parseHostStatus(hs('030,0,0,1245,000,0,0,0,000,0,0,0', '001,0,0,0,1,2,6,0,00000000,1,000'));
    expect(ready).toEqual({ online: true, paperOut: false, paused: false, headOpen: false, ribbonOut: false });
    expect(blocker(ready!)).toBeNull();
    expect(blocker(parseHostStatus(hs('030,1,0,1245,000,0,0,0,000,0,0,0', '001,0,0,0,1,2,6,0,00000000,1,000'))!)).toBe('paperOut');
    expect(blocker(parseHostStatus(hs('030,0,1,1245,000,0,0,0,000,0,0,0', '001,0,0,0,1,2,6,0,00000000,1,000'))!)).toBe('paused');
    expect(blocker(parseHostStatus(hs('030,0,0,1245,000,0,0,0,000,0,0,0', '001,0,1,0,1,2,6,0,00000000,1,000'))!)).toBe('headOpen');
    expect(blocker(parseHostStatus(hs('030,0,0,1245,000,0,0,0,000,0,0,0', '001,0,0,1,1,2,6,0,00000000,1,000'))!)).toBe('ribbonOut');
  });

  it('refuses what is not a host status answer', () => {
    expect(parseHostStatus(Buffer.from('hello\r\n'))).toBeNull();
    expect(parseHostStatus(Buffer.from('\x02030\x03'))).toBeNull();
  });

  it('reads the resolution from ~HI (dots per millimetre)', () => {
    expect(parseIdentification(Buffer.from('\x02ZD421-203dpi,V93.21.26Z,8,8176KB\x03\r\n', 'latin1'))).toBe(203);
    expect(parseIdentification(Buffer.from('\x02ZT411-300dpi,V75.20.01Z,12,8176KB\x03\r\n', 'latin1'))).toBe(300);
  });
});

describe('ESC/POS DLE EOT real-time status', () => {
  it('reads online, cover open and paper end from the printer, offline-cause and roll-sensor bytes', () => {
    expect(parseRealTimeStatus(Buffer.from([0x12, 0x12, 0x12]))).toMatchObject({ online: true, paperOut: false, headOpen: false });
    expect(blocker(parseRealTimeStatus(Buffer.from([0x1a, 0x16, 0x12]))!)).toBe('headOpen');
    expect(blocker(parseRealTimeStatus(Buffer.from([0x1a, 0x32, 0x72]))!)).toBe('paperOut');
    expect(blocker(parseRealTimeStatus(Buffer.from([0x1a, 0x12, 0x12]))!)).toBe('offline');
  });

  it('refuses bytes that are not status bytes (bit 4 set, bits 0 and 7 clear)', () => {
    expect(parseRealTimeStatus(Buffer.from([0x41, 0x42, 0x43]))).toBeNull();
    expect(parseRealTimeStatus(Buffer.from([0x12, 0x12]))).toBeNull();
  });
});
