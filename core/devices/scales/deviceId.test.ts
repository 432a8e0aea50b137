import { describe, expect, it } from 'vitest';
import { parseScaleAddress } from './deviceId';
import { hidScalesAmong } from './discover';

describe('parseScaleAddress', () => {
  it.each([
    ['serial:/dev/ttyUSB0', { kind: 'serial', path: '/dev/ttyUSB0' }],
    ['serial:COM3', { kind: 'serial', path: 'COM3' }],
    ['hid:0922:8003', { kind: 'hid', vendorId: 0x0922, productId: 0x8003 }],
    ['hid:eb8:F000', { kind: 'hid', vendorId: 0x0eb8, productId: 0xf000 }],
    ['sim:desk', { kind: 'sim', name: 'desk' }],
  ])('%s', (device, address) => {
    expect(parseScaleAddress(device)).toEqual(address);
  });

  it.each(['', 'serial:', 'hid:0922', 'hid:09228:1', 'hid:xyz:1', 'usb:1:2', '/dev/ttyUSB0', 'sim:'])('refuses "%s" with a clear message', (device) => {
    expect(() => parseScaleAddress(device)).toThrow(/serial:PATH, hid:VID:PID/);
  });
});

describe('hidScalesAmong', () => {
  it('finds known scales and anything on the scale usage page, once per device', () => {
    const found = hidScalesAmong([
      { vendorId: 0x0922, productId: 0x8003, usagePage: 0x8d, manufacturer: 'DYMO', product: 'M10 10 Kg Digital Postal Scale' },
      { vendorId: 0x0922, productId: 0x8003, usagePage: 0xff00 }, // the same scale's other interface
      { vendorId: 0x1234, productId: 0x0001, usagePage: 0x8d, product: 'Bench scale' },
      { vendorId: 0x046d, productId: 0xc52b, usagePage: 0x01, product: 'Keyboard' },
    ]);
    expect(found).toEqual([
      { device: 'hid:0922:8003', kind: 'hid', name: 'DYMO M10 10 Kg Digital Postal Scale', note: 'known scale (Dymo M10 postal)' },
      { device: 'hid:1234:0001', kind: 'hid', name: 'Bench scale', note: 'on the HID scale usage page' },
    ]);
  });
});
